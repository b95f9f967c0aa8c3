"""Announcement files (`announcements/*.yml`) checked like the other content: every bad file
reported with its name, the field and, where it can be found, the line."""

from __future__ import annotations

from pathlib import Path

from bot.common.build.announcement_files import AnnouncementError, load_announcements
from bot.common.build.errors import ContentProblem
from bot.common.build.intent_files import line_of

HINT = "see announcements/README.md"


def _line(error: AnnouncementError) -> int | None:
    if not error.field:
        return None
    try:
        text = error.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return line_of(text, error.field.split(".")[-1] + ":")


def announcement_problems(folder: Path) -> list[ContentProblem]:
    _, errors = load_announcements(folder)
    return [
        ContentProblem(
            error.path,
            f"{error.field}: {error.message}" if error.field else error.message,
            line=_line(error),
            hint=HINT,
        )
        for error in errors
    ]
