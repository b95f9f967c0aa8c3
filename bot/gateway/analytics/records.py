"""The stored facts of the conversations that started in a period: their turns, their first case
and their latest rating. Blocking calls: run them through Database.run.

Four queries over indexed columns (conversations by start time, then turns, cases and ratings by
conversation), whatever the number of conversations; no customer text is read here, except the
masked text of the unanswered questions for grouping (question_texts).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.expression import ColumnElement

from bot.common.masking import mask_personal_data
from bot.gateway.analytics.outcomes import TurnRow
from bot.gateway.analytics.period import Period
from bot.gateway.store.schema import conversations, handoffs, messages, ratings, turns

BATCH = 500  # ids per IN (...) list


@dataclass(frozen=True)
class CaseRow:
    """The conversation's first case."""

    reason: str
    created_at: float
    claimed_at: float | None
    closed_at: float | None


@dataclass
class ConversationRow:
    id: str
    created_at: float
    language: str | None
    turns: list[TurnRow] = field(default_factory=list)
    case: CaseRow | None = None
    cases: int = 0
    rating: int | None = None  # the latest


def started(period: Period) -> ColumnElement[bool]:
    return and_(conversations.c.created_at >= period.start, conversations.c.created_at < period.end)


def _replies(raw: str | None) -> tuple[str, ...] | None:
    return None if raw is None else tuple(raw.split())


def _scopes(period: Period, only: Collection[str] | None) -> list[ColumnElement[bool]]:
    """The period's conversations, or those of `only` among them, in batches."""
    if only is None:
        return [started(period)]
    ids = sorted(only)
    return [
        and_(started(period), conversations.c.id.in_(ids[i : i + BATCH]))
        for i in range(0, len(ids), BATCH)
    ]


def load_conversations(
    engine: Engine, period: Period, only: Collection[str] | None = None
) -> dict[str, ConversationRow]:
    """The period's conversations (or those of `only`), by id."""
    rows: dict[str, ConversationRow] = {}
    with engine.connect() as connection:
        for scope in _scopes(period, only):
            found = {
                row.id: ConversationRow(row.id, row.created_at, row.language)
                for row in connection.execute(
                    select(conversations.c.id, conversations.c.created_at, conversations.c.language)
                    .where(scope)
                    .order_by(conversations.c.id)
                ).all()
            }
            if found:
                _add_turns(connection, scope, found)
                for conversation, (case, count) in cases_of(connection, scope).items():
                    found[conversation].case, found[conversation].cases = case, count
                _add_ratings(connection, scope, found)
            rows.update(found)
    return rows


def _add_turns(
    connection: Connection, scope: ColumnElement[bool], rows: dict[str, ConversationRow]
) -> None:
    result = connection.execute(
        select(
            turns.c.conversation,
            turns.c.message_id,
            turns.c.intent,
            turns.c.confidence,
            turns.c.fallback,
            turns.c.article_id,
            turns.c.replies,
        )
        .join(conversations, conversations.c.id == turns.c.conversation)
        .where(scope)
        .order_by(turns.c.conversation, turns.c.message_id)
    )
    for conversation, message_id, intent, confidence, fallback, article, replies in result.all():
        rows[conversation].turns.append(
            TurnRow(message_id, intent, confidence, bool(fallback), article, _replies(replies))
        )


def cases_of(connection: Connection, scope: ColumnElement[bool]) -> dict[str, tuple[CaseRow, int]]:
    """Each conversation's first case and its number of cases."""
    result = connection.execute(
        select(
            handoffs.c.conversation,
            handoffs.c.reason,
            handoffs.c.created_at,
            handoffs.c.claimed_at,
            handoffs.c.closed_at,
        )
        .join(conversations, conversations.c.id == handoffs.c.conversation)
        .where(scope)
        .order_by(handoffs.c.id)
    )
    found: dict[str, tuple[CaseRow, int]] = {}
    for conversation, reason, created_at, claimed_at, closed_at in result.all():
        first, count = found.get(conversation, (None, 0))
        found[conversation] = (
            first or CaseRow(reason, created_at, claimed_at, closed_at),
            count + 1,
        )
    return found


def _add_ratings(
    connection: Connection, scope: ColumnElement[bool], rows: dict[str, ConversationRow]
) -> None:
    result = connection.execute(
        select(ratings.c.conversation, ratings.c.rating)
        .join(conversations, conversations.c.id == ratings.c.conversation)
        .where(scope)
        .order_by(ratings.c.id)
    )
    for conversation, rating in result.all():
        rows[conversation].rating = int(rating)  # the last one read is the latest


def question_texts(engine: Engine, message_ids: list[int]) -> list[tuple[int, str, str]]:
    """(message id, conversation, masked text) of the given customer messages, newest first."""
    found: list[tuple[int, str, str]] = []
    with engine.connect() as connection:
        for start in range(0, len(message_ids), BATCH):
            batch = message_ids[start : start + BATCH]
            found += [
                (row.id, row.conversation, mask_personal_data(row.text))
                for row in connection.execute(
                    select(messages.c.id, messages.c.conversation, messages.c.text).where(
                        messages.c.id.in_(batch)
                    )
                )
            ]
    found.sort(key=lambda item: -item[0])
    return found
