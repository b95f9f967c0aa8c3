"""Which conversations of a period changed since it was last read, so that a page load after a few
new messages reads those conversations again instead of all of them. Blocking: Database.run.

A conversation changed when it is new, got a turn or a rating since (ids only grow: sqlite
autoincrement, PostgreSQL sequences), or its first case or number of cases differs (a claim or a
close changes no id). Deletions (an erasure, a purge) are seen by the counts: when the turns or
ratings now stored are fewer than before plus those added since, the period is read again whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from bot.gateway.analytics.period import Period
from bot.gateway.analytics.records import ConversationRow, cases_of, started
from bot.gateway.store.schema import conversations, ratings, turns


@dataclass(frozen=True)
class Marks:
    turn_id: int
    rating_id: int
    turns: int
    ratings: int


@dataclass(frozen=True)
class Changes:
    marks: Marks
    changed: frozenset[str]  # to read again: new or changed conversations
    gone: frozenset[str]  # erased


def read_marks(connection: Connection) -> Marks:
    turn_id, turn_count = connection.execute(
        select(func.coalesce(func.max(turns.c.message_id), 0), func.count())
    ).one()
    rating_id, rating_count = connection.execute(
        select(func.coalesce(func.max(ratings.c.id), 0), func.count())
    ).one()
    return Marks(int(turn_id), int(rating_id), int(turn_count), int(rating_count))


def marks(engine: Engine) -> Marks:
    with engine.connect() as connection:
        return read_marks(connection)


def _added(connection: Connection, column: Any, since: int) -> int:
    return int(connection.execute(select(func.count()).where(column > since)).scalar_one())


def _conversations_with(
    connection: Connection, column: Any, conversation: Any, since: int, period: Period
) -> set[str]:
    """The period's conversations with a row of `column`'s table added since."""
    return set(
        connection.execute(
            select(conversation)
            .distinct()
            .join(conversations, conversations.c.id == conversation)
            .where(started(period), column > since)
        ).scalars()
    )


def changes_since(
    engine: Engine, period: Period, rows: dict[str, ConversationRow], old: Marks
) -> Changes | None:
    """None when something was deleted that only reading the period again can account for."""
    with engine.connect() as connection:
        now = read_marks(connection)
        new_turns = _added(connection, turns.c.message_id, old.turn_id)
        new_ratings = _added(connection, ratings.c.id, old.rating_id)
        if now.turns != old.turns + new_turns or now.ratings != old.ratings + new_ratings:
            return None
        ids = set(connection.execute(select(conversations.c.id).where(started(period))).scalars())
        changed = ids - set(rows)
        if new_turns:
            changed |= _conversations_with(
                connection, turns.c.message_id, turns.c.conversation, old.turn_id, period
            )
        if new_ratings:
            changed |= _conversations_with(
                connection, ratings.c.id, ratings.c.conversation, old.rating_id, period
            )
        cases = cases_of(connection, started(period))
    for conversation, row in rows.items():
        if conversation in ids and cases.get(conversation, (None, 0)) != (row.case, row.cases):
            changed.add(conversation)
    return Changes(now, frozenset(changed), frozenset(set(rows) - ids))
