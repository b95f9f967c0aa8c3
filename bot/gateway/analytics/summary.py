"""Every figure of the analytics page, counted from the judged conversations of a period
(outcomes.py), so that each one can be checked against the CSV export's rows by hand."""

from __future__ import annotations

import bisect
import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.gateway.analytics.names import Catalogue
from bot.gateway.analytics.outcomes import OUTCOMES, REASONS, Rules, Verdict, judge, rules_for
from bot.gateway.analytics.period import Period
from bot.gateway.analytics.records import ConversationRow

TOP_INTENTS = 15
MAX_UNANSWERED = 2000
GOOD_RATING = 4
VERDICT_COLUMN = {"affirm": 1, "deny": 2}


@dataclass(frozen=True)
class Judged:
    row: ConversationRow
    verdict: Verdict


def rules_of(catalogue: Catalogue) -> Rules:
    support = frozenset(n for n, i in catalogue.intents.items() if i.answers_support_question)
    return rules_for(catalogue.fallback_threshold, support)


def judge_all(rows: Iterable[ConversationRow], rules: Rules) -> list[Judged]:
    return [Judged(row, judge(row.turns, row.case is not None, row.rating, rules)) for row in rows]


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def durations(values: list[float]) -> dict[str, Any]:
    """Count, median and 90th percentile (nearest rank) in seconds."""
    if not values:
        return {"count": 0, "median_seconds": None, "p90_seconds": None}
    ordered = sorted(values)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return {
        "count": len(ordered),
        "median_seconds": round(statistics.median(ordered), 1),
        "p90_seconds": round(p90, 1),
    }


def case_times(judged: list[Judged]) -> tuple[list[float], list[float]]:
    """Seconds from the handoff to an agent's first claim, and to the case's close."""
    first, resolution = [], []
    for item in judged:
        case = item.row.case
        if case is None:
            continue
        if case.claimed_at is not None:
            first.append(max(0.0, case.claimed_at - case.created_at))
        if case.closed_at is not None:
            resolution.append(max(0.0, case.closed_at - case.created_at))
    return first, resolution


def _csat(ratings: list[int]) -> dict[str, Any]:
    distribution = {str(score): 0 for score in range(1, 6)}
    for score in ratings:
        distribution[str(score)] = distribution.get(str(score), 0) + 1
    satisfied = sum(1 for score in ratings if score >= GOOD_RATING)
    return {
        "count": len(ratings),
        "satisfied": satisfied,
        "csat": rate(satisfied, len(ratings)),
        "mean": round(sum(ratings) / len(ratings), 2) if ratings else None,
        "distribution": distribution,
    }


def _questions(judged: list[Judged]) -> dict[str, Any]:
    by_reason = dict.fromkeys(REASONS, 0)
    total = with_unanswered = 0
    for item in judged:
        reasons = [t.reason for t in item.verdict.turns if t.role == "question"]
        total += len(reasons)
        missed = [r for r in reasons if r is not None]
        with_unanswered += bool(missed)
        for reason in missed:
            by_reason[reason] += 1
    missed_total = sum(by_reason.values())
    return {
        "total": total,
        "not_answered": missed_total,
        "not_answered_rate": rate(missed_total, total),
        "by_reason": by_reason,
        "conversations_with_unanswered": with_unanswered,
    }


