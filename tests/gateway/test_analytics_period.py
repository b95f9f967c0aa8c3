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
        ({"from": "2020-01-01", "to": "2026-11-01"}, "from"),
    ],
)
def test_bad_dates_name_the_parameter(query, field):
    with pytest.raises(PeriodError) as error:
        parse_period(query, TODAY)
    assert error.value.field == field and error.value.message
