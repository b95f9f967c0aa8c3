"""Flood limits: requests per key (a conversation, a client IP) in a fixed window, and open
websockets per IP. In memory, per gateway process: a limit only has to stop one client from
drowning the bot, it does not have to be exact across instances."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Window:
    started: float
    count: int = 0


class RateLimiter:
    """`hit(key)` counts one request; returns 0 when allowed, else the seconds to wait.

    Fixed windows keep one small record per active key, so random keys (a flood of made-up
    conversation ids) cost memory only until their window ends and the next sweep drops them.
    """

    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._swept = clock()

    def hit(self, key: str) -> int:
        now = self._clock()
        self._sweep(now)
        window = self._windows.get(key)
        if window is None or now - window.started >= self.window:
            window = self._windows[key] = _Window(now)
        if window.count >= self.limit:
            return max(1, math.ceil(window.started + self.window - now))
        window.count += 1
        return 0

    def _sweep(self, now: float) -> None:
        if now - self._swept < self.window:
            return
        self._swept = now
        for key in [k for k, w in self._windows.items() if now - w.started >= self.window]:
            del self._windows[key]

    def __len__(self) -> int:
        return len(self._windows)


class ConnectionLimiter:
    """Open connections per key; `acquire` refuses one over the limit, `release` frees one."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: dict[str, int] = {}

    def acquire(self, key: str) -> bool:
        if self._open.get(key, 0) >= self.limit:
            return False
        self._open[key] = self._open.get(key, 0) + 1
        return True

    def release(self, key: str) -> None:
        left = self._open.get(key, 0) - 1
        if left > 0:
            self._open[key] = left
        else:
            self._open.pop(key, None)


@dataclass(frozen=True)
class ChatLimits:
    """The gateway's limits on customer traffic, built from Settings."""

    per_conversation: RateLimiter
    per_ip: RateLimiter
    sockets: ConnectionLimiter

    def message(self, conversation: str, ip: str) -> int:
        """Seconds to wait before this message is accepted; 0: go ahead. Both limits count."""
        return self.per_ip.hit(ip) or self.per_conversation.hit(conversation)
