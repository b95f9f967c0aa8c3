from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.baseline import compare, load, record


def evals(ru: float, order: float, recall: float, query_right: bool) -> dict:
    return {
        "intents": {
            "accuracy": {"ru": ru},
            "per_intent": {"order_status": order, "greet": 1.0},
            "misses": [],
        },
        "retrieval": {
            "metrics": {"recall@1": recall, "mrr": float("nan")},
            "per_query": {"где заказ": query_right, "как оплатить": True},
        },
    }


def test_record_then_compare_the_same_passes(tmp_path: Path):
    path = tmp_path / "baseline.json"
    record(path, evals(0.9, 1.0, 0.8, True))
    result = compare(evals(0.9, 1.0, 0.8, True), load(path), margin=0.02)
    assert (result.failures, result.worse_intents, result.worse_queries) == ([], [], [])


def test_a_fall_within_the_margin_lists_what_got_worse_but_passes(tmp_path: Path):
    result = compare(evals(0.89, 0.8, 0.8, False), evals(0.9, 1.0, 0.8, True), margin=0.02)
    assert result.failures == []
    assert result.worse_intents == ["order_status: 1.00 -> 0.80"]
    assert result.worse_queries == ["где заказ"]


def test_a_fall_beyond_the_margin_fails():
    result = compare(evals(0.8, 1.0, 0.7, True), evals(0.9, 1.0, 0.8, True), margin=0.02)
    assert result.failures == [
        "intent accuracy (ru) fell from 0.900 to 0.800 (allowed: 0.020 below the baseline)",
        "search recall@1 fell from 0.800 to 0.700 (allowed: 0.020 below the baseline)",
    ]


def test_missing_and_broken_baselines(tmp_path: Path):
    assert load(tmp_path / "none.json") is None
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="--record-baseline"):
        load(tmp_path / "bad.json")
