"""Announcement files: validation naming file and field, the validity window, topic matching,
and publishing by saving a file (re-read without a restart)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.common.build.announcement_files import (
    AnnouncementError,
    load_announcements,
    read_announcement,
)
from bot.common.settings import PROJECT_ROOT
from bot.content.check_announcements import announcement_problems
from bot.gateway.announcements.board import AnnouncementBoard

VALID = """\
id: {id}
topics: [payment]
valid_from: 2026-11-30T09:00:00+03:00
valid_until: 2026-11-30T18:00:00+03:00
banner: true
text:
  ru: Платежи картой проходят с задержкой до 18:00.
  en: Card payments are delayed until 18:00.
"""
DURING = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)  # 13:00 Moscow
AFTER = datetime(2026, 11, 30, 15, 0, tzinfo=timezone.utc)  # 18:00 Moscow: over


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def intents(folder: Path) -> Path:
    write(folder, "payment_failed", "intent: payment_failed\ntopic: payment\n")
    write(folder, "order_status", "intent: order_status\ntopic: orders\n")
    return folder


def test_a_valid_file_is_read_with_its_window_and_texts(tmp_path):
    notice = read_announcement(write(tmp_path, "card-delay", VALID.format(id="card-delay")))
    assert notice.topics == {"payment"} and notice.banner
    assert notice.text["en"] == "Card payments are delayed until 18:00."
    assert notice.valid_at(DURING) and not notice.valid_at(AFTER)
    assert not notice.valid_at(datetime(2026, 11, 30, 5, 59, tzinfo=timezone.utc))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("topics: [payment]", "topics: [payments]"), "topics"),
        (("topics: [payment]", "topics: []"), "topics"),
        (("2026-11-30T18:00:00+03:00", "2026-11-30T18:00:00"), "valid_until"),
        (("2026-11-30T18:00:00+03:00", "tomorrow"), "valid_until"),
        (("2026-11-30T18:00:00+03:00", "2026-11-30T08:00:00+03:00"), "valid_until"),
        (("  en: Card payments are delayed until 18:00.\n", ""), "text.en"),
        (("banner: true", "banner: maybe"), "banner"),
        (("banner: true", "colour: red"), "colour"),
        (("id: card-delay", "id: other-name"), "id"),
        (("id: card-delay\n", ""), "id"),
    ],
)
def test_a_bad_file_names_the_file_and_the_field(tmp_path, change, field):
    path = write(tmp_path, "card-delay", VALID.format(id="card-delay").replace(*change))
    with pytest.raises(AnnouncementError) as error:
        read_announcement(path)
    assert error.value.field == field
    assert str(error.value).startswith(f"{path}: {field}: ")


def test_a_broken_file_does_not_hide_the_good_ones(tmp_path):
    write(tmp_path, "good", VALID.format(id="good"))
    write(tmp_path, "broken", "id: [unclosed")
    found, errors = load_announcements(tmp_path)
    assert [a.id for a in found] == ["good"]
    assert [e.path.name for e in errors] == ["broken.yml"] and errors[0].field is None


def test_two_files_with_one_id_are_an_error(tmp_path):
    write(tmp_path, "same", VALID.format(id="same"))
    (tmp_path / "same.yaml").write_text(VALID.format(id="same"), encoding="utf-8")
    found, errors = load_announcements(tmp_path)
    assert len(found) == 1 and errors[0].field == "id" and "same id" in errors[0].message


def test_content_check_reports_the_file_field_and_line(tmp_path):
    write(tmp_path, "late", VALID.format(id="late").replace("+03:00\nbanner", "\nbanner"))
    problems = announcement_problems(tmp_path)
    assert len(problems) == 1
    assert problems[0].path.name == "late.yml" and problems[0].line == 4
    assert problems[0].message.startswith("valid_until: needs a timezone")


def test_the_shipped_example_is_valid_and_already_expired():
    found, errors = load_announcements(PROJECT_ROOT / "announcements")
    assert errors == [] and found
    assert not any(a.valid_at(datetime.now(timezone.utc)) for a in found)


def test_the_board_matches_the_intents_topic_while_valid(tmp_path):
    write(tmp_path / "announcements", "card-delay", VALID.format(id="card-delay"))
    board = AnnouncementBoard(tmp_path / "announcements", intents(tmp_path / "intents"))
    assert [a.id for a in board.for_intent("payment_failed", DURING)] == ["card-delay"]
    assert board.for_intent("order_status", DURING) == []
    assert board.for_intent(None, DURING) == []
    assert board.for_intent("payment_failed", AFTER) == []
    assert [a.id for a in board.banners(DURING)] == ["card-delay"]


def test_saving_a_file_publishes_it_without_a_restart(tmp_path):
    now = [0.0]
    folder = tmp_path / "announcements"
    folder.mkdir()
    board = AnnouncementBoard(folder, intents(tmp_path / "intents"), clock=lambda: now[0])
    assert board.valid(DURING) == []
    write(folder, "card-delay", VALID.format(id="card-delay"))
    assert board.valid(DURING) == [], "looked at most once a second"
    now[0] = 1.5
    assert [a.id for a in board.valid(DURING)] == ["card-delay"]
    (folder / "card-delay.yml").unlink()
    now[0] = 3.0
    assert board.valid(DURING) == []
