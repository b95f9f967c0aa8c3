"""Where the NLU time goes: milliseconds per message in each node of the project's parse graph.

`python -m bench.nlu_profile [--model PATH] [--messages 200] [--json]` loads the model the stack
would serve (trained from the current content unless --model is given), parses the held-out test
messages one at a time as the Rasa server does, and times every graph node (tokenizer,
featurizers, the sentence encoder, DIET, the ensemble, fallback) by wrapping Rasa's `GraphNode`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.cli import emit
from bench.load import sample_messages
from bench.metrics import percentile
from bench.nlu_model import quiet_rasa
from bot.common.build.training import train_model
from bot.common.settings import PROJECT_ROOT


@contextmanager
def timed_nodes(timings: dict[str, list[float]]) -> Iterator[None]:
    """Record the wall time of every GraphNode call under the node's name."""
    from rasa.engine.graph import GraphNode

    original: Callable[..., Any] = GraphNode.__call__

    def timed(self: GraphNode, *inputs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, *inputs)
        finally:
            timings[self._node_name].append((time.perf_counter() - started) * 1000)

    GraphNode.__call__ = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        GraphNode.__call__ = original  # type: ignore[method-assign]


async def profile(model: Path, messages: list[str]) -> dict[str, Any]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    for text in messages[:5]:
        await agent.parse_message(text)  # warm-up: first calls build TensorFlow functions
    timings: dict[str, list[float]] = defaultdict(list)
    totals = []
    with timed_nodes(timings):
        for text in messages:
            started = time.perf_counter()
            await agent.parse_message(text)
            totals.append((time.perf_counter() - started) * 1000)
    nodes = {
        name: round(sum(values) / len(messages), 2)
        for name, values in sorted(timings.items(), key=lambda item: -sum(item[1]))
    }
    return {
        "model": str(model),
        "messages": len(messages),
        "parse_ms": {
            "mean": round(sum(totals) / len(totals), 2),
            "p50": round(percentile(totals, 0.5), 2),
            "p95": round(percentile(totals, 0.95), 2),
        },
        "node_ms_per_message": nodes,
    }


def print_table(result: dict[str, Any]) -> None:
    parse = result["parse_ms"]
    print(f"{result['messages']} messages, one at a time; model {result['model']}")
    print(f"whole parse: mean {parse['mean']} ms, p50 {parse['p50']} ms, p95 {parse['p95']} ms")
    print("node                                                         ms/message")
    for name, ms in result["node_ms_per_message"].items():
        print(f"{name:<60} {ms:>9}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nlu_profile", description=__doc__)
    parser.add_argument("--model", type=Path, help="a trained model archive")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    if args.model and not args.model.is_file():
        parser.error(f"--model {args.model}: no such file")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    quiet_rasa()
    if args.model is None:
        with tempfile.TemporaryDirectory() as build:
            args.model = train_model(PROJECT_ROOT, Path(build), PROJECT_ROOT / "models").path
    messages = list(itertools.islice(itertools.cycle(sample_messages()), args.messages))
    return emit(asyncio.run(profile(args.model, messages)), args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
