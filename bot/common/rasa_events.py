"""Rasa's copy of a conversation: the events in the tracker store (SQLite in the data folder or
the PostgreSQL of ASSISTANT_TRACKER_STORE_URL). Blocking calls: run them through Database.run.

Rasa's HTTP API cannot delete a conversation: `PUT /conversations/<id>/tracker/events` with an
empty list replaces the events in memory, but Rasa 3.6's SQL tracker store only ever appends
(`SQLTrackerStore.save` writes the events it has not stored yet), so every old event stays in
the table. The gateway therefore deletes the rows of Rasa's `events` table itself; Rasa reads
the tracker from the table on every message, so the next message starts a fresh conversation.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.sql import Select

from bot.common.sql import call_with_retry

# Only the columns used here, named as rasa.core.tracker_store.SQLTrackerStore.SQLEvent names them.
events = Table(
    "events",
    MetaData(),
    Column("sender_id", String(255)),
    Column("timestamp", Float),
)


class TrackerStoreError(Exception):
    """Rasa's tracker store could not be reached; nothing was deleted there."""


def _missing_table(error: Exception) -> bool:
    """Rasa has not started yet with this store: there is nothing to delete."""
    message = str(getattr(error, "orig", error)).lower()
    return "no such table" in message or "does not exist" in message


class TrackerEvents:
    def __init__(self, url: str, timeout_seconds: float) -> None:
        self._url = url
        self._timeout = timeout_seconds
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """Created on first use: the gateway starts without touching Rasa's database."""
        if self._engine is None:
            if self._url.startswith("sqlite"):
                connect_args: dict[str, object] = {"timeout": self._timeout}
            else:
                connect_args = {"connect_timeout": max(1, round(self._timeout))}
            self._engine = create_engine(self._url, future=True, connect_args=connect_args)
        return self._engine

    def _delete_once(self, condition: object) -> int:
        with self.engine.begin() as connection:
            return int(connection.execute(delete(events).where(condition)).rowcount)

    def _delete(self, condition: object) -> int:
        """A busy store is retried like the gateway's own; any other failure is one error."""
        try:
            return call_with_retry(self._delete_once, condition)
        except (OperationalError, ProgrammingError) as error:
            if _missing_table(error):
                return 0
            raise TrackerStoreError(type(error).__name__) from error

    def erase(self, sender_id: str) -> int:
        """Deletes every event of one conversation; returns how many there were."""
        return self._delete(events.c.sender_id == sender_id)

    @staticmethod
    def _quiet(cutoff: float) -> Select:
        return (
            select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(func.max(events.c.timestamp) < cutoff)
        )

    def purge(self, cutoff: float) -> int:
        """Deletes the conversations whose latest event is older than `cutoff`, whole."""
        return self._delete(events.c.sender_id.in_(self._quiet(cutoff)))

    def count_quiet(self, cutoff: float) -> int:
        """How many conversations `purge(cutoff)` would delete."""
        try:
            with self.engine.connect() as connection:
                query = select(func.count()).select_from(self._quiet(cutoff).subquery())
                return int(connection.execute(query).scalar_one())
        except (OperationalError, ProgrammingError) as error:
            if _missing_table(error):
                return 0
            raise TrackerStoreError(type(error).__name__) from error

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
