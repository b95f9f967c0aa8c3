"""Working hours: outside them a new case becomes a ticket even if an agent is still online."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.common.settings import ConfigError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class WorkingHours:
    zone: ZoneInfo
    days: frozenset[int]  # 0 = Monday, as datetime.weekday()
    start: time
    end: time

    def open_at(self, moment: datetime) -> bool:
        """`moment` must be timezone-aware; a shift that ends after midnight is allowed."""
        local = moment.astimezone(self.zone)
        now = local.time()
        if self.start <= self.end:
            return local.weekday() in self.days and self.start <= now < self.end
        if now >= self.start:
            return local.weekday() in self.days
        return (local.weekday() - 1) % 7 in self.days and now < self.end


def _time(where: str, value: Any) -> time:
    match = TIME_PATTERN.match(value) if isinstance(value, str) else None
    if match is None:
        raise ConfigError(f"{where} must be a time like 09:00, got {value!r}.")
    return time(int(match.group(1)), int(match.group(2)))


def parse_working_hours(raw: Any, source: str) -> WorkingHours | None:
    """None (the key is absent) means always open."""
    if raw is None:
        return None
    where = f"{source}: working_hours"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a mapping with timezone, days, from, to.")
    try:
        zone = ZoneInfo(str(raw.get("timezone", "")))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{where}.timezone must be an IANA time zone such as Europe/Moscow, "
            f"got {raw.get('timezone')!r}."
        ) from None
    days = raw.get("days", list(DAYS[:5]))
    if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
        raise ConfigError(f"{where}.days must list some of {', '.join(DAYS)}.")
    start, end = _time(f"{where}.from", raw.get("from")), _time(f"{where}.to", raw.get("to"))
    if start == end:
        raise ConfigError(f"{where}: from and to must differ.")
    return WorkingHours(zone, frozenset(DAYS.index(d) for d in days), start, end)
