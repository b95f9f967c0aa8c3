"""Scores articles, not chunks: a question is compared with each candidate article's title, its
optional example questions, its best body chunk and the article as a whole, and with the article's
words (BM25 over the title, counted twice, and the body; BM25 of its best-matching chunk). The
fused score is their weighted sum (retrieval/settings.py gives the formula); it never needs
`questions:`.

Recall@1 on the validation queries without `questions:` (demo help center, 76 answerable; provider
help center, 66): title alone 0.72 / 0.36, best body chunk 0.62 / 0.58, whole article 0.71 / 0.61,
article BM25 0.61 / 0.48, the plain baseline (retrieval/baseline.py) 0.82 / 0.65, the fused score
0.84 / 0.74.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.articles import Article
from retrieval.chunker import Chunk
from retrieval.lexical import Bm25Index, tokens
from retrieval.settings import RetrievalSettings

KINDS = {"title": 0, "question": 1, "body": 2, "article": 3, "heading": 4}
UNSCORED = ("article", "heading")  # not in the chunk-level BM25: their words are elsewhere
MISSING = -1.0


@dataclass(frozen=True)
class Scored:
    """Candidate articles (indices into `ArticleTable.ids`), their fused scores and the chunk that
    matched best among each article's body chunks (its title where it has none). `agreement`: how
    many of the separate signals (title, body, whole article, article words, chunk words; word
    signals only when some word matched) rank the article (or its translation) first."""

    articles: np.ndarray
    fused: np.ndarray
    best_chunks: np.ndarray
    agreement: np.ndarray


class ArticleTable:
    """Which chunks belong to which article, and the article-level lexical index."""

    def __init__(self, articles: Sequence[Article], chunks: Sequence[Chunk]) -> None:
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

    def candidates(
        self, dense_chunk_ids: np.ndarray, lexical: np.ndarray, count: int
    ) -> np.ndarray:
        """Articles of the nearest chunks plus the best articles by words."""
        dense = self.chunk_article[dense_chunk_ids[dense_chunk_ids >= 0]]
        count = min(count, len(lexical))
        by_words = np.argpartition(-lexical, count - 1)[:count] if count else lexical[:0]
        by_words = by_words[lexical[by_words] > 0]
        return np.unique(np.concatenate([dense, by_words]).astype(np.int64))

    def score(
        self,
        candidates: np.ndarray,
        vectors: np.ndarray,
        query_vector: np.ndarray,
        lexical: np.ndarray,
        chunk_lexical: np.ndarray,
        coverage: float,
        settings: RetrievalSettings,
    ) -> Scored:
        """`lexical`: BM25 of every article; `chunk_lexical`: of every chunk."""
        if not len(candidates):
            return Scored(candidates, np.zeros(0), candidates, candidates)
        parts = [self.article_chunks[a] for a in candidates.tolist()]
        rows = np.concatenate(parts)
        owner = np.repeat(np.arange(len(candidates)), [len(p) for p in parts])
        similarity = vectors[rows] @ query_vector
        kinds = self.chunk_kind[rows]
        best = {}
        for name, code in KINDS.items():
            values = np.full(len(candidates), MISSING)
            mask = kinds == code
            np.maximum.at(values, owner[mask], similarity[mask])
            best[name] = values
        body = np.where(best["body"] > MISSING, best["body"], best["article"])
        words = lexical[candidates]
        chunk_words = np.zeros(len(candidates))
        np.maximum.at(chunk_words, owner, chunk_lexical[rows])
        saturation = settings.lexical_saturation
        title = np.maximum(best["title"], best["question"])
        fused = (
            settings.title_weight * title
            + settings.question_boost
            * np.maximum(best["question"] - settings.question_boost_above, 0.0)
            + settings.body_weight * body
            + settings.article_weight * best["article"]
            + settings.lexical_weight * coverage * words / (words + saturation)
            + settings.chunk_lexical_weight * coverage * chunk_words / (chunk_words + saturation)
        )
        signals = [title, body, best["article"], words, chunk_words]
        agreement = self._agreement(candidates, [x for x in signals if x.max() > 0])
        return Scored(candidates, fused, _best_chunks(rows, owner, kinds, similarity), agreement)

    def _agreement(self, candidates: np.ndarray, signals: list[np.ndarray]) -> np.ndarray:
        winners = np.array([candidates[int(np.argmax(x))] for x in signals], dtype=np.int64)
        same = winners[np.newaxis, :] == candidates[:, np.newaxis]
        translated = winners[np.newaxis, :] == self.translation[candidates][:, np.newaxis]
        return (same | translated).sum(axis=1)


def _best_chunks(
    rows: np.ndarray, owner: np.ndarray, kinds: np.ndarray, similarity: np.ndarray
) -> np.ndarray:
    """Per candidate, its most similar body chunk (or title chunk when it has no body chunk)."""
    rank = np.where(kinds == KINDS["body"], 2.0, np.where(kinds == KINDS["title"], 1.0, 0.0))
    order = np.lexsort((-similarity, -rank, owner))
    first = np.ones(len(order), dtype=bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    return rows[order[first]]
