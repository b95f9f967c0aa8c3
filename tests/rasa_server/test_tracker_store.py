"""The default tracker store: Rasa's SQL store on SQLite, pooled and in WAL mode, named in the
endpoints file the supervisor writes."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

from sqlalchemy.pool import QueuePool

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.utils.common import class_from_module_path

    from bot.rasa_server.tracker_store import SQLiteTrackerStore

from bot.common.settings import Settings
from bot.supervisor.rasa_files import SQLITE_TRACKER_STORE, tracker_store

DOMAIN = Domain.from_dict({"slots": {"customer_name": {"type": "text", "mappings": []}}})


def make_store(path: Path, store_class: type[SQLTrackerStore] = SQLiteTrackerStore):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa 3.6 builds its URL the deprecated way
        return store_class(domain=DOMAIN, dialect="sqlite", db=str(path))


def two_sessions(sender: str) -> DialogueStateTracker:
    """A conversation with a slot, an intent and a second session started an hour later."""
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for at, turn in ((1000.0, "первая"), (4600.0, "вторая")):
        tracker.update(ActionExecuted("action_session_start", timestamp=at))
        tracker.update(SessionStarted(timestamp=at))
        tracker.update(ActionExecuted("action_listen", timestamp=at))
        parse = {"intent": {"name": "greet", "confidence": 0.9}, "entities": []}
        tracker.update(UserUttered(f"{turn} сессия", parse, timestamp=at + 1))
        tracker.update(SlotSet("customer_name", "Анна", timestamp=at + 2))
        tracker.update(BotUttered(f"ответ: {turn}", timestamp=at + 3))
    return tracker


def stored_rows(path: Path, sender: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events WHERE sender_id = ? ORDER BY id",
            (sender,),
        ).fetchall()


async def test_rows_and_trackers_are_the_ones_rasas_own_store_writes_and_reads(tmp_path: Path):
    ours = make_store(tmp_path / "ours.db")
    rasas = make_store(tmp_path / "rasa.db", SQLTrackerStore)
    for store in (ours, rasas):
        await store.save(two_sessions("customer"))
        tracker = await store.retrieve("customer")  # the latest session, as Rasa reads it
        tracker.update(UserUttered("ещё вопрос", timestamp=5000.0))
        await store.save(tracker)  # only the new event is added
    assert stored_rows(tmp_path / "ours.db", "customer") == stored_rows(
        tmp_path / "rasa.db", "customer"
    )
    assert len(stored_rows(tmp_path / "ours.db", "customer")) == 13
    for path in (tmp_path / "ours.db", tmp_path / "rasa.db"):
        ours_reading = make_store(path)
        rasa_reading = make_store(path, SQLTrackerStore)
        latest = await ours_reading.retrieve("customer")
        assert latest.current_state() == (await rasa_reading.retrieve("customer")).current_state()
        assert [e.text for e in latest.events if isinstance(e, UserUttered)] == [
            "вторая сессия",
            "ещё вопрос",
        ]
        assert latest.get_slot("customer_name") == "Анна"
        full = await ours_reading.retrieve_full_tracker("customer")
        assert (
            full.current_state()
            == (await rasa_reading.retrieve_full_tracker("customer")).current_state()
        )
        assert len(full.events) == 13


async def test_an_unknown_conversation_is_none_and_others_are_untouched(tmp_path: Path):
    store = make_store(tmp_path / "tracker.db")
    await store.save(two_sessions("someone else"))
    assert await store.retrieve("nobody") is None
    assert await store.retrieve_full_tracker("nobody") is None
    assert len((await store.retrieve("someone else")).events) == 6


async def test_turns_are_kept_in_a_wal_file_and_read_back_by_a_new_store(tmp_path: Path):
    path = tmp_path / "tracker.db"
    store = make_store(path)
    assert isinstance(store.engine.pool, QueuePool)
    for turn in range(3):
        tracker = await store.retrieve("customer") or DialogueStateTracker("customer", [])
        tracker.update(UserUttered(f"вопрос {turn}"))
        tracker.update(BotUttered(f"ответ {turn}"))
        await store.save(tracker)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = await make_store(path).retrieve("customer")
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == [
        "вопрос 0",
        "вопрос 1",
        "вопрос 2",
    ]


def test_the_supervisor_names_it_for_sqlite_and_rasas_own_store_for_postgresql(tmp_path: Path):
    default = tracker_store(Settings(data_dir=tmp_path))
    assert default == {
        "type": SQLITE_TRACKER_STORE,
        "dialect": "sqlite",
        "db": str(tmp_path / "tracker.db"),
    }
    assert class_from_module_path(default["type"]) is SQLiteTrackerStore
    absolute = tracker_store(Settings(tracker_store_url="sqlite:////srv/chat/tracker.db"))
    assert absolute["type"] == SQLITE_TRACKER_STORE
    assert absolute["db"] == "/srv/chat/tracker.db"
    postgres = tracker_store(Settings(tracker_store_url="postgresql://rasa:pw@db:5432/rasa"))
    assert postgres["type"] == "SQL"
    assert postgres["db"] == "rasa"


def test_a_relative_sqlite_path_stays_relative():
    store = tracker_store(Settings(tracker_store_url="sqlite:///relative/tracker.db"))
    assert store["db"] == "relative/tracker.db"
