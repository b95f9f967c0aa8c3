"""KbSearch: the one object callers use. Encode, search, rank, excerpt; pick up new builds itself.

Hot reload: at most every `reload_check_seconds` the `current` link is compared with the build in
memory; a new build is loaded completely before it replaces the old one, and a broken new build is
logged and ignored while the old one keeps serving.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.articles import Article, detect_language
from retrieval.encoder import Encoder
from retrieval.errors import RetrievalError
from retrieval.excerpt import ExcerptPicker
from retrieval.index import (
    LoadedIndex,
    current_build,
    load_build,
    open_index,
    serve_single_queries,
)
from retrieval.known_vector import KnownVector
from retrieval.lexical import Bm25Index, tokens
from retrieval.ranking import ArticleScore, Outcome, aggregate, decide, drop_translations, fuse
from retrieval.settings import RetrievalSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    article_id: str
    title: str
    url: str
    lang: str
    score: float
    chunk_text: str
    excerpt: str


@dataclass(frozen=True)
class SearchResult:
    outcome: Outcome
    candidates: tuple[Candidate, ...]
    ranked: tuple[ArticleScore, ...]
    query_lang: str


class _Searchable:
    """A loaded build plus the lexical index over its chunks (built in memory at load)."""

    def __init__(self, loaded: LoadedIndex) -> None:
        self.loaded = loaded
        self.chunk_articles = [c.article_id for c in loaded.chunks]
        self.is_title = np.array([c.kind == "title" for c in loaded.chunks])
        self.langs = {a.id: a.lang for a in loaded.articles.values()}
        self.translations = {a.id: a.translation for a in loaded.articles.values() if a.translation}
        self.lexical = Bm25Index([tokens(c.encoded_text) for c in loaded.chunks])


@dataclass(frozen=True)
class RankedQuery:
    """A ranked question plus what turning it into an answer needs (its vector, its build)."""

    searchable: _Searchable
    query_vector: np.ndarray
    query_lang: str
    ranked: tuple[ArticleScore, ...]


class KbSearch:
    def __init__(self, encoder: Encoder, index: LoadedIndex, settings: RetrievalSettings) -> None:
        serve_single_queries()
        self._encoder = encoder
        self._settings = settings
        self._searchable = _Searchable(index)
        self._excerpts = ExcerptPicker(encoder)
        self._lock = threading.Lock()
        self._checked_at = time.monotonic()

    @classmethod
    def open(
        cls, encoder: Encoder, settings: RetrievalSettings, articles: list[Article] | None = None
    ) -> KbSearch:
        return cls(encoder, open_index(settings.index_dir, encoder, articles), settings)

    @property
    def build(self) -> Path:
        return self._searchable.loaded.folder

    @property
    def articles(self) -> dict[str, Article]:
        return self._searchable.loaded.articles

    def warm_excerpts(self, limit: int) -> int:
        """Encode up to `limit` articles' sentences now rather than on their first question."""
        return self._excerpts.warm([a.body for a in self.articles.values()][:limit])

    def reload_if_changed(self, force: bool = False) -> bool:
        """Swap to a newer complete build; keep serving the current one if it is broken."""
        now = time.monotonic()
        if not force and now - self._checked_at < self._settings.reload_check_seconds:
            return False
        self._checked_at = now
        folder = current_build(self._settings.index_dir)
        if folder is None or folder == self._searchable.loaded.folder:
            return False
        try:
            searchable = _Searchable(load_build(folder))
        except RetrievalError as error:
            log.warning("retrieval.reload.failed build=%s reason=%s", folder.name, error)
            return False
        with self._lock:
            self._searchable = searchable
        log.info("retrieval.reload.done build=%s", folder.name)
        return True

    def rank(
        self, query: str, language: str | None = None, known: KnownVector | None = None
    ) -> RankedQuery:
        """Encode, search and rank, without excerpts: what evaluation and benchmarks measure.

        `known` is the NLU's vector of the question, used when it is this encoder's for exactly
        this text (retrieval/known_vector.py)."""
        text = " ".join(str(query).split())[: self._settings.max_query_chars]
        if not text:
            raise RetrievalError("The question is empty.")
        self.reload_if_changed()
        searchable = self._searchable
        query_lang = language or detect_language(text)
        if known is not None and known.matches(self._encoder.name, text, self._encoder.dimension):
            query_vector = known.vector[np.newaxis, :]
        else:
            query_vector = self._encoder.encode([text])
        ranked = self._rank(searchable, text, query_vector, query_lang)
        return RankedQuery(searchable, query_vector[0], query_lang, tuple(ranked))

    def search(
        self,
        query: str,
        k: int = 5,
        language: str | None = None,
        known: KnownVector | None = None,
    ) -> SearchResult:
        ranked = self.rank(query, language, known)
        outcome, chosen = decide(list(ranked.ranked), self._settings)
        shown = chosen if outcome != "abstain" else []
        candidates = tuple(
            self._candidate(ranked.searchable, item, ranked.query_vector) for item in shown
        )
        return SearchResult(outcome, candidates, ranked.ranked[:k], ranked.query_lang)

    def article(self, article_id: str, question: str) -> Candidate | None:
        """An article chosen by the customer from a clarifying question, with its excerpt."""
        searchable = self._searchable
        if article_id not in searchable.loaded.articles:
            return None
        chunk = searchable.chunk_articles.index(article_id)
        question_vector = self._encoder.encode([question])[0]
        return self._candidate(
            searchable, ArticleScore(article_id, 1.0, 1.0, chunk), question_vector
        )

    def _rank(
        self, searchable: _Searchable, text: str, query_vector: np.ndarray, query_lang: str
    ) -> list[ArticleScore]:
        loaded = searchable.loaded
        count = min(self._settings.candidate_chunks, len(loaded.chunks))
        _, dense_ids = loaded.faiss_index.search(query_vector, count)
        lexical_all = searchable.lexical.scores(tokens(text))
        # argpartition: only the top `count` are needed, a full sort of every chunk is not.
        lexical_ids = np.argpartition(-lexical_all, count - 1)[:count]
        chunk_ids = np.unique(np.concatenate([dense_ids[0][dense_ids[0] >= 0], lexical_ids]))
        dense = loaded.vectors[chunk_ids] @ query_vector[0]
        fused = fuse(dense, lexical_all[chunk_ids], searchable.is_title[chunk_ids], self._settings)
        ranked = aggregate(
            chunk_ids,
            fused,
            searchable.chunk_articles,
            searchable.langs,
            query_lang,
            self._settings,
        )
        return drop_translations(ranked, searchable.translations, searchable.langs, query_lang)

    def _candidate(
        self, searchable: _Searchable, item: ArticleScore, question_vector: np.ndarray
    ) -> Candidate:
        article = searchable.loaded.articles[item.article_id]
        return Candidate(
            article_id=article.id,
            title=article.title,
            url=article.url,
            lang=article.lang,
            score=round(item.score, 4),
            chunk_text=searchable.loaded.chunks[item.best_chunk].text,
            excerpt=self._excerpts.pick(question_vector, article.body),
        )
