"""The analytics page as a CSV file: one row per conversation that started in the period, with
the outcome and the counts every figure of the page is summed from (README, "Analytics"), so a
lead can check any figure in a spreadsheet. Conversations are named by a reference (a hash of the
id, as in the logs); lists within a cell are separated by ";".

A cell that starts with = + - @ would be run as a formula by a spreadsheet; such cells get a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from bot.common.masking import conversation_ref
from bot.gateway.analytics.period import Period, day_of
from bot.gateway.analytics.summary import Judged
from bot.gateway.store.records import iso

COLUMNS = (
    "conversation",
    "started_at",
    "step",
    "language",
    "outcome",
    "confirmed_by",
    "customer_messages",
    "questions",
    "not_answered",
    "not_answered_reasons",
    "intents",
    "articles_shown",
    "articles_helpful",
    "articles_not_helpful",
    "handoff_reason",
    "handoff_cases",
    "handoff_at",
    "claimed_at",
    "closed_at",
    "first_response_seconds",
    "resolution_seconds",
    "rating",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _seconds(start: float, end: float | None) -> float | None:
    return None if end is None else round(max(0.0, end - start), 1)


def _verdicts(item: Judged, wanted: str) -> list[str]:
    turns = item.row.turns
    return [
        turns[i - 1].article_id or ""
        for i, (turn, one) in enumerate(zip(turns, item.verdict.turns, strict=True))
        if i and one.role == "reply" and turns[i - 1].article_id and turn.intent == wanted
    ]


def conversation_row(item: Judged, period: Period) -> tuple[Any, ...]:
    row, verdict = item.row, item.verdict
    questions = [t for t in verdict.turns if t.role == "question"]
    missed = [t.reason for t in questions if t.reason is not None]
    case = row.case
    return (
        conversation_ref(row.id),
        iso(row.created_at),
        period.bucket(day_of(row.created_at)).isoformat(),
        row.language or "",
        verdict.outcome,
        verdict.confirmed_by or "",
        len(row.turns),
        len(questions),
        len(missed),
        ";".join(missed),
        ";".join(t.intent or "" for t in row.turns),
        ";".join(t.article_id for t in row.turns if t.article_id),
        ";".join(_verdicts(item, "affirm")),
        ";".join(_verdicts(item, "deny")),
        case.reason if case else "",
        row.cases,
        iso(case.created_at) if case else "",
        iso(case.claimed_at) if case else "",
        iso(case.closed_at) if case else "",
        _seconds(case.created_at, case.claimed_at) if case else None,
        _seconds(case.created_at, case.closed_at) if case else None,
        row.rating,
    )


def _rows(judged: list[Judged], period: Period) -> Iterator[tuple[Any, ...]]:
    for item in judged:
        yield conversation_row(item, period)


def analytics_csv(judged: list[Judged], period: Period) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in _rows(judged, period):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
