"""Fixed-window rate limits and the open-connection cap, with a clock the test moves."""

from __future__ import annotations

from bot.gateway.limits import ChatLimits, ConnectionLimiter, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_requests_over_the_limit_wait_until_the_window_ends():
    clock = Clock()
    limiter = RateLimiter(3, 10.0, clock)
    assert [limiter.hit("a") for _ in range(3)] == [0, 0, 0]
    clock.now += 2.5
    assert limiter.hit("a") == 8  # seconds left in the window, rounded up
    assert limiter.hit("b") == 0, "another key has its own window"
    clock.now += 7.5
    assert limiter.hit("a") == 0


def test_finished_windows_are_forgotten():
    clock = Clock()
    limiter = RateLimiter(1, 10.0, clock)
    for number in range(1000):
        limiter.hit(f"made-up-{number}")
    clock.now += 10.0
    limiter.hit("fresh")
    assert len(limiter) == 1


def test_connections_are_capped_per_key_and_released():
    sockets = ConnectionLimiter(2)
    assert sockets.acquire("ip") and sockets.acquire("ip")
    assert not sockets.acquire("ip")
    assert sockets.acquire("other")
    sockets.release("ip")
    assert sockets.acquire("ip")


def test_a_message_counts_against_the_address_and_the_conversation():
    clock = Clock()
    limits = ChatLimits(
        RateLimiter(2, 10.0, clock), RateLimiter(3, 10.0, clock), ConnectionLimiter(1)
    )
    assert limits.message("w-1", "ip") == 0 and limits.message("w-1", "ip") == 0
    assert limits.message("w-1", "ip") > 0, "third message of one conversation"
    assert limits.message("w-2", "ip") > 0, "fourth message from one address"
