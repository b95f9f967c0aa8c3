"""Reply latency, one customer at a time, through Rasa's REST channel and through the gateway.

`python -m bench.rest_latency [--messages 200] [--json]` starts the real stack on loopback, warms it
up, then sends the held-out example messages one by one and reports p50/p95/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from typing import Any

import aiohttp

from bench.cli import emit
from bench.load import sample_messages
from bench.metrics import percentile
from bench.stack import running_stack

WARM_UP = 10


async def timed_posts(url: str, bodies: list[dict[str, Any]]) -> list[float]:
    timings = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        for body in bodies:
            started = time.perf_counter()
            async with session.post(url, json=body) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"{url} answered {response.status}")
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary(timings: list[float]) -> dict[str, float]:
    return {f"p{int(q * 100)}": round(percentile(timings, q), 1) for q in (0.5, 0.95, 0.99)}


async def measure(count: int) -> dict[str, Any]:
    messages = list(itertools.islice(itertools.cycle(sample_messages()), count))
    async with running_stack() as settings:
        targets = {
            "rasa_rest": f"{settings.rasa_url}/webhooks/rest/webhook",
            "gateway": f"{settings.gateway_url}/api/chat",
        }
        results = {}
        for name, url in targets.items():
            bodies = [{"sender": f"{name}-{i % 20}", "message": m} for i, m in enumerate(messages)]
            await timed_posts(url, bodies[:WARM_UP])
            results[name] = summary(await timed_posts(url, bodies))
    return {"messages": count, "latency_ms": results}


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['messages']} messages, one customer at a time")
    print("path        p50 ms   p95 ms   p99 ms")
    for name, values in result["latency_ms"].items():
        print(f"{name:<10} {values['p50']:>7} {values['p95']:>8} {values['p99']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rest_latency", description=__doc__)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    return emit(asyncio.run(measure(args.messages)), args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
