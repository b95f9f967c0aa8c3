"""The analytics page as one CSV file: one row per number, spreadsheet-safe.

A cell that starts with = + - @ would be run as a formula by a spreadsheet; customer text can
start that way, so such cells get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from bot.gateway.analytics.clusters import Cluster

COLUMNS = ("section", "item", "value", "helpful", "not_helpful", "examples")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _rows(summary: dict[str, Any], clusters: list[Cluster]) -> Iterator[tuple[Any, ...]]:
    period = summary["period"]
    yield ("period", "from", period["from"])
    yield ("period", "to", period["to"])
    for name in (
        "conversations",
        "contained",
        "containment_rate",
        "customer_turns",
        "fallback_turns",
        "fallback_rate",
    ):
        yield ("overview", name, summary[name])
    for reason, count in summary["handoffs_by_reason"].items():
        yield ("handoffs_by_reason", reason, count)
    for intent in summary["top_intents"]:
        yield ("top_intents", intent["intent"], intent["count"])
    for article in summary["articles"]:
        yield (
            "articles",
            article["article"],
            article["shown"],
            article["helpful"],
            article["not_helpful"],
        )
    ratings = summary["ratings"]
    yield ("ratings", "count", ratings["count"])
    yield ("ratings", "mean", ratings["mean"])
    for score, count in ratings["distribution"].items():
        yield ("ratings", score, count)
    for cluster in clusters:
        yield (
            "unanswered",
            cluster.examples[0],
            cluster.count,
            "",
            "",
            " | ".join(cluster.examples),
        )


def analytics_csv(summary: dict[str, Any], clusters: list[Cluster]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in _rows(summary, clusters):
        padded = list(row) + [""] * (len(COLUMNS) - len(row))
        writer.writerow([safe_cell(cell) for cell in padded])
    return buffer.getvalue()
