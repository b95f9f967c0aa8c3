"""Metric functions on tiny inputs whose answers are worked out by hand."""

from __future__ import annotations

import math

import pytest

from bench.metrics import (
    accuracy,
    apply_threshold,
    choose_threshold,
    in_scope_accuracy,
    macro_f1,
    matthews,
    oos_recall,
    percentile,
)

GOLD = ["a", "a", "b", "oos"]
PREDICTED = ["a", "b", "b", "oos"]


def test_accuracy_in_scope_and_oos_recall() -> None:
    assert accuracy(GOLD, PREDICTED) == 0.75
    assert in_scope_accuracy(GOLD, PREDICTED, "oos") == pytest.approx(2 / 3)
    assert oos_recall(GOLD, PREDICTED, "oos") == 1.0
    assert oos_recall(["a"], ["oos"], "oos") != oos_recall(["a"], ["oos"], "oos")  # NaN: no oos


def test_macro_f1_averages_over_gold_labels_only() -> None:
    # a: P=1 R=1/2 F=2/3; b: P=1/2 R=1 F=2/3; oos: F=1.
    assert macro_f1(GOLD, PREDICTED) == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    # A predicted label never in gold ("c") adds no class of its own.
    assert macro_f1(["a", "b"], ["a", "c"]) == pytest.approx((1 + 0) / 2)


def test_matthews_perfect_inverse_and_binary_case() -> None:
    assert matthews(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == pytest.approx(1.0)
    assert matthews(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == pytest.approx(-1.0)
    # Binary TP=1 TN=1 FP=1 FN=0: (1*1 - 1*0) / sqrt(2*1*2*1) = 0.5.
    assert matthews(["p", "n", "n"], ["p", "p", "n"]) == pytest.approx(0.5)
    assert matthews(["a", "a"], ["a", "a"]) == 0.0


def test_matthews_multiclass_agrees_with_the_definition() -> None:
    # c=3 correct of s=4; predicted a1 b2 oos1, gold a2 b1 oos1:
    # (3*4 - (1*2 + 2*1 + 1*1)) / sqrt((16 - 6) * (16 - 6)) = 7 / 10 (sklearn agrees).
    assert matthews(GOLD, PREDICTED) == pytest.approx(0.7)


def test_apply_threshold_refuses_below_it() -> None:
    top = [("a", 0.9), ("b", 0.4)]
    assert apply_threshold(top, 0.5, "oos") == ["a", "oos"]
    assert apply_threshold(top, 0.0, "oos") == ["a", "b"]


def test_choose_threshold_maximises_accuracy_over_all_messages() -> None:
    gold = ["a", "b", "c", "oos", "oos"]
    top = [("a", 0.9), ("b", 0.6), ("c", 0.4), ("a", 0.5), ("b", 0.3)]
    # 0.4 keeps the three in-scope rows and refuses one oos row: 4 of 5; 0.6 gets 4 of 5 too but
    # refuses a customer with a right answer, and ties go to the lowest threshold.
    assert choose_threshold(gold, top, "oos") == 0.4
    # Out-of-scope rows above a right answer: refusing two of them is worth losing it (2 of 4).
    gold = ["a", "oos", "oos", "oos"]
    top = [("a", 0.5), ("b", 0.6), ("b", 0.7), ("b", 0.8)]
    assert choose_threshold(gold, top, "oos") == 0.8


def test_choose_threshold_ties_go_to_the_lowest_and_no_oos_means_accuracy() -> None:
    gold = ["a", "b"]
    top = [("a", 0.9), ("b", 0.2)]
    assert choose_threshold(gold, top, "oos") == 0.0
    with pytest.raises(ValueError):
        choose_threshold([], [], "oos")


def test_percentile_nearest_rank() -> None:
    assert percentile([3.0, 1.0, 2.0, 4.0], 0.5) == 2.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.99) == 4.0
    assert math.isnan(percentile([], 0.5))
