"""Working hours from the agents file: days, time zone, shifts over midnight, bad values."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.common.settings import ConfigError
from bot.gateway.desk.hours import parse_working_hours

WEEKDAYS = {"timezone": "Europe/Moscow", "days": ["mon", "tue", "wed", "thu", "fri"]}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_office_hours_in_the_configured_zone():
    hours = parse_working_hours({**WEEKDAYS, "from": "09:00", "to": "18:00"}, "f")
    assert hours is not None
    assert hours.open_at(utc("2026-11-23T06:00:00"))  # Monday 09:00 in Moscow
    assert not hours.open_at(utc("2026-11-23T05:59:00"))  # 08:59
    assert not hours.open_at(utc("2026-11-23T15:00:00"))  # 18:00: closed
    assert not hours.open_at(utc("2026-11-22T10:00:00"))  # Sunday


def test_a_night_shift_runs_past_midnight():
    hours = parse_working_hours(
        {"timezone": "UTC", "days": ["fri"], "from": "22:00", "to": "06:00"}, "f"
    )
    assert hours is not None
    assert hours.open_at(utc("2026-11-27T23:00:00"))  # Friday night
    assert hours.open_at(utc("2026-11-28T05:00:00"))  # Saturday early: still Friday's shift
    assert not hours.open_at(utc("2026-11-28T23:00:00"))  # Saturday night


def test_absent_means_always_open():
    assert parse_working_hours(None, "f") is None


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({**WEEKDAYS, "timezone": "Mars/Base", "from": "09:00", "to": "18:00"}, "timezone"),
        ({**WEEKDAYS, "days": ["someday"], "from": "09:00", "to": "18:00"}, "days"),
        ({**WEEKDAYS, "from": "9am", "to": "18:00"}, "from"),
        ({**WEEKDAYS, "from": "09:00", "to": "09:00"}, "must differ"),
        ("always", "mapping"),
    ],
)
def test_bad_hours_name_the_key(raw, named: str):
    with pytest.raises(ConfigError, match=named):
        parse_working_hours(raw, "agents.yml")
