"""A loaded build, ready to rank: the article table and lexical index are made when it loads.

Used by the search service for customers' questions and by the built-in calibration for the
help center's own pseudo-questions, so both are scored the same way.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from retrieval.lexical import tokens
from retrieval.ranking import ArticleScore, calibrate, drop_translations
from retrieval.scoring import ArticleTable
from retrieval.settings import RetrievalSettings

if TYPE_CHECKING:
    from retrieval.index import LoadedIndex


class Searchable:
    def __init__(self, loaded: LoadedIndex) -> None:
        self.loaded = loaded
        articles = list(loaded.articles.values())
        self.table = ArticleTable(articles, loaded.chunks)
        self.langs = {a.id: a.lang for a in articles}
        self.translations = {a.id: a.translation for a in articles if a.translation}

    def rank(
        self,
        text: str,
        query_vector: np.ndarray,
        query_lang: str,
        settings: RetrievalSettings,
        exclude: Collection[str] = (),
    ) -> list[ArticleScore]:
        """Articles best first, with calibrated scores; `query_vector` has shape (1, dimension).
        `exclude`: articles left out, as if they did not exist (calibration's leave-one-out)."""
        loaded = self.loaded
        count = min(settings.candidate_chunks, len(loaded.chunks))
        _, dense_ids = loaded.faiss_index.search(query_vector, count)
        query_tokens = tokens(text)
        lexical = self.table.lexical.scores(query_tokens)
        candidates = self.table.candidates(dense_ids[0], lexical, count)
        if exclude:
            keep = [self.table.ids[a] not in exclude for a in candidates.tolist()]
            candidates = candidates[np.array(keep, dtype=bool)]
        scored = self.table.score(
            candidates,
            loaded.vectors,
            query_vector[0],
            lexical,
            self.table.chunk_lexical(query_tokens),
            self.table.coverage(query_tokens),
            settings,
        )
        order = np.argsort(-scored.fused, kind="stable")
        ranked = [
            ArticleScore(
                self.table.ids[int(scored.articles[i])],
                calibrate(float(scored.fused[i]), settings),
                float(scored.fused[i]),
                int(scored.best_chunks[i]),
                int(scored.agreement[i]),
            )
            for i in order.tolist()
        ]
        return drop_translations(ranked, self.translations, self.langs, query_lang)
