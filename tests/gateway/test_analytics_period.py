"""The date range of an analytics request and its validation."""

from __future__ import annotations

from datetime import date

import pytest

from bot.gateway.analytics.period import Period, PeriodError, parse_period

TODAY = date(2026, 11, 30)


def test_default_is_the_last_thirty_days():
    assert parse_period({}, TODAY) == Period(date(2026, 11, 1), TODAY)


def test_both_days_are_included():
    period = parse_period({"from": "2026-11-02", "to": "2026-11-02"}, TODAY)
    assert period.end - period.start == 86400
    assert period.as_dict() == {"from": "2026-11-02", "to": "2026-11-02"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "02.11.2026"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"from": "2026-11-20", "to": "2026-11-01"}, "from"),
        ({"from": "2016-01-01", "to": "2026-11-01"}, "from"),
        ({"from": "1969-12-31", "to": "1970-01-01"}, "from"),
        ({"to": "3000-01-01"}, "to"),
    ],
)
def test_bad_dates_name_the_parameter(query, field):
    with pytest.raises(PeriodError) as error:
        parse_period(query, TODAY)
    assert error.value.field == field and error.value.message


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"from": "2026-11-20", "to": "2026-11-01"}, "end_before_start"),
        ({"from": "2010-01-01", "to": "2026-11-01"}, "too_long"),
        ({"from": "yesterday"}, "not_a_date"),
    ],
)
def test_each_kind_of_bad_range_has_its_own_code(query, problem):
    with pytest.raises(PeriodError) as error:
        parse_period(query, TODAY)
    assert error.value.problem == problem


def test_one_day_is_one_daily_step():
    period = parse_period({"from": "2026-11-02", "to": "2026-11-02"}, TODAY)
    assert (period.step, period.buckets()) == ("day", [date(2026, 11, 2)])


def test_three_months_are_days_and_longer_ranges_weeks_then_months():
    assert parse_period({"from": "2026-09-01", "to": "2026-11-30"}, TODAY).step == "day"
    weekly = parse_period({"from": "2026-01-01", "to": "2026-11-30"}, TODAY)
    assert weekly.step == "week"
    starts = weekly.buckets()
    assert starts[0] == date(2026, 1, 1)  # a Thursday: the first week is cut to the range
    assert all(day.weekday() == 0 for day in starts[1:]) and starts[1] == date(2026, 1, 5)
    assert weekly.bucket(date(2026, 1, 3)) == date(2026, 1, 1)
    assert weekly.bucket(date(2026, 1, 7)) == date(2026, 1, 5)


def test_ten_years_are_a_hundred_and_twenty_months():
    period = parse_period({"from": "2016-12-01", "to": "2026-11-30"}, TODAY)
    starts = period.buckets()
    assert period.step == "month" and len(starts) == 120
    assert starts[0] == date(2016, 12, 1) and starts[-1] == date(2026, 11, 1)
    assert period.bucket(date(2020, 2, 29)) == date(2020, 2, 1)
