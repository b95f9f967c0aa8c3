"""Built-in calibration: the answer and clarify points measured on the help center itself.

When an index is built, each article's title, section headings and example questions (where it
has them) are asked as questions with that article (and its translation) left out, as if the
help center had no answer: the scores of the best remaining articles show how high an unanswered
question scores in this help center. The calibrated score maps a low quantile of those scores
(`SCALE_QUANTILE`) to 0.55 and a higher one (`ANSWER_QUANTILE`, the answer point) to 0.85, the
default answer threshold. The quantiles were chosen on validation queries of two help centers (the
demo one with and without `questions:`, and the provider one), never on their test queries: with
the second encoder (retrieval/scoring.py FULL) at the built-in thresholds, coverage 0.65 / 0.68 /
0.62 with answer precision 0.98 / 0.98 / 0.93 and abstain recall 0.90 / 0.96 / 0.83.

On the validation halves of five help centers (demo without `questions:`, provider, bank, the
school's question/answer export and cinema) the answer point moved from the 0.50 quantile to the
0.55 one, with two agreeing signals instead of three (retrieval/settings.py): answer precision
0.981 / 0.929 / 0.909 / 0.851 / 0.848 became 1.000 / 0.950 / 0.927 / 0.905 / 0.909, coverage
0.671 / 0.621 / 0.795 / 0.625 / 0.629 became 0.632 / 0.606 / 0.779 / 0.556 / 0.614 (every
question fully scored). No answer rule on the frontier kept 0.90 everywhere with more coverage.

The clarify threshold is the calibrated score of a quantile between the two (`CLARIFY_QUANTILE`):
at the scale's own 0.55 point, a question the help center does not cover was offered a choice of
articles too often (on the validation halves of five help centers, demo without `questions:`,
provider, bank, school and cinema, abstain recall 0.90 / 0.83 / 0.74 / 0.78 / 0.77). With the
clarify threshold at the 0.45 quantile: 0.94 / 0.94 / 0.91 / 0.78 / 0.80, with the same answers
(coverage and answer precision unchanged), while the share of answerable questions offered a
choice with their article in it fell by 0.01-0.05. The clarify threshold does not move the scale,
so the answers are the same as with the clarify point at the scale's 0.55 mark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from retrieval.ranking import logistic
from retrieval.scoring import FULL, PLAIN
from retrieval.searchable import Searchable
from retrieval.settings import DEFAULTS, RetrievalSettings

SCALE_QUANTILE = 0.40
CLARIFY_QUANTILE = 0.45
ANSWER_QUANTILE = 0.55
MAX_PSEUDO_QUERIES = 600
MIN_PSEUDO_QUERIES = 8
MIN_SPREAD = 0.05
# Floors on the fused scale of each set of weights: in a small help center on unrelated topics
# the leave-one-out scores are low, and a question on a topic it lacks would clear them. The
# demo and provider help centers measure points above these (PLAIN about 2.2-2.7, FULL 3.2-4.0).
MIN_POINTS = {PLAIN.name: (1.5, 2.0), FULL.name: (2.7, 3.2)}  # (clarify, answer)
# (slope, midpoint) when there is too little to measure on: only close matches are answered.
FALLBACK = {PLAIN.name: (3.5, 2.3), FULL.name: (3.5, 4.5)}


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """What the build measured; `values` are settings (retrieval/settings.py CALIBRATED)."""

    values: dict[str, float] = field(default_factory=dict)
    answer_point: float | None = None
    clarify_point: float | None = None
    pseudo_queries: int = 0
    warnings: tuple[str, ...] = ()
    # The fused score the calibrated scale maps to the default clarify threshold (0.55).
    scale_point: float | None = None

    def as_manifest(self) -> dict[str, float]:
        measured = {"pseudo_queries": float(self.pseudo_queries)}
        points = {
            "answer_point_fused": self.answer_point,
            "clarify_point_fused": self.clarify_point,
            "scale_point_fused": self.scale_point,
        }
        measured.update({k: round(v, 4) for k, v in points.items() if v is not None})
        return {**self.values, **measured}


def pseudo_queries(searchable: Searchable) -> list[tuple[str, str, str, int]]:
    """(article id, language, text, its chunk) for each title, heading and example question."""
    loaded = searchable.loaded
    result = [
        (article.id, article.lang, loaded.chunks[row].text, row)
        for position, article in enumerate(loaded.articles.values())
        for row in searchable.table.article_chunks[position].tolist()
        if loaded.chunks[row].kind in ("title", "heading", "question")
    ]
    if len(result) > MAX_PSEUDO_QUERIES:
        keep = np.linspace(0, len(result) - 1, MAX_PSEUDO_QUERIES).round().astype(int)
        result = [result[i] for i in sorted(set(keep.tolist()))]
    return result


def unanswered_scores(searchable: Searchable, settings: RetrievalSettings) -> np.ndarray:
    """Fused score of the best other article for each pseudo-query (vectors from the index)."""
    scores = []
    second = searchable.loaded.companion_queries if searchable.companion is not None else None
    for article_id, lang, text, row in pseudo_queries(searchable):
        left_out = {article_id, searchable.translations.get(article_id, "")}
        vector = searchable.loaded.vectors[row : row + 1]
        companion_vector = second[row] if second is not None else None
        ranked = searchable.rank(text, vector, lang, settings, left_out, companion_vector)
        if ranked:
            scores.append(ranked[0].fused)
    return np.array(scores, dtype=np.float64)


def language_warnings(searchable: Searchable) -> list[str]:
    langs = set(searchable.langs.values())
    if len(langs) != 1:
        return []
    only = next(iter(langs))
    other = {"ru": "English", "en": "Russian"}.get(only, "another language")
    return [
        f"Every article is in {'Russian' if only == 'ru' else 'English'}: questions in {other} "
        "are matched by meaning only, with no word matching, so the search answers them less "
        "often and passes more of them to a person. Add translated articles to answer them."
    ]


def measure(searchable: Searchable, settings: RetrievalSettings) -> Calibration:
    warnings = language_warnings(searchable)
    count = len(searchable.loaded.articles)
    scores = unanswered_scores(searchable, settings) if count > 1 else np.zeros(0)
    if len(scores) < MIN_PSEUDO_QUERIES:
        warnings.append(
            f"Only {count} article{'s' if count != 1 else ''} with {len(scores)} titles and "
            "headings to measure on: the built-in calibration needs more, so cautious fixed "
            "thresholds are used and the search answers only close matches. Add articles, or "
            "set ASSISTANT_KB_ANSWER_THRESHOLD and ASSISTANT_KB_CLARIFY_THRESHOLD."
        )
        slope, midpoint = FALLBACK[searchable.table.weights.name]
        fallback = {"calibration_slope": slope, "calibration_midpoint": midpoint}
        return Calibration(fallback, pseudo_queries=len(scores), warnings=tuple(warnings))
    values, (answer, clarify, scale) = thresholds(scores, searchable.table.weights.name)
    return Calibration(values, answer, clarify, len(scores), tuple(warnings), scale)


@dataclass(frozen=True)
class Quantiles:
    """Where among the pseudo-questions' scores the scale, the clarify point and the answer point
    sit (bench/retrieval_loco.py compares others)."""

    scale: float = SCALE_QUANTILE
    clarify: float = CLARIFY_QUANTILE
    answer: float = ANSWER_QUANTILE


def thresholds(
    scores: np.ndarray, weights: str, at: Quantiles = Quantiles()
) -> tuple[dict[str, float], tuple[float, float, float]]:
    """Settings from the best other articles' fused scores of the pseudo-questions, and the
    (answer, clarify, scale) points on the fused scale."""
    min_clarify, min_answer = MIN_POINTS[weights]
    scale_point = max(float(np.quantile(scores, at.scale)), min_clarify)
    answer_point = max(float(np.quantile(scores, at.answer)), scale_point + MIN_SPREAD, min_answer)
    answer_target, clarify_target = DEFAULTS["answer_threshold"], DEFAULTS["clarify_threshold"]
    slope = (_logit(answer_target) - _logit(clarify_target)) / (answer_point - scale_point)
    midpoint = scale_point - _logit(clarify_target) / slope
    clarify_point = min(max(float(np.quantile(scores, at.clarify)), scale_point), answer_point)
    clarify_threshold = logistic(clarify_point, slope, midpoint)
    values = {
        "calibration_slope": round(slope, 4),
        "calibration_midpoint": round(midpoint, 4),
        "clarify_threshold": round(min(max(clarify_threshold, clarify_target), answer_target), 4),
    }
    return values, (answer_point, clarify_point, scale_point)