def _trends(judged: list[Judged], period: Period) -> list[dict[str, Any]]:
    starts = period.buckets()
    steps = [
        {
            "start": start.isoformat(),
            "conversations": 0,
            **dict.fromkeys(OUTCOMES, 0),
            "handoffs_by_reason": {},
            "ratings": 0,
            "satisfied": 0,
        }
        for start in starts
    ]
    # The step of each day of the range, by the day's offset from the first: no date per row.
    step_of_day = [
        bisect.bisect_right(starts, period.first_day + timedelta(days=d)) - 1
        for d in range(period.days)
    ]
    for item in judged:
        row = item.row
        step = steps[step_of_day[int((row.created_at - period.start) // 86400)]]
        step["conversations"] += 1
        step[item.verdict.outcome] += 1
        if row.case is not None:
            reasons = step["handoffs_by_reason"]
            reasons[row.case.reason] = reasons.get(row.case.reason, 0) + 1
        if row.rating is not None:
            step["ratings"] += 1
            step["satisfied"] += row.rating >= GOOD_RATING
    for step in steps:
        step["csat"] = rate(step["satisfied"], step["ratings"])
    return steps


def _articles(judged: list[Judged], catalogue: Catalogue) -> list[dict[str, Any]]:
    stats: dict[str, list[int]] = {}  # shown, helpful, not helpful
    for item in judged:
        before = None
        for turn, one in zip(item.row.turns, item.verdict.turns, strict=True):
            if turn.article_id:
                stats.setdefault(turn.article_id, [0, 0, 0])[0] += 1
            if before is not None and before.article_id and one.role == "reply":
                verdict = VERDICT_COLUMN.get(turn.intent or "")
                if verdict:
                    stats.setdefault(before.article_id, [0, 0, 0])[verdict] += 1
            before = turn
    rows = [
        {**catalogue.article(article), "shown": c[0], "helpful": c[1], "not_helpful": c[2]}
        for article, c in stats.items()
    ]
    return sorted(rows, key=lambda r: (-r["shown"], r["article"]))


def _intents(judged: list[Judged], catalogue: Catalogue) -> list[dict[str, Any]]:
    counts = Counter(t.intent for item in judged for t in item.row.turns if t.intent)
    total = sum(len(item.row.turns) for item in judged)
    ranked = sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:TOP_INTENTS]
    return [
        {**catalogue.intent(intent), "count": n, "share": rate(n, total)} for intent, n in ranked
    ]


def unanswered_ids(judged: list[Judged], limit: int = MAX_UNANSWERED) -> list[int]:
    """The message ids of the questions not answered, newest first."""
    ids = [
        turn.message_id
        for item in judged
        for turn, one in zip(item.row.turns, item.verdict.turns, strict=True)
        if one.reason is not None
    ]
    return sorted(ids, reverse=True)[:limit]


def summarise(judged: list[Judged], period: Period, catalogue: Catalogue, rules: Rules) -> dict:
    total = len(judged)
    outcomes = Counter(item.verdict.outcome for item in judged)
    handed = [item for item in judged if item.row.case is not None]
    reasons = Counter(item.row.case.reason for item in handed if item.row.case)
    first, resolution = case_times(judged)
    resolved = outcomes["resolved_confirmed"] + outcomes["resolved_assumed"]
    return {
        "period": {**period.as_dict(), "days": period.days, "step": period.step},
        "conversations": total,
        "outcomes": {name: outcomes[name] for name in OUTCOMES},
        "rates": {
            "resolved": rate(resolved, total),
            **{name: rate(outcomes[name], total) for name in OUTCOMES},
        },
        "confirmed_by": dict(
            Counter(i.verdict.confirmed_by for i in judged if i.verdict.confirmed_by)
        ),
        "questions": _questions(judged),
        "handoffs": {
            "conversations": len(handed),
            "rate": rate(len(handed), total),
            "cases": sum(item.row.cases for item in handed),
            "by_reason": dict(sorted(reasons.items(), key=lambda r: (-r[1], r[0]))),
            "still_open": sum(1 for i in handed if i.row.case and i.row.case.closed_at is None),
            "first_response": durations(first),
            "resolution": durations(resolution),
        },
        "csat": _csat([i.row.rating for i in judged if i.row.rating is not None]),
        "trends": _trends(judged, period),
        "top_intents": _intents(judged, catalogue),
        "articles": _articles(judged, catalogue),
        "guess_below": rules.guess_below,
    }
