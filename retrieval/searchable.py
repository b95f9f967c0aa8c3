"""A loaded build, ready to rank: the article table and lexical index are made when it loads.

Used by the search service for customers' questions and by the built-in calibration for the
help center's own pseudo-questions, so both are scored the same way. A build made with the second
encoder (retrieval/companion.py) is searched with it: the question is encoded by both.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from retrieval.companion import Companion
from retrieval.ranking import ArticleScore, calibrate, drop_translations
from retrieval.scoring import ArticleTable, QuerySignals, Scored
from retrieval.settings import RetrievalSettings

if TYPE_CHECKING:
    from retrieval.index_files import LoadedIndex


class Searchable:
    def __init__(self, loaded: LoadedIndex, companion: Companion | None = None) -> None:
        """`companion`: the second encoder the build was made with (ignored for a build
        without its vectors)."""
        self.loaded = loaded
        articles = list(loaded.articles.values())
        full = companion is not None and loaded.companion_vectors is not None
        self.companion = companion if full else None
        self.table = ArticleTable(
            articles,
            loaded.chunks,
            loaded.chars if full else None,
            loaded.companion_vectors if full else None,
        )
        self.langs = {a.id: a.lang for a in articles}
        self.translations = {a.id: a.translation for a in articles if a.translation}

    def rank(
        self,
        text: str,
        query_vector: np.ndarray,
        query_lang: str,
        settings: RetrievalSettings,
        exclude: Collection[str] = (),
        companion_vector: np.ndarray | None = None,
    ) -> list[ArticleScore]:
        """Articles best first, with calibrated scores; `query_vector` has shape (1, dimension).
        `exclude`: articles left out, as if they did not exist (calibration's leave-one-out).
        `companion_vector`: the second encoder's vector of `text`, encoded here if not given."""
        loaded = self.loaded
        count = min(settings.candidate_chunks, len(loaded.chunks))
        if self.companion is not None and companion_vector is None:
            companion_vector = self.companion.queries([text])[0]
        signals = self.table.signals(text, query_vector[0], companion_vector)
        if self.companion is not None:  # a small help center: every article is scored
            candidates = np.arange(len(self.table.ids))
        else:
            _, dense_ids = loaded.faiss_index.search(query_vector, count)
            candidates = self.table.candidates(dense_ids[0], signals.lexical, count)
        return self.ranked(candidates, signals, query_lang, settings, exclude)

    def ranked(
        self,
        candidates: np.ndarray,
        signals: QuerySignals,
        query_lang: str,
        settings: RetrievalSettings,
        exclude: Collection[str] = (),
    ) -> list[ArticleScore]:
        """The candidate articles (row numbers of the table) scored with `signals`, best first,
        calibrated, without those in `exclude` and without translations of a better one."""
        return self.ordered(self.scored(candidates, signals, exclude), query_lang, settings)

    def scored(
        self, candidates: np.ndarray, signals: QuerySignals, exclude: Collection[str] = ()
    ) -> Scored:
        """The candidate articles' scores, in no order, without those in `exclude`."""
        if exclude:
            keep = [self.table.ids[a] not in exclude for a in candidates.tolist()]
            candidates = candidates[np.array(keep, dtype=bool)]
        return self.table.score(candidates, self.loaded.vectors, signals)

    def ordered(
        self, scored: Scored, query_lang: str, settings: RetrievalSettings
    ) -> list[ArticleScore]:
        """`scored` best first, calibrated, without translations of a better article."""
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
