"""Intent metrics as pure functions over gold and predicted labels, and the threshold rule.

Written out rather than taken from sklearn so that the tests pin exactly what the table means:
macro-F1 averages over the gold labels only (a label never in the test set adds no zero), and the
Matthews correlation is the multiclass form (Gorodkin 2004), the one sklearn also computes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile; `share` in (0, 1]; NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    if not gold:
        return float("nan")
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def in_scope_accuracy(gold: Sequence[str], predicted: Sequence[str], oos: str) -> float:
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != oos]
    return accuracy([g for g, _ in pairs], [p for _, p in pairs])


def oos_recall(gold: Sequence[str], predicted: Sequence[str], oos: str) -> float:
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g == oos]
    if not pairs:
        return float("nan")
    return sum(p == oos for _, p in pairs) / len(pairs)


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the labels present in `gold`."""
    true_pos = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    gold_count, predicted_count = Counter(gold), Counter(predicted)
    scores = []
    for label in gold_count:
        denominator = gold_count[label] + predicted_count[label]
        scores.append(2 * true_pos[label] / denominator)
    return sum(scores) / len(scores) if scores else float("nan")


def matthews(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Multiclass Matthews correlation; 0 when either side has a single label."""
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    gold_count, predicted_count = Counter(gold), Counter(predicted)
    labels = set(gold_count) | set(predicted_count)
    cross = sum(predicted_count[k] * gold_count[k] for k in labels)
    predicted_sq = n * n - sum(c * c for c in predicted_count.values())
    gold_sq = n * n - sum(c * c for c in gold_count.values())
    if predicted_sq == 0 or gold_sq == 0:
        return 0.0
    return (correct * n - cross) / math.sqrt(predicted_sq * gold_sq)


def apply_threshold(top: Sequence[tuple[str, float]], threshold: float, oos: str) -> list[str]:
    """Top intent, or `oos` when its confidence is below the threshold."""
    return [label if confidence >= threshold else oos for label, confidence in top]


def choose_threshold(gold: Sequence[str], top: Sequence[tuple[str, float]], oos: str) -> float:
    """The confidence threshold with the best validation accuracy: every message counts the same,
    so refusing an in-scope question costs as much as answering an out-of-scope one (accuracy is
    Larson et al.'s first metric). Candidates are 0 and every observed confidence; ties go to the
    lowest threshold, which refuses fewest customers.
    """
    if not gold:
        raise ValueError("choose_threshold needs at least one validation example")
    candidates = np.array(sorted({0.0, *(confidence for _, confidence in top)}))
    confidence = np.array([c for _, c in top])[:, None]
    gold_oos = np.array([g == oos for g in gold])[:, None]
    right_label = np.array([g == label for g, (label, _) in zip(gold, top, strict=True)])[:, None]
    kept = confidence >= candidates[None, :]
    scores = np.where(kept, right_label, gold_oos).mean(axis=0)
    return float(candidates[int(np.argmax(scores))])


def report(gold: Sequence[str], predicted: Sequence[str], oos: str) -> dict[str, float]:
    return {
        "accuracy": accuracy(gold, predicted),
        "in_scope_accuracy": in_scope_accuracy(gold, predicted, oos),
        "oos_recall": oos_recall(gold, predicted, oos),
        "mcc": matthews(gold, predicted),
        "macro_f1": macro_f1(gold, predicted),
    }
