"""One YAML file per announcement in `announcements/`, read and validated.

A bad file is refused with an error naming the file and the field, so a content owner can fix it
from the message alone; the other files still count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.common.build.intent_files import LANGUAGES, TOPICS

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
FIELDS = ("id", "topics", "valid_from", "valid_until", "text", "banner")
REQUIRED = ("id", "topics", "valid_from", "valid_until", "text")
MAX_TEXT_CHARS = 500
SUFFIXES = (".yml", ".yaml")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AnnouncementError(ValueError):
    """A file that is not a valid announcement; names the file and the field."""

    def __init__(self, path: Path, field: str | None, message: str) -> None:
        self.path = path
        self.field = field
        self.message = message
        where = f"{path}: {field}" if field else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Announcement:
    id: str
    topics: frozenset[str]
    valid_from: datetime
    valid_until: datetime
    text: dict[str, str]
    banner: bool = False

    def valid_at(self, moment: datetime) -> bool:
        return self.valid_from <= moment < self.valid_until


def _moment(path: Path, field: str, value: Any) -> datetime:
    """YAML reads an unquoted timestamp as a datetime; a quoted one is a string: take both."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        raise AnnouncementError(
            path, field, "must be a date and time such as 2026-12-01T18:00:00+03:00"
        )
    if value.tzinfo is None:
        raise AnnouncementError(
            path, field, "needs a timezone, such as +03:00 for Moscow or Z for UTC"
        )
    return value


def _topics(path: Path, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise AnnouncementError(path, "topics", "must be a non-empty list, such as [payment]")
    unknown = [str(topic) for topic in value if topic not in TOPICS]
    if unknown:
        raise AnnouncementError(
            path, "topics", f"unknown {', '.join(unknown)}; use some of {', '.join(TOPICS)}"
        )
    return frozenset(value)


def _texts(path: Path, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise AnnouncementError(path, "text", f"must have a text for each of {LANGUAGES}")
    texts = {}
    for language in LANGUAGES:
        field = f"text.{language}"
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise AnnouncementError(path, field, "is missing or empty")
        if len(text) > MAX_TEXT_CHARS:
            raise AnnouncementError(path, field, f"is over {MAX_TEXT_CHARS} characters")
        texts[language] = text.strip()
    extra = sorted(set(map(str, value)) - set(LANGUAGES))
    if extra:
        raise AnnouncementError(path, "text", f"unknown language {', '.join(extra)}")
    return texts


def read_announcement(path: Path) -> Announcement:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AnnouncementError(path, None, f"cannot be read as YAML: {error}") from None
    if not isinstance(raw, dict):
        raise AnnouncementError(path, None, f"must be a mapping with {', '.join(REQUIRED)}")
    unknown = sorted(set(map(str, raw)) - set(FIELDS))
    if unknown:
        raise AnnouncementError(path, unknown[0], f"unknown field; known: {', '.join(FIELDS)}")
    for name in REQUIRED:
        if name not in raw:
            raise AnnouncementError(path, name, "is required")
    announcement_id = raw["id"]
    if not isinstance(announcement_id, str) or not ID_PATTERN.match(announcement_id):
        raise AnnouncementError(path, "id", "must be 1-64 characters: a-z, 0-9, - and _")
    if announcement_id != path.stem:
        raise AnnouncementError(path, "id", f"must match the file name ({path.stem})")
    banner = raw.get("banner", False)
    if not isinstance(banner, bool):
        raise AnnouncementError(path, "banner", "must be true or false")
    valid_from = _moment(path, "valid_from", raw["valid_from"])
    valid_until = _moment(path, "valid_until", raw["valid_until"])
    if valid_until <= valid_from:
        raise AnnouncementError(path, "valid_until", "must be later than valid_from")
    return Announcement(
        announcement_id,
        _topics(path, raw["topics"]),
        valid_from,
        valid_until,
        _texts(path, raw["text"]),
        banner,
    )


def announcement_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load_announcements(folder: Path) -> tuple[list[Announcement], list[AnnouncementError]]:
    """Every valid announcement in `folder`, and an error for each file that is not."""
    found: list[Announcement] = []
    errors: list[AnnouncementError] = []
    for path in announcement_files(folder):
        try:
            announcement = read_announcement(path)
        except AnnouncementError as error:
            errors.append(error)
            continue
        if any(a.id == announcement.id for a in found):
            errors.append(AnnouncementError(path, "id", "another file has the same id"))
        else:
            found.append(announcement)
    return found, errors
