"""Rasa's own SQL tracker store on a temporary SQLite file, for the tests that erase from it."""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker


def rasa_store(where: Path | str) -> SQLTrackerStore:
    """A SQLite file, or a postgresql:// URL (configured the way bot/supervisor/rasa_files.py
    configures the Rasa server)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa 3.6 builds its URL the deprecated way
        if isinstance(where, Path):
            return SQLTrackerStore(dialect="sqlite", db=str(where))
        url = urlsplit(where)
        return SQLTrackerStore(
            dialect="postgresql",
            host=url.hostname,
            port=url.port,
            db=url.path.lstrip("/"),
            username=url.username,
        )


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
