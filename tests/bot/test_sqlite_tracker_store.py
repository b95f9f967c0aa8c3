"""The default tracker store: Rasa's SQL store on SQLite, pooled and in WAL mode, named in the
endpoints file the supervisor writes."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

from sqlalchemy.pool import QueuePool

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.utils.common import class_from_module_path

    from bot.sqlite_tracker_store import SQLiteTrackerStore

from bot.settings import Settings
from bot.supervisor.rasa_files import SQLITE_TRACKER_STORE, tracker_store


def make_store(path: Path) -> SQLiteTrackerStore:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa 3.6 builds its URL the deprecated way
        return SQLiteTrackerStore(dialect="sqlite", db=str(path))


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
