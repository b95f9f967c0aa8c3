"""Reply latency and throughput under load: our full stack against a bare Rasa bot, same run.

`python -m bench.latency [--customers 1,8,32] [--seconds 20] [--json]` starts the real stack
(gateway, Rasa, action server) and a minimal bare Rasa bot (`bench.bare_rasa`) on free ports, then
for each customer count runs the same simulated customers (`bench.load`) first against bare Rasa's
REST channel, then against our gateway's /api/chat. Ratios: our p50 / bare p50 at the smallest
count, our throughput / bare throughput at the largest. A breakdown at one customer (Rasa's
/model/parse and REST channel on both) shows where our time goes: NLU, dialogue and actions, or the
gateway. Targets (issue 6): p50 ratio <= 1.5, our p95 < 300 ms, throughput ratio >= 0.8.
The stack gets this process's environment, so `ASSISTANT_KB_*` settings (an index folder of its own,
the second encoder off) apply to it. The machine's load average at the start and the end is
reported beside the numbers: on a shared machine they mean little without it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bare_rasa import BareRasaError, running_bare_rasa
from bench.cli import command_parser, run_and_emit
from bench.load import chat_body, parse_body, run_load, sample_messages
from bench.stack import free_port, running_stack
from bot.supervisor.supervisor import SupervisorError


def customer_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected e.g. 1,8,32, got {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"customer counts must be at least 1, got {text!r}")
    return sorted(set(counts))


def ratio(ours: float, bare: float) -> float:
    return round(ours / bare, 2) if bare else float("nan")


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(value, 2) for value in os.getloadavg()]


async def measure(counts: list[int], seconds: float, breakdown: bool) -> dict[str, Any]:
    messages = sample_messages()
    loads = {"start": load_average()}
    with tempfile.TemporaryDirectory(prefix="bench-bare-rasa-") as folder:
        async with (
            running_bare_rasa(Path(folder), free_port()) as bare_url,
            running_stack() as settings,
        ):
            gateway = f"{settings.gateway_url}/api/chat"
            levels = []
            for count in counts:
                bare = await run_load(bare_url, chat_body, messages, count, seconds)
                ours = await run_load(gateway, chat_body, messages, count, seconds)
                levels.append({"bare_rasa": bare.summary(), "ours": ours.summary()})
            parts = {}
            if breakdown:
                bare_base = bare_url.removesuffix("/webhooks/rest/webhook")
                targets = {
                    "bare_rasa_parse": (f"{bare_base}/model/parse", parse_body),
                    "bare_rasa_rest": (bare_url, chat_body),
                    "our_rasa_parse": (f"{settings.rasa_url}/model/parse", parse_body),
                    "our_rasa_rest": (f"{settings.rasa_url}/webhooks/rest/webhook", chat_body),
                    "our_gateway": (gateway, chat_body),
                }
                for name, (url, body_of) in targets.items():
                    parts[name] = (await run_load(url, body_of, messages, 1, seconds)).summary()
    loads["end"] = load_average()
    first, last = levels[0], levels[-1]
    return {
        "seconds_per_level": seconds,
        "messages": len(messages),
        "levels": levels,
        "ratios": {
            "p50_ours_over_bare": ratio(first["ours"]["p50_ms"], first["bare_rasa"]["p50_ms"]),
            "p50_at_customers": first["ours"]["customers"],
            "throughput_ours_over_bare": ratio(
                last["ours"]["throughput_per_s"], last["bare_rasa"]["throughput_per_s"]
            ),
            "throughput_at_customers": last["ours"]["customers"],
        },
        "breakdown_one_customer": parts,
        "load_average": loads,
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['seconds_per_level']:.0f} s per level, {result['messages']} distinct messages")
    loads = result["load_average"]
    print(f"load average (1, 5, 15 min): at the start {loads['start']}, at the end {loads['end']}")
    print("target     customers  p50 ms  p95 ms  p99 ms  replies/s  errors")
    for level in result["levels"]:
        for name in ("bare_rasa", "ours"):
            row = level[name]
            print(
                f"{name:<10} {row['customers']:>9} {row['p50_ms']:>7} {row['p95_ms']:>7} "
                f"{row['p99_ms']:>7} {row['throughput_per_s']:>10} {row['errors']:>7}"
            )
    ratios = result["ratios"]
    print(
        f"p50 ours/bare at {ratios['p50_at_customers']} customer(s): "
        f"{ratios['p50_ours_over_bare']} (target <= 1.5)"
    )
    print(
        f"throughput ours/bare at {ratios['throughput_at_customers']} customers: "
        f"{ratios['throughput_ours_over_bare']} (target >= 0.8)"
    )
    if result["breakdown_one_customer"]:
        print("breakdown, one customer     p50 ms  p95 ms")
        for name, row in result["breakdown_one_customer"].items():
            print(f"{name:<26} {row['p50_ms']:>7} {row['p95_ms']:>7}")


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.latency", __doc__)
    parser.add_argument("--customers", type=customer_counts, default=[1, 8, 32])
    parser.add_argument("--seconds", type=float, default=20.0, help="per level and target")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    return run_and_emit(
        lambda: asyncio.run(measure(args.customers, args.seconds, not args.no_breakdown)),
        (BareRasaError, SupervisorError),
        args.json,
        print_table,
    )


if __name__ == "__main__":
    sys.exit(main())
