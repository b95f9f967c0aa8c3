"""Whether a question needs the search's second encoder (retrieval/companion.py) at all.

The second encoder costs about 16 ms a question, most of a reply's time. Its cosines are added to
a first pass that is cheap (the main encoder's vector, which comes with the question from the
NLU, BM25 and the character TF-IDF: retrieval/scoring.py). Where the first pass already decides
the answer whatever the second encoder would add, the question is not encoded with it: its best
article agrees with enough signals, scores at the answer point even with a low second-encoder
contribution, and leads the next by the answer margin even if the next gains as much on it as the
second encoder gives another article on nearly every pseudo-question.

"Low" and "nearly every" are measured on the help center itself when its index is built, from the
same pseudo-questions as the built-in calibration (retrieval/calibration.py: each article's
titles, headings and example questions, here at most `MAX_QUESTIONS` of them so that a live
rebuild stays quick): the contribution of the best first-pass article, fitted as a line in its
first-pass score, and quantiles of what that line misses and of what other articles gain where
the first pass put the asking article first. The quantile was chosen on the validation queries.

Only answers are decided here, never "abstain": where nothing is near, the actions still answer
from the ranking (actions/answer_choice.py, a clear best or the intent's article), and a ranking
without the second encoder put another article first in about half of those questions; skipping
them too lowered recall@1 on the demo help center's validation queries by 0.013.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from retrieval.calibration import pseudo_queries
from retrieval.ranking import ArticleScore, calibrate
from retrieval.scoring import Scored
from retrieval.searchable import Searchable
from retrieval.settings import RetrievalSettings

# Share of the help center's pseudo-questions whose second-encoder contribution the bounds cover.
QUANTILE = 0.98
# Fewer pseudo-questions than this measure too little: every question is encoded.
MIN_SAMPLES = 30
# More cost build time (about 1.5 rankings each) and moved no validation outcome.
MAX_QUESTIONS = 200
PREFIX = "gate_"
# In the manifest of every build with the second encoder, with bounds or without (too small).
MEASURED = PREFIX + "measured"


@dataclass(frozen=True)
class Gate:
    """The best article's second-encoder contribution is about `offset + slope * first` (its
    first-pass fused score); `low` bounds what that misses from below, `rival` how much more
    another article gets than the best one."""

    offset: float
    slope: float
    low: float
    rival: float

    def as_manifest(self) -> dict[str, float]:
        return {PREFIX + k: round(v, 4) for k, v in asdict(self).items()}

    @classmethod
    def from_manifest(cls, values: dict[str, float]) -> Gate | None:
        """None for a build measured before the gate (or too small to measure)."""
        try:
            return cls(**{k: float(values[PREFIX + k]) for k in cls.__dataclass_fields__})
        except (KeyError, TypeError, ValueError):
            return None

    def decide(
        self, first: Sequence[ArticleScore], settings: RetrievalSettings
    ) -> list[ArticleScore] | None:
        """The ranking to report when the first pass decides the answer, else None: the first
        pass with every score moved by the best article's expected contribution, from which
        `ranking.decide` answers with the same article."""
        if not first:
            return None
        top = first[0]
        expected = top.fused + self.offset + self.slope * top.fused
        lead = top.fused - first[1].fused if len(first) > 1 else math.inf
        agreed = top.agreement is None or top.agreement >= settings.answer_agreement
        if not (
            agreed
            and calibrate(expected + self.low, settings) >= settings.answer_threshold
            and settings.calibration_slope * (lead - self.rival) >= settings.answer_margin
        ):
            return None
        return [_moved(item, expected - top.fused, settings) for item in first]


def _moved(item: ArticleScore, by: float, settings: RetrievalSettings) -> ArticleScore:
    fused = item.fused + by
    return ArticleScore(
        item.article_id, calibrate(fused, settings), fused, item.best_chunk, item.agreement
    )


@dataclass(frozen=True)
class FirstPass:
    """A question scored without the second encoder, and its scores before ranking, to which the
    full scoring adds only the second encoder's terms."""

    ranked: list[ArticleScore]
    scored: Scored
    query_lang: str

    def completed(
        self, searchable: Searchable, companion_vector: np.ndarray, settings: RetrievalSettings
    ) -> list[ArticleScore]:
        """The ranking `Searchable.rank` gives with the second encoder's vector (the same
        floats), without computing the other signals again."""
        scored = searchable.table.with_companion(self.scored, companion_vector)
        return searchable.ordered(scored, self.query_lang, settings)


