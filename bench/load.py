"""Simulated customers: N asyncio tasks posting chat messages for a bounded time.

Each customer has its own sender id and starts a new conversation every `TURNS_PER_CONVERSATION`
messages, as real visitors do (a tracker that grows without end would slow Rasa unrealistically).
Messages are the held-out test examples of the project's intents, Russian and English mixed.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.metrics import percentile
from bot.common.build.intent_files import load_content, plain_text
from bot.common.settings import PROJECT_ROOT

TURNS_PER_CONVERSATION = 8
REQUEST_TIMEOUT_SECONDS = 30.0
WARM_UP_MESSAGES = 5

BodyOf = Callable[[str, str], dict[str, Any]]


def chat_body(sender: str, message: str) -> dict[str, Any]:
    """Body of the gateway's /api/chat and of Rasa's REST webhook alike."""
    return {"sender": sender, "message": message}


def parse_body(sender: str, message: str) -> dict[str, Any]:
    """Body of Rasa's /model/parse (NLU only, no dialogue, no tracker)."""
    return {"text": message}


def sample_messages() -> list[str]:
    content = load_content(PROJECT_ROOT / "intents")
    return [
        plain_text(example)
        for intent in content.intents
        for examples in intent.test_examples.values()
        for example in examples
    ]


@dataclass
class LoadResult:
    customers: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "replies": len(self.latencies_ms),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "p50_ms": round(percentile(self.latencies_ms, 0.5), 1),
            "p95_ms": round(percentile(self.latencies_ms, 0.95), 1),
            "p99_ms": round(percentile(self.latencies_ms, 0.99), 1),
            "throughput_per_s": round(len(self.latencies_ms) / self.seconds, 2),
        }


async def post_once(
    session: aiohttp.ClientSession, url: str, body: dict[str, Any], result: LoadResult
) -> None:
    started = time.perf_counter()
    try:
        async with session.post(url, json=body) as response:
            await response.read()
            if response.status != 200:
                result.errors[f"HTTP {response.status}"] += 1
                return
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        result.errors[type(error).__name__] += 1
        return
    result.latencies_ms.append((time.perf_counter() - started) * 1000)


def customer_turns(
    prefix: str, number: int, rng: random.Random, messages: list[str], deadline: float
) -> Iterator[tuple[str, str]]:
    """(sender, message) of customer `number` until the deadline, a new sender id every
    `TURNS_PER_CONVERSATION` messages, each message drawn with `rng`."""
    run = uuid.uuid4().hex[:8]
    turn = 0
    while time.monotonic() < deadline:
        yield f"{prefix}-{run}-{number}-{turn // TURNS_PER_CONVERSATION}", rng.choice(messages)
        turn += 1


async def customer(
    session: aiohttp.ClientSession,
    url: str,
    body_of: BodyOf,
    messages: list[str],
    number: int,
    deadline: float,
    result: LoadResult,
) -> None:
    for sender, text in customer_turns("bench", number, random.Random(number), messages, deadline):
        await post_once(session, url, body_of(sender, text), result)


async def run_load(
    url: str, body_of: BodyOf, messages: list[str], customers: int, seconds: float
) -> LoadResult:
    """Warm up with a few messages, then `customers` concurrent customers for `seconds`."""
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        warm = LoadResult(1, 1.0)
        for message in messages[:WARM_UP_MESSAGES]:
            await post_once(session, url, body_of(f"bench-warm-{uuid.uuid4().hex}", message), warm)
        started = time.monotonic()
        result = LoadResult(customers, seconds)
        tasks = [
            customer(session, url, body_of, messages, n, started + seconds, result)
            for n in range(customers)
        ]
        await asyncio.gather(*tasks)
        result.seconds = time.monotonic() - started
    return result
