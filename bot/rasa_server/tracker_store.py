"""Rasa's SQL tracker store on SQLite in write-ahead-log mode, the default store.

Rasa opens SQLite without a connection pool and in its default rollback-journal mode, so every
saved turn opens the file and waits for the disk twice. Here the connections are pooled and the
file is in WAL mode with synchronous=NORMAL, where a commit is an append: retrieve + save of a
tracker 2.6 ms instead of 7.1 ms. A crash of the process loses nothing; a power cut can lose the
last turns. The settings are the gateway's own database's (bot/gateway/store/database.py).

Reading and saving a conversation, twice per customer message, then spent most of their time
building ORM queries and objects (about 4 ms per message in `bench.latency`'s profile). They run
here as the same three SQL statements Rasa's ORM issues, written out once: same table, same rows,
same events back, so Rasa's own store reads what this one writes and the other way round
(tests/bot/test_sqlite_tracker_store.py).
Named by module path in endpoints.yml (bot/supervisor/rasa_files.py); loaded by the Rasa server.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot.common.sql import set_sqlite_pragmas

# Rasa's `_event_query`: the sender's events from the latest session start on (all of them when
# no session has started), in the order they were stored.
LATEST_SESSION = """
    FROM events
    WHERE sender_id = :sender AND (
        (SELECT max(timestamp) FROM events
         WHERE sender_id = :sender AND type_name = :session_started) IS NULL
        OR timestamp >= (SELECT max(timestamp) FROM events
                         WHERE sender_id = :sender AND type_name = :session_started))
"""
EVENTS_OF_LATEST_SESSION = f"SELECT data {LATEST_SESSION} ORDER BY id"
EVENTS_OF_ALL_SESSIONS = "SELECT data FROM events WHERE sender_id = :sender ORDER BY id"
COUNT_OF_LATEST_SESSION = f"SELECT count(*) {LATEST_SESSION}"
INSERT_EVENT = (
    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def event_row(sender_id: str, tracker_event: Event) -> tuple[Any, ...]:
    """The columns Rasa's `SQLTrackerStore.save` fills for one event."""
    data = tracker_event.as_dict()
    intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
    return (
        sender_id,
        tracker_event.type_name,
        data.get("timestamp"),
        intent,
        data.get("name"),
        json.dumps(data),
    )


class SQLiteTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # creates the tables through Rasa's own engine
        url = self.engine.url
        self.engine.dispose()
        self.engine = create_engine(
            url, poolclass=QueuePool, connect_args={"check_same_thread": False}
        )
        event.listen(self.engine, "connect", set_sqlite_pragmas)
        self.sessionmaker = sessionmaker(bind=self.engine)

    @contextmanager
    def _sqlite(self) -> Iterator[Any]:
        """A pooled sqlite3 connection; whatever is not committed is rolled back on return."""
        connection = self.engine.raw_connection()
        try:
            yield connection
        finally:
            connection.close()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        all_sessions = fetch_events_from_all_sessions
        query = EVENTS_OF_ALL_SESSIONS if all_sessions else EVENTS_OF_LATEST_SESSION
        with self._sqlite() as connection:
            rows = connection.execute(query, self._parameters(sender_id)).fetchall()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for (data,) in rows], self.domain.slots
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        with self._sqlite() as connection:
            (stored,) = connection.execute(
                COUNT_OF_LATEST_SESSION, self._parameters(sender_id)
            ).fetchone()
            new_events = itertools.islice(tracker.events, stored, len(tracker.events))
            connection.executemany(INSERT_EVENT, [event_row(sender_id, e) for e in new_events])
            connection.commit()

    @staticmethod
    def _parameters(sender_id: str) -> dict[str, str]:
        return {"sender": sender_id, "session_started": SessionStarted.type_name}
