"""Threshold choice on a validation file: the targets must hold with a safety margin."""

from __future__ import annotations

import math

from retrieval.evaluation import (
    MIN_ABSTAIN_RECALL,
    MIN_ANSWER_PRECISION,
    Query,
    Ranked,
    choose_thresholds,
    fit_calibration,
    metrics,
    wilson_lower,
)
from retrieval.ranking import ArticleScore
from retrieval.settings import RetrievalSettings


def test_wilson_lower_bound_is_below_the_proportion_and_tightens_with_more_trials():
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(10, 10) < 1.0
    assert wilson_lower(10, 10) < wilson_lower(100, 100) < 1.0
    assert math.isclose(wilson_lower(50, 100, z=0.0), 0.5)


def _ranked(text: str, expected: str | None, top: str, fused: float) -> Ranked:
    ranked = (
        ArticleScore(top, 0.0, fused, 0),
        ArticleScore("other", 0.0, fused - 0.3, 1),
    )
    return Ranked(Query(text, frozenset([expected] if expected else [])), ranked)


def test_chosen_thresholds_meet_the_targets_on_the_validation_queries():
    results = [_ranked(f"good {n}", "a", "a", 1.2 + n / 100) for n in range(40)]
    results += [_ranked(f"wrong {n}", "a", "b", 0.9 + n / 100) for n in range(5)]
    results += [_ranked(f"null {n}", None, "c", 0.5 + n / 50) for n in range(30)]
    chosen = choose_thresholds(results, RetrievalSettings())
    m = metrics(results, chosen)
    assert m["answer_precision"] >= MIN_ANSWER_PRECISION
    assert m["abstain_recall"] >= MIN_ABSTAIN_RECALL
    assert m["coverage"] >= 0.8


def test_calibration_fit_converges_on_scores_of_any_spread():
    # Fused scores between 1 and 4 once made the unguarded Newton fit run off to a slope of 35 700.
    results = [_ranked(f"good {n}", "a", "a", 2.0 + n / 20) for n in range(40)]
    results += [_ranked(f"wrong {n}", "a", "b", 1.0 + n / 10) for n in range(15)]
    fitted = fit_calibration(results, RetrievalSettings())
    assert 0 < fitted.calibration_slope < 50
    assert 1.0 < fitted.calibration_midpoint < 4.0
