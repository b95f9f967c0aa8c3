"""Scores articles, not chunks: a question is compared with each candidate article's title, its
optional example questions, its best body chunk and the article as a whole (the mean of its title
and body chunk vectors), and with the article's words (BM25 over the title, counted twice, and the
body; BM25 of its best-matching chunk). Where the index has them (retrieval/companion.py), the
second encoder's cosines with the whole article and its best body chunk and the character n-gram
TF-IDF cosine with the article (retrieval/chars.py) are added. The fused score is a weighted sum
(`Weights`); it never needs `questions:`, which only boost.

Recall@1 on the validation queries (bench/retrieval.py; demo help center without `questions:` /
provider help center / XQuAD ru→ru / en→ru, the last two from the tuning harness): the plain
baseline (retrieval/baseline.py) 0.82 / 0.65 / 0.89 / 0.71; PLAIN 0.84 / 0.76 / 0.93 / 0.70; FULL
0.91 / 0.82 / 0.95 / 0.82 before its weights were chosen on both help centers at once, 0.93 / 0.86
on the two help centers after (XQuAD not measured again). The character TF-IDF adds about
0.01-0.03 to FULL and nothing measurable to PLAIN, so PLAIN goes without it. The article vector as
a mean of its chunks' vectors ranked better than encoding the whole article (0.80 against 0.71 on
the demo help center, alone) and costs no encoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.articles import Article
from retrieval.chars import CharModel
from retrieval.chunker import Chunk
from retrieval.lexical import Bm25Index, tokens

KINDS = {"title": 0, "question": 1, "body": 2, "article": 3, "heading": 4}
UNSCORED = ("article", "heading")  # not in the chunk-level BM25: their words are elsewhere
MISSING = -1.0
# The second encoder's cosines sit high (unrelated texts about 0.8): measured from there.
COMPANION_FLOOR = 0.8


@dataclass(frozen=True)
class Weights:
    """fused = title * max(title, best question) + question_boost * max(0, best question -
    question_boost_above) + body * best body chunk + article * whole article
    + coverage * (lexical * s(article BM25) + chunk_lexical * s(chunk BM25)) + chars * character
    TF-IDF cosine + companion_article * (second encoder's article cosine - COMPANION_FLOOR)
    + companion_body * (its best body chunk cosine - COMPANION_FLOOR), with s(x) = x / (x +
    saturation) and coverage the share of the question's words the help center uses at all.
    Chosen on the validation queries only."""

    name: str
    title: float
    body: float
    article: float
    lexical: float
    chunk_lexical: float
    saturation: float
    question_boost: float = 2.0
    question_boost_above: float = 0.6
    chars: float = 0.0
    companion_article: float = 0.0
    companion_body: float = 0.0


PLAIN = Weights("plain", title=0.5, body=1.5, article=2.0, lexical=1.0, chunk_lexical=2.0,
                saturation=6.0)  # fmt: skip
# Chosen on the validation queries of both help centers at once (the demo one without
# `questions:` and the provider one), by coordinate ascent on recall@1 + MRR / 2 summed over the
# two: from body 1.0, lexical 0.5, companion_article 16 (0.908 / 0.818) to these (0.934 / 0.864).
# The article-level BM25 added nothing the chunk-level BM25 and the character TF-IDF did not have.
FULL = Weights("full", title=0.0, body=0.75, article=1.0, lexical=0.0, chunk_lexical=2.0,
               saturation=10.0, chars=2.0, companion_article=21.0, companion_body=12.0)  # fmt: skip


@dataclass(frozen=True)
class QuerySignals:
    """One question's vectors and word scores over the whole index."""

    vector: np.ndarray  # (dimension,)
    lexical: np.ndarray  # BM25 of every article
    chunk_lexical: np.ndarray  # BM25 of every chunk
    coverage: float
    companion_vector: np.ndarray | None = None
    chars: np.ndarray | None = None  # character TF-IDF cosine of every article


@dataclass(frozen=True)
class Scored:
    """Candidate articles (indices into `ArticleTable.ids`), their fused scores and the chunk that
    matched best among each article's body chunks (its title where it has none). `agreement`: how
    many of the separate signals (title, body, whole article, article words, chunk words and, with
    FULL, the character and second-encoder scores; word signals only when some word matched)
    rank the article (or its translation) first."""

    articles: np.ndarray
    fused: np.ndarray
    best_chunks: np.ndarray
    agreement: np.ndarray


class ArticleTable:
    """Which chunks belong to which article, the lexical indexes and the optional FULL signals."""

    def __init__(
        self,
        articles: Sequence[Article],
        chunks: Sequence[Chunk],
        chars: CharModel | None = None,
        companion_vectors: np.ndarray | None = None,
    ) -> None:
        self.ids = [a.id for a in articles]
        position = {article_id: i for i, article_id in enumerate(self.ids)}
        self.translation = np.array([position.get(a.translation, -1) for a in articles])
        self.chunk_article = np.array([position[c.article_id] for c in chunks], dtype=np.int64)
        self.chunk_kind = np.array([KINDS[c.kind] for c in chunks], dtype=np.int8)
        order = np.argsort(self.chunk_article, kind="stable")
        bounds = np.searchsorted(self.chunk_article[order], np.arange(len(self.ids) + 1))
        self.article_chunks = [order[bounds[i] : bounds[i + 1]] for i in range(len(self.ids))]
        self.lexical = Bm25Index([tokens(a.title) * 2 + tokens(a.body) for a in articles])
        self._worded = np.array([i for i, c in enumerate(chunks) if c.kind not in UNSCORED])
        self._chunk_lexical = Bm25Index([tokens(chunks[i].encoded_text) for i in self._worded])
        self._chunk_count = len(chunks)
        self.chars = chars
        self.companion_vectors = companion_vectors
        self.weights = FULL if chars is not None and companion_vectors is not None else PLAIN

    def chunk_lexical(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 of every chunk (0 for the whole-article and heading chunks)."""
        result = np.zeros(self._chunk_count, dtype=np.float32)
        if len(self._worded):
            result[self._worded] = self._chunk_lexical.scores(query_tokens)
        return result

    def coverage(self, query_tokens: list[str]) -> float:
        """Share of the question's words that the help center uses at all: BM25 evidence counts
        only as far as the question is in the articles' language (none across languages)."""
        if not query_tokens:
            return 0.0
        return sum(self.lexical.knows(t) for t in query_tokens) / len(query_tokens)

    def signals(
        self,
        text: str,
        vector: np.ndarray,
        companion_vector: np.ndarray | None = None,
        first_pass: bool = False,
    ) -> QuerySignals:
        """`first_pass`: FULL signals without the second encoder's, which `score` then leaves
        out of the sum (retrieval/companion_gate.py decides whether they are needed)."""
        query_tokens = tokens(text)
        full = self.weights is FULL and (companion_vector is not None or first_pass)
        return QuerySignals(
            vector,
            self.lexical.scores(query_tokens),
            self.chunk_lexical(query_tokens),
            self.coverage(query_tokens),
            companion_vector if full else None,
            self.chars.scores(text) if full and self.chars is not None else None,
        )

    def candidates(
        self, dense_chunk_ids: np.ndarray, lexical: np.ndarray, count: int
    ) -> np.ndarray:
        """Articles of the nearest chunks plus the best articles by words."""
        dense = self.chunk_article[dense_chunk_ids[dense_chunk_ids >= 0]]
        count = min(count, len(lexical))
        by_words = np.argpartition(-lexical, count - 1)[:count] if count else lexical[:0]
        by_words = by_words[lexical[by_words] > 0]
        return np.unique(np.concatenate([dense, by_words]).astype(np.int64))

    def terms(
        self, candidates: np.ndarray, vectors: np.ndarray, query: QuerySignals
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Each candidate's separate signals, by name (MISSING where an article has no chunk of
        that kind; the second encoder's and the character ones only where the query has them),
        and the best body chunk of each. `score` sums them; benchmarks fit combinations of them
        (bench/retrieval_loco.py)."""
        rows, owner, kinds = self._layout(candidates)
        similarity = vectors[rows] @ query.vector
        best = _best_by_kind(similarity, kinds, owner, len(candidates))
        chunk_words = np.zeros(len(candidates))
        np.maximum.at(chunk_words, owner, query.chunk_lexical[rows])
        chunk_words = np.maximum(chunk_words, self._translated_chunk_words(candidates, query))
        result = {
            "title": np.maximum(best["title"], best["question"]),
            "question": best["question"],
            "body": np.where(best["body"] > MISSING, best["body"], best["article"]),
            "article": best["article"],
            "heading": best["heading"],
            "words": query.lexical[candidates].astype(np.float64),
            "chunk_words": chunk_words,
            "coverage": np.full(len(candidates), query.coverage),
        }
        if self.companion_vectors is not None and query.chars is not None:
            result["chars"] = self._with_translation(candidates, query.chars).astype(np.float64)
            if query.companion_vector is not None:
                second = self.companion_vectors[rows] @ query.companion_vector
                result.update(_companion_terms(second, owner, kinds, len(candidates)))
        return result, _best_chunks(rows, owner, kinds, similarity)

    def _translated_chunk_words(self, candidates: np.ndarray, query: QuerySignals) -> np.ndarray:
        """Each candidate's translation's best chunk BM25 (0 without one). A Russian question with
        English words ("есть у вас installment или оплата частями?") has its Russian words in one
        article of a pair and its English ones in the other: the pair is one answer, so each of
        the two counts the words either matched."""
        pooled = np.zeros(len(candidates))
        for position, other in enumerate(self.translation[candidates].tolist()):
            chunks = self.article_chunks[other] if other >= 0 else ()
            if len(chunks):
                pooled[position] = query.chunk_lexical[chunks].max()
        return pooled

    def _with_translation(self, candidates: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """`scores` of the candidates, each raised to its translation's where that is higher."""
        other = self.translation[candidates]
        return np.where(
            other >= 0, np.maximum(scores[candidates], scores[other]), scores[candidates]
        )

    def _layout(self, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidates' chunks article by article: row numbers, candidate positions, kinds."""
        parts = [self.article_chunks[a] for a in candidates.tolist()]
        rows = np.concatenate(parts)
        owner = np.repeat(np.arange(len(candidates)), [len(p) for p in parts])
        return rows, owner, self.chunk_kind[rows]

    def score(self, candidates: np.ndarray, vectors: np.ndarray, query: QuerySignals) -> Scored:
        if not len(candidates):
            return Scored(candidates, np.zeros(0), candidates, candidates)
        w = self.weights if query.companion_vector is not None or query.chars is not None else PLAIN
        t, best_chunks = self.terms(candidates, vectors, query)
        fused, signals = combine(t, w)
        agreement = self._agreement(candidates, [x for x in signals if x.max() > 0])
        return Scored(candidates, fused, best_chunks, agreement)

    def with_companion(self, first: Scored, vector: np.ndarray) -> Scored:
        """`first`, scored without the second encoder (`signals(..., first_pass=True)`), with
        its terms added: what `score` gives with `vector` as the question's companion vector,
        to the bit, without computing the other terms again (retrieval/companion_gate.py)."""
        if self.companion_vectors is None:
            raise ValueError("This table has no second-encoder vectors to complete a score with.")
        if not len(first.articles):
            return first
        rows, owner, kinds = self._layout(first.articles)
        second = self.companion_vectors[rows] @ vector
        t = _companion_terms(second, owner, kinds, len(first.articles))
        fused = companion_added(first.fused, t, FULL)
        signal = t["companion_article"]
        agreement = first.agreement
        if signal.max() > 0:
            agreement = agreement + self._agreement(first.articles, [signal])
        return Scored(first.articles, fused, first.best_chunks, agreement)

    def _agreement(self, candidates: np.ndarray, signals: list[np.ndarray]) -> np.ndarray:
        winners = np.array([candidates[int(np.argmax(x))] for x in signals], dtype=np.int64)
        same = winners[np.newaxis, :] == candidates[:, np.newaxis]
        translated = winners[np.newaxis, :] == self.translation[candidates][:, np.newaxis]
        return (same | translated).sum(axis=1)


def combine(t: dict[str, np.ndarray], w: Weights) -> tuple[np.ndarray, list[np.ndarray]]:
    """The fused score of `ArticleTable.terms` with weights `w` (see `Weights`), and the signals
    whose first places count as agreement."""
    s = w.saturation
    words, chunk_words, coverage = t["words"], t["chunk_words"], t["coverage"]
    fused = (
        w.title * t["title"]
        + w.question_boost * np.maximum(t["question"] - w.question_boost_above, 0.0)
        + w.body * t["body"]
        + w.article * t["article"]
        + coverage * (w.lexical * words / (words + s))
        + coverage * (w.chunk_lexical * chunk_words / (chunk_words + s))
    )
    signals = [t["title"], t["body"], t["article"], words, chunk_words]
    if w is FULL and "chars" in t:
        fused = fused + w.chars * t["chars"]
        signals.append(t["chars"])
        if "companion_article" in t:
            fused = companion_added(fused, t, w)
            signals.append(t["companion_article"])
    return fused, signals


def companion_added(fused: np.ndarray, t: dict[str, np.ndarray], w: Weights) -> np.ndarray:
    """`fused` plus the second encoder's terms of `t`, summed in `combine`'s order."""
    return (
        fused
        + w.companion_article * (t["companion_article"] - COMPANION_FLOOR)
        + w.companion_body * (t["companion_body"] - COMPANION_FLOOR)
    )


def _companion_terms(
    second: np.ndarray, owner: np.ndarray, kinds: np.ndarray, count: int
) -> dict[str, np.ndarray]:
    """The second encoder's signals of `count` candidates from its cosine with each of their
    chunks (`second`, laid out by `ArticleTable._layout`)."""
    extra = _best_by_kind(second, kinds, owner, count)
    return {
        "companion_article": extra["article"],
        "companion_body": np.where(extra["body"] > MISSING, extra["body"], extra["article"]),
        "companion_title": extra["title"],
    }


def _best_by_kind(
    similarity: np.ndarray, kinds: np.ndarray, owner: np.ndarray, count: int
) -> dict[str, np.ndarray]:
    best = {}
    for name, code in KINDS.items():
        values = np.full(count, MISSING)
        mask = kinds == code
        np.maximum.at(values, owner[mask], similarity[mask])
        best[name] = values
    return best


def _best_chunks(
    rows: np.ndarray, owner: np.ndarray, kinds: np.ndarray, similarity: np.ndarray
) -> np.ndarray:
    """Per candidate, its most similar body chunk (or title chunk when it has no body chunk)."""
    rank = np.where(kinds == KINDS["body"], 2.0, np.where(kinds == KINDS["title"], 1.0, 0.0))
    order = np.lexsort((-similarity, -rank, owner))
    first = np.ones(len(order), dtype=bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    return rows[order[first]]
