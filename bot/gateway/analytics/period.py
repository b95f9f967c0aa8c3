"""The date range of an analytics request: `from` and `to` as YYYY-MM-DD, both days included
(UTC), up to ten years. Bad values are refused with a message that says what is expected.

Trends are drawn per day for up to three months, per week (from Monday) for up to two years and
per month beyond; the first and last steps are cut to the range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

DEFAULT_DAYS = 30
MAX_DAYS = 3660  # ten years and a few days
DAILY_UP_TO_DAYS = 92
WEEKLY_UP_TO_DAYS = 731
EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)
Step = Literal["day", "week", "month"]


class PeriodError(ValueError):
    """A bad `from`/`to`; `field` names the parameter, `problem` is stable for clients:
    not_a_date, end_before_start or too_long."""

    def __init__(self, field: str, message: str, problem: str = "not_a_date") -> None:
        self.field = field
        self.message = message
        self.problem = problem
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date

    @property
    def start(self) -> float:
        """Epoch seconds of the first day's midnight (UTC)."""
        return datetime.combine(self.first_day, time(), timezone.utc).timestamp()

    @property
    def end(self) -> float:
        """Epoch seconds of the midnight after the last day: the range is [start, end)."""
        return self.start + ((self.last_day - self.first_day).days + 1) * 86400.0

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def step(self) -> Step:
        if self.days <= DAILY_UP_TO_DAYS:
            return "day"
        return "week" if self.days <= WEEKLY_UP_TO_DAYS else "month"

    def as_dict(self) -> dict[str, str]:
        return {"from": self.first_day.isoformat(), "to": self.last_day.isoformat()}

    def bucket(self, day: date) -> date:
        """The first day of the step `day` falls in, not before the range's first day."""
        if self.step == "week":
            day = day - timedelta(days=day.weekday())
        elif self.step == "month":
            day = day.replace(day=1)
        return max(day, self.first_day)

    def buckets(self) -> list[date]:
        """Every step of the range in order, empty ones included."""
        starts = []
        day = self.first_day
        while day <= self.last_day:
            starts.append(day)
            if self.step == "day":
                day = day + timedelta(days=1)
            elif self.step == "week":
                day = day - timedelta(days=day.weekday()) + timedelta(days=7)
            else:
                day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        return starts


def day_of(ts: float) -> date:
    return datetime.fromtimestamp(ts, tz=timezone.utc).date()


def _day(query: Mapping[str, str], field: str, default: date) -> date:
    raw = query.get(field)
    if raw is None or raw == "":
        return default
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise PeriodError(field, f"must be a date such as 2026-11-30, got {raw[:40]!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise PeriodError(field, f"must be between {EARLIEST} and {LATEST}, got {raw}")
    return day


def parse_period(query: Mapping[str, str], today: date | None = None) -> Period:
    """By default the last 30 days up to today."""
    today = today or datetime.now(timezone.utc).date()
    last = _day(query, "to", today)
    first = _day(query, "from", last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise PeriodError(
            "from", "must not be later than to: the range ends before it starts", "end_before_start"
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError(
            "from", f"the range may span at most ten years ({MAX_DAYS} days)", "too_long"
        )
    return Period(first, last)
