"""Calibrated article scores turned into one of three outcomes, and translations folded together.
Pure functions, so they are easy to test; the scores themselves come from retrieval/scoring.py."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from retrieval.settings import RetrievalSettings

Outcome = Literal["answer", "clarify", "abstain"]


@dataclass(frozen=True)
class ArticleScore:
    article_id: str
    score: float
    fused: float
    best_chunk: int
    # How many separate signals rank this article first (retrieval/scoring.py); None: not measured.
    agreement: int | None = None


def calibrate(fused: float, settings: RetrievalSettings) -> float:
    return logistic(fused, settings.calibration_slope, settings.calibration_midpoint)


def logistic(fused: float, slope: float, midpoint: float) -> float:
    """The calibrated score of a fused one (the formula in retrieval/settings.py)."""
    exponent = -slope * (fused - midpoint)
    return 1.0 / (1.0 + math.exp(min(max(exponent, -50.0), 50.0)))


def drop_translations(
    ranked: list[ArticleScore],
    translations: dict[str, str],
    article_langs: dict[str, str],
    query_lang: str,
) -> list[ArticleScore]:
    """When an article and its translation both rank, keep the one in the customer's language."""
    kept: list[ArticleScore] = []
    ids = {r.article_id for r in ranked}
    for item in ranked:
        other = translations.get(item.article_id)
        if other in ids and article_langs.get(item.article_id) != query_lang:
            continue
        kept.append(item)
    return kept


def decide(
    ranked: list[ArticleScore], settings: RetrievalSettings
) -> tuple[Outcome, list[ArticleScore]]:
    """answer: one clear winner, which enough signals agree on; clarify: up to three close
    candidates; abstain: nothing good. The margin is on the calibrated logit scale (the slope
    times the difference of fused scores), which the calibrated scores squeeze near 1."""
    if not ranked or ranked[0].score < settings.clarify_threshold:
        return "abstain", []
    top = ranked[0]
    second = ranked[1].fused if len(ranked) > 1 else -math.inf
    confident = top.score >= settings.answer_threshold and (
        top.agreement is None or top.agreement >= settings.answer_agreement
    )
    if confident and settings.calibration_slope * (top.fused - second) >= settings.answer_margin:
        return "answer", [top]
    close = [
        r
        for r in ranked[:3]
        if r.score >= settings.clarify_threshold and top.score - r.score <= settings.clarify_window
    ]
    if len(close) == 1 and confident:
        return "answer", [top]
    return "clarify", close
