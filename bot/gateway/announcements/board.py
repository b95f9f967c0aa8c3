"""The announcements in force and the topic of each intent, both re-read when their files change.

Publishing is saving a file: the folders are looked at (file sizes and times only) at most once
per `recheck_seconds`, so a message costs a few stat calls at most, and nothing needs a restart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

import yaml

from bot.common.build.announcement_files import Announcement, Loader, load_announcements
from bot.common.build.intent_files import SPECIAL_FILES
from bot.common.file_snapshot import Snapshot, snapshot

log = logging.getLogger("gateway")
T = TypeVar("T")


def read_intent_topics(folder: Path) -> dict[str, str]:
    """Intent name → `topic:` of its file; a file that cannot be read is left out."""
    topics = {}
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        if path.name in SPECIAL_FILES:
            continue
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(raw, dict) and isinstance(raw.get("intent"), str):
            topics[raw["intent"]] = str(raw.get("topic") or "")
    return topics


class _Watched(Generic[T]):
    """A value computed from a folder, recomputed when the folder's files change."""

    def __init__(self, folder: Path, read: Callable[[Path], T], empty: T) -> None:
        self._folder = folder
        self._read = read
        self._seen: Snapshot | None = None
        self.value = empty

    def refresh(self) -> None:
        current = snapshot(self._folder)
        if current != self._seen:
            self.value = self._read(self._folder)
            self._seen = current


class AnnouncementBoard:
    def __init__(
        self,
        folder: Path,
        intents: Path,
        recheck_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._announcements: _Watched[list[Announcement]] = _Watched(folder, self._load, [])
        self._topics: _Watched[dict[str, str]] = _Watched(intents, read_intent_topics, {})
        self._recheck = recheck_seconds
        self._clock = clock
        self._checked_at: float | None = None
        self._topics_due = True

    @staticmethod
    def _load(folder: Path) -> list[Announcement]:
        found, errors = load_announcements(folder)
        for error in errors:
            log.warning(
                "gateway.announcements.invalid file=%s field=%s problem=%s",
                error.path.name,
                error.field,
                error.message,
            )
        log.info("gateway.announcements.loaded count=%d", len(found))
        return found

    def _refresh(self) -> None:
        now = self._clock()
        if self._checked_at is not None and now - self._checked_at < self._recheck:
            return
        self._checked_at = now
        self._topics_due = True
        self._announcements.refresh()

    def valid(self, moment: datetime) -> list[Announcement]:
        self._refresh()
        return [a for a in self._announcements.value if a.valid_at(moment)]

    def for_intent(self, intent: str | None, moment: datetime) -> list[Announcement]:
        """Valid announcements on the intent's topic; the intent files are only read when some
        announcement is valid at all."""
        valid = self.valid(moment)
        if not valid or not intent:
            return []
        if self._topics_due:
            self._topics.refresh()
            self._topics_due = False
        topic = self._topics.value.get(intent)
        return [a for a in valid if topic in a.topics]

    def banners(self, moment: datetime) -> list[Announcement]:
        return [a for a in self.valid(moment) if a.banner]
