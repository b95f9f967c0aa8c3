"""Deleting a conversation's personal data: on the customer's request (DELETE /api/chat) and
when it is older than the retention period (`python -m bot.gateway.store purge`). Blocking
calls: run them through Database.run.

Every table with a `conversation` column loses the conversation's rows, so a table added later
(analytics, announcements) is covered without a change here. An open case is kept, with the
conversation row it belongs to: it is the customer's request a person is working on, and the
agent needs its contact to answer it; its transcript goes with the messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from bot.gateway.store.schema import conversations, handoffs, messages, metadata, notes
from bot.gateway.store.states import OPEN_STATES

PURGE_BATCH = 500


@dataclass
class Erased:
    """Rows deleted per table; `kept_case` is the id of an open case left in place."""

    rows: Counter[str] = field(default_factory=Counter)
    kept_case: int | None = None
    conversations: int = 0


def _erase(connection: Connection, conversation: str, erased: Erased) -> None:
    open_case = connection.execute(
        select(handoffs.c.id).where(
            and_(handoffs.c.conversation == conversation, handoffs.c.state.in_(OPEN_STATES))
        )
    ).scalar()
    closed = select(handoffs.c.id).where(
        and_(handoffs.c.conversation == conversation, handoffs.c.state == "closed")
    )
    erased.rows["notes"] += connection.execute(
        delete(notes).where(notes.c.handoff_id.in_(closed))
    ).rowcount
    erased.rows["handoffs"] += connection.execute(
        delete(handoffs).where(
            and_(handoffs.c.conversation == conversation, handoffs.c.state == "closed")
        )
    ).rowcount
    if open_case is not None:
        # Its transcript lives in the case record: the agent still sees what was asked.
        erased.kept_case = open_case
    for table in reversed(metadata.sorted_tables):  # tables that refer to others go first
        if table is not handoffs and "conversation" in table.c:
            erased.rows[table.name] += connection.execute(
                delete(table).where(table.c.conversation == conversation)
            ).rowcount
    if open_case is None:
        deleted = connection.execute(
            delete(conversations).where(conversations.c.id == conversation)
        ).rowcount
        erased.conversations += deleted
    else:
        connection.execute(
            update(conversations)
            .where(conversations.c.id == conversation)
            .values(metadata_json="{}", language=None)
        )


class ErasureStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def erase(self, conversation: str) -> Erased:
        """Everything of one conversation but an open case, in one transaction."""
        erased = Erased()
        with self._engine.begin() as connection:
            _erase(connection, conversation, erased)
        return erased

    def expired(self, cutoff: float, limit: int | None = PURGE_BATCH) -> list[str]:
        """Conversations quiet since before `cutoff` (no message, no case change) and with no
        open case: the retention period counts from the last contact."""
        last_message = (
            select(messages.c.conversation, func.max(messages.c.ts).label("last"))
            .group_by(messages.c.conversation)
            .subquery()
        )
        recent_case = exists().where(
            and_(
                handoffs.c.conversation == conversations.c.id,
                or_(handoffs.c.state.in_(OPEN_STATES), handoffs.c.updated_at >= cutoff),
            )
        )
        query = (
            select(conversations.c.id)
            .select_from(
                conversations.outerjoin(
                    last_message, last_message.c.conversation == conversations.c.id
                )
            )
            .where(
                and_(
                    func.coalesce(last_message.c.last, conversations.c.created_at) < cutoff,
                    ~recent_case,
                )
            )
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def purge(self, conversations_to_erase: list[str]) -> Erased:
        erased = Erased()
        with self._engine.begin() as connection:
            for conversation in conversations_to_erase:
                _erase(connection, conversation, erased)
        return erased
