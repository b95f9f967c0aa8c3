"""The date range of an analytics request: `from` and `to` as YYYY-MM-DD, both days included
(UTC). Bad values are refused with a message that says what is expected."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

DEFAULT_DAYS = 30
MAX_DAYS = 366


class PeriodError(ValueError):
    """A bad `from`/`to`; `field` names the parameter."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
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

    def as_dict(self) -> dict[str, str]:
        return {"from": self.first_day.isoformat(), "to": self.last_day.isoformat()}


def _day(query: Mapping[str, str], field: str, default: date) -> date:
    raw = query.get(field)
    if raw is None or raw == "":
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise PeriodError(field, f"must be a date such as 2026-11-30, got {raw[:40]!r}") from None


def parse_period(query: Mapping[str, str], today: date | None = None) -> Period:
    """By default the last 30 days up to today."""
    today = today or datetime.now(timezone.utc).date()
    last = _day(query, "to", today)
    first = _day(query, "from", last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise PeriodError("from", "must not be later than to")
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError("from", f"the range may span at most {MAX_DAYS} days")
    return Period(first, last)