def first_pass(
    searchable: Searchable,
    text: str,
    query_vector: np.ndarray,
    query_lang: str,
    settings: RetrievalSettings,
    exclude: Collection[str] = (),
) -> FirstPass:
    """Every article scored as `Searchable.rank` scores a build with the second encoder, without
    its cosines; best first, `fused` on the first pass's own scale."""
    signals = searchable.table.signals(text, query_vector[0], first_pass=True)
    # Every article is scored: the gate runs only on builds with the second encoder, which are
    # small enough for that (as `Searchable.rank` scores them).
    every = np.arange(len(searchable.table.ids))
    scored = searchable.scored(every, signals, exclude)
    return FirstPass(searchable.ordered(scored, query_lang, settings), scored, query_lang)


def bounds(searchable: Searchable, settings: RetrievalSettings) -> dict[str, float]:
    """What a build's manifest records of the gate: nothing without the second encoder."""
    if searchable.companion is None:
        return {}
    gate = measure(searchable, settings)
    return {MEASURED: 1.0, **(gate.as_manifest() if gate is not None else {})}


def measure(
    searchable: Searchable, settings: RetrievalSettings, quantile: float = QUANTILE
) -> Gate | None:
    """The gate's bounds from the help center's own pseudo-questions; None without the second
    encoder's vectors or with too few pseudo-questions."""
    asked = searchable.loaded.companion_queries
    if searchable.companion is None or asked is None:
        return None
    questions = pseudo_queries(searchable)
    if len(questions) > MAX_QUESTIONS:
        keep = np.linspace(0, len(questions) - 1, MAX_QUESTIONS).round().astype(int)
        questions = [questions[i] for i in sorted(set(keep.tolist()))]
    samples = []
    for article_id, lang, text, row in questions:
        first = first_pass(
            searchable, text, searchable.loaded.vectors[row : row + 1], lang, settings
        )
        if first.ranked:
            samples.append(
                (first.ranked, first.completed(searchable, asked[row], settings), article_id)
            )
    return _fit(samples, quantile) if len(samples) >= MIN_SAMPLES else None


def _fit(
    samples: list[tuple[list[ArticleScore], list[ArticleScore], str]], quantile: float
) -> Gate | None:
    """(first pass, full ranking, asking article) → the line through the best first-pass
    article's contribution; the bounds from the questions whose article the first pass put
    first."""
    tops = np.array([first[0].fused for first, _, _ in samples])
    gains = np.array([_gain(full, first[0]) for first, full, _ in samples])
    slope, offset = (float(v) for v in np.polyfit(tops, gains, 1))
    missed, rivals = [], []
    for first, full, article_id in samples:
        top = first[0]
        if top.article_id == article_id:
            gain = _gain(full, top)
            missed.append(gain - offset - slope * top.fused)
            rivals.append(max((_gain(full, item) - gain for item in first[1:]), default=0.0))
    rival = float(np.quantile(rivals, quantile)) if rivals else 0.0
    if rival <= 0.0:
        # No other article ever gained on the asking one: the pseudo-questions were too easy to
        # measure a rival on (a question/answer export, whose pseudo-questions are its own
        # questions, word for word). On the school help center's 90 validation questions such a
        # gate decided 47, 5 of them with a wrong article or one that does not answer them: answer
        # precision 0.818 against 0.851 with every question fully scored.
        return None
    return Gate(
        offset=offset,
        slope=slope,
        low=min(float(np.quantile(missed, 1 - quantile)), 0.0),
        rival=rival,
    )


def _gain(full: list[ArticleScore], item: ArticleScore) -> float:
    """What the second encoder added to `item`'s first-pass score (both rank every article)."""
    return next(r.fused for r in full if r.article_id == item.article_id) - item.fused
