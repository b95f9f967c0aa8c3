"""Rasa's own SQL tracker store on a temporary SQLite file, for the tests that erase from it."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker


def rasa_store(path: Path) -> SQLTrackerStore:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa 3.6 builds its URL the deprecated way
        return SQLTrackerStore(dialect="sqlite", db=str(path))


async def say(store: SQLTrackerStore, sender: str, text: str, at: float | None = None) -> None:
    """One customer message and the bot's answer, saved the way the Rasa server saves them."""
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
    moment = at or time.time()
    tracker.update(UserUttered(text, timestamp=moment))
    tracker.update(BotUttered(f"re: {text}", timestamp=moment + 1))
    await store.save(tracker)


async def event_count(store: SQLTrackerStore, sender: str) -> int:
    tracker = await store.retrieve_full_tracker(sender)
    return len(tracker.events) if tracker else 0
