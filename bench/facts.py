"""Fact extraction quality and speed: bot.common.facts on labelled customer messages.

    python -m bench.facts --data bench/data/facts_val.jsonl [--json]

Each line: {"text": ..., "lang": "ru"|"en", "facts": {"name": ..., "email": ..., "phone": ...,
"order_number": ..., "app_version": ..., "card": true}}; a fact left out is absent from the text.
Per fact type: precision, recall and F1 by exact match of the normalised value (a wrong value is a
false positive and a false negative). Cards are scored as found / not found; a card line that
yields a phone or an order number other than the labelled one is a leak. Time is per message,
after the morphology and name lists are loaded (the load is reported on its own).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.cli import command_parser, emit
from bench.metrics import percentile
from bot.common.facts import Facts, extract_facts, preload

DEFAULT_DATA = Path(__file__).parent / "data" / "facts_val.jsonl"
FACT_TYPES = ("name", "email", "phone", "order_number", "app_version")
WARM_UP = "Здравствуйте, меня зовут Анна, заказ 12345678"


@dataclass
class Counts:
    """True positives, false positives and false negatives of one fact type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Any, predicted: Any) -> None:
        if predicted is not None and predicted == gold:
            self.tp += 1
            return
        if predicted is not None:
            self.fp += 1
        if gold is not None:
            self.fn += 1

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        both = precision + recall
        f1 = 2 * precision * recall / both if both else 0.0
        return {
            "support": self.tp + self.fn,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def load(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predicted_values(facts: Facts) -> dict[str, Any]:
    values: dict[str, Any] = {kind: getattr(facts, kind) for kind in FACT_TYPES}
    values["card"] = True if facts.has_card else None
    return values


def card_leaked(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    """A card line whose digits became a phone or an order number the label does not have."""
    return bool(gold.get("card")) and any(
        predicted[kind] is not None and predicted[kind] != gold.get(kind)
        for kind in ("phone", "order_number")
    )


def score(golds: Sequence[dict[str, Any]], predictions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    counts = {kind: Counts() for kind in (*FACT_TYPES, "card")}
    leaks = 0
    for gold, predicted in zip(golds, predictions, strict=True):
        for kind, count in counts.items():
            count.add(
                True if kind == "card" and gold.get(kind) else gold.get(kind), predicted[kind]
            )
        leaks += card_leaked(gold, predicted)
    return {
        "per_type": {kind: count.scores() for kind, count in counts.items()},
        "card_lines": sum(1 for gold in golds if gold.get("card")),
        "card_leaks": leaks,
    }


def misses(
    lines: Sequence[dict[str, Any]], predictions: Sequence[dict[str, Any]]
) -> Iterable[dict[str, Any]]:
    for line, predicted in zip(lines, predictions, strict=True):
        wrong = {
            kind: {"gold": line["facts"].get(kind), "predicted": predicted[kind]}
            for kind in (*FACT_TYPES, "card")
            if line["facts"].get(kind) != predicted[kind]
        }
        if wrong:
            yield {"text": line["text"], "wrong": wrong}


def run(path: Path, show_misses: bool = False) -> dict[str, Any]:
    lines = load(path)
    started = time.perf_counter()
    preload()
    extract_facts(WARM_UP)
    load_ms = (time.perf_counter() - started) * 1000
    predictions, times_ms = [], []
    for line in lines:
        started = time.perf_counter()
        facts = extract_facts(line["text"], line.get("lang"))
        times_ms.append((time.perf_counter() - started) * 1000)
        predictions.append(predicted_values(facts))
    result = {
        "data": str(path),
        "messages": len(lines),
        **score([line["facts"] for line in lines], predictions),
        "first_call_ms": round(load_ms, 1),
        "ms_p50": round(percentile(times_ms, 0.5), 3),
        "ms_p95": round(percentile(times_ms, 0.95), 3),
    }
    if show_misses:
        result["misses"] = list(misses(lines, predictions))
    return result


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['data']}: {result['messages']} messages")
    print(f"{'fact':<14}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>7}")
    for kind, row in result["per_type"].items():
        print(
            f"{kind:<14}{row['support']:>8}{row['precision']:>11.3f}"
            f"{row['recall']:>8.3f}{row['f1']:>7.3f}"
        )
    leaks = result["card_leaks"]
    print(f"card lines {result['card_lines']}, card digits read as a phone or an order: {leaks}")
    print(
        f"time per message: p50 {result['ms_p50']} ms, p95 {result['ms_p95']} ms "
        f"(loading the morphology first: {result['first_call_ms']} ms)"
    )
    for miss in result.get("misses", []):
        print(f"  MISS {miss['text']!r}: {miss['wrong']}")


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.facts", __doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--misses", action="store_true", help="list every wrong line")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    return emit(run(args.data, args.misses), args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
