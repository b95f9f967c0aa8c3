"""Soak: many customers for a long time, with the action server and then the gateway killed
(SIGKILL) in the middle, and the proof that no customer message was lost or stored twice.

`python -m bench.soak [--customers 50] [--minutes 10] [--think 3] [--json]` starts the real stack
under its supervisor (which restarts what dies) and runs simulated customers through the gateway's
/api/chat as the widget's HTTP path does: every message has a client id and is resent with the same
id until the gateway acknowledges it (a 200, or a 503 whose ack says it is stored). At 30 % of the
time the action server is killed, at 60 % the gateway. Reported:
- throughput, p50/p95 reply latency (of answered requests), errors by kind (retried, not lost);
- lost: messages a customer sent that the gateway's database does not hold; duplicated: held twice;
- time to recover after each kill: until the process passes its health check again, and until
  the first customer request is answered afterwards;
- resident memory of each process at the start and the end (a restarted process starts again).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import create_engine, func, select

from bench.cli import command_parser, run_and_emit
from bench.load import customer_turns, sample_messages
from bench.metrics import percentile
from bench.stack import supervised_stack
from bot.common.settings import Settings
from bot.gateway.store.schema import messages
from bot.supervisor.supervisor import Supervisor, SupervisorError

PROCESSES = ("Rasa server", "action server", "gateway")
KILLS = (("action server", 0.3), ("gateway", 0.6))
HEALTH = {"action server": "actions_url", "gateway": "gateway_url"}
RETRY_SECONDS = 1.0
MEMORY_EVERY_SECONDS = 10.0
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=60)


@dataclass
class SoakResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    sent: set[str] = field(default_factory=set)
    answered_at: list[float] = field(default_factory=list)
    memory_mb: dict[str, list[float]] = field(default_factory=dict)
    kills: dict[str, float] = field(default_factory=dict)
    back_up: dict[str, float] = field(default_factory=dict)


def resident_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


async def send_until_stored(
    session: aiohttp.ClientSession, url: str, sender: str, text: str, result: SoakResult
) -> None:
    """Resend with the same client id until the gateway says it holds the message."""
    client_id = uuid.uuid4().hex
    result.sent.add(client_id)
    body = {"sender": sender, "message": text, "client_id": client_id}
    while True:
        started = time.perf_counter()
        try:
            async with session.post(url, json=body) as response:
                data = await response.json(content_type=None)
                if response.status == 200:
                    result.latencies_ms.append((time.perf_counter() - started) * 1000)
                    result.answered_at.append(time.monotonic())
                    return
                result.errors[f"HTTP {response.status}"] += 1
                if response.status == 503 and isinstance(data, dict) and data.get("ack"):
                    return  # stored; the bot was away for this one
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            result.errors[type(error).__name__] += 1
        await asyncio.sleep(RETRY_SECONDS)


async def customer(
    session: aiohttp.ClientSession,
    url: str,
    number: int,
    deadline: float,
    think: float,
    result: SoakResult,
    texts: list[str],
) -> None:
    rng = random.Random(number)
    for sender, text in customer_turns("soak", number, rng, texts, deadline):
        await send_until_stored(session, url, sender, text, result)
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)


async def kill_later(
    supervisor: Supervisor, name: str, health_url: str, delay: float, result: SoakResult
) -> None:
    """Kill the process, then time how long until it answers its health check again."""
    await asyncio.sleep(delay)
    pid = supervisor.pid(name)
    if pid is None:
        return
    os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    result.kills[name] = killed
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        while True:
            await asyncio.sleep(0.5)
            if supervisor.pid(name) == pid:
                continue
            try:
                async with session.get(health_url) as response:
                    if response.status == 200:
                        result.back_up[name] = round(time.monotonic() - killed, 1)
                        return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                continue


async def sample_memory(supervisor: Supervisor, result: SoakResult) -> None:
    while True:
        for name in PROCESSES:
            value = resident_mb(supervisor.pid(name))
            if value is not None:
                result.memory_mb.setdefault(name, []).append(value)
        await asyncio.sleep(MEMORY_EVERY_SECONDS)


def stored_counts(settings: Settings) -> Counter[str]:
    engine = create_engine(settings.database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(messages.c.client_id, func.count())
                .where(messages.c.author == "customer")
                .group_by(messages.c.client_id)
            ).all()
    finally:
        engine.dispose()
    return Counter({client_id: count for client_id, count in rows if client_id})


def recovery_seconds(result: SoakResult) -> dict[str, float | None]:
    recovered = {}
    for name, killed in result.kills.items():
        after = [t for t in result.answered_at if t > killed]
        recovered[name] = round(min(after) - killed, 1) if after else None
    return recovered


async def measure(customers: int, minutes: float, think: float) -> dict[str, Any]:
    result = SoakResult()
    seconds = minutes * 60
    texts = sample_messages()
    async with supervised_stack() as (settings, supervisor):
        url = settings.gateway_url + "/api/chat"
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT, connector=connector) as session:
            sampler = asyncio.ensure_future(sample_memory(supervisor, result))
            killers = [
                asyncio.ensure_future(
                    kill_later(
                        supervisor,
                        name,
                        getattr(settings, HEALTH[name]) + "/health",
                        share * seconds,
                        result,
                    )
                )
                for name, share in KILLS
            ]
            started = time.monotonic()
            deadline = started + seconds
            await asyncio.gather(
                *(
                    customer(session, url, n, deadline, think, result, texts)
                    for n in range(customers)
                )
            )
            elapsed = time.monotonic() - started
            sampler.cancel()
            for killer in killers:
                killer.cancel()
        stored = stored_counts(settings)
        restarts = {name: supervisor.restarts(name) for name in PROCESSES}
    return {
        "customers": customers,
        "seconds": round(elapsed, 1),
        "messages_sent": len(result.sent),
        "answered": len(result.latencies_ms),
        "throughput_per_s": round(len(result.latencies_ms) / elapsed, 2),
        "p50_ms": round(percentile(result.latencies_ms, 0.5), 1),
        "p95_ms": round(percentile(result.latencies_ms, 0.95), 1),
        "errors_retried": dict(result.errors),
        "lost": sum(1 for client_id in result.sent if not stored[client_id]),
        "duplicated": sum(1 for client_id in result.sent if stored[client_id] > 1),
        "recovery_seconds": recovery_seconds(result),
        "back_up_seconds": dict(result.back_up),
        "restarts": restarts,
        "memory_mb": {
            name: {"start": values[0], "end": values[-1], "max": max(values)}
            for name, values in result.memory_mb.items()
        },
    }


def print_table(result: dict[str, Any]) -> None:
    print(
        f"{result['customers']} customers for {result['seconds']} s: "
        f"{result['messages_sent']} messages, {result['throughput_per_s']} replies/s, "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
    )
    print(f"errors (retried by the customer, not lost): {result['errors_retried'] or 'none'}")
    print(f"lost {result['lost']}, duplicated {result['duplicated']} (target 0 and 0)")
    for name, value in result["recovery_seconds"].items():
        back = result["back_up_seconds"].get(name)
        print(f"killed the {name}: back up after {back} s, customers answered after {value} s")
    print("process          start MB  end MB  max MB  restarts")
    for name, row in result["memory_mb"].items():
        print(
            f"{name:<16} {row['start']:>8} {row['end']:>7} {row['max']:>7} "
            f"{result['restarts'].get(name, 0):>9}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.soak", __doc__)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=3.0, help="seconds between messages")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.customers < 1 or args.minutes <= 0 or args.think < 0:
        parser.error("--customers must be at least 1, --minutes positive, --think not negative")
    return run_and_emit(
        lambda: asyncio.run(measure(args.customers, args.minutes, args.think)),
        (SupervisorError,),
        args.json,
        print_table,
    )


if __name__ == "__main__":
    sys.exit(main())
