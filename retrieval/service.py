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

from retrieval import companion as companions
from retrieval.articles import Article, detect_language
from retrieval.companion_gate import Gate, first_pass
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
from retrieval.ranking import ArticleScore, Outcome, decide
from retrieval.searchable import Searchable
from retrieval.settings import RetrievalSettings
from retrieval.translit import cyrillic_reading

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
    # The main encoder's vector of the text searched (as read), for `KbSearch.article`.
    question: KnownVector | None = None


@dataclass(frozen=True)
class RankedQuery:
    """A ranked question plus what turning it into an answer needs (its vector, its build)."""

    searchable: Searchable
    query_vector: np.ndarray
    query_lang: str
    ranked: tuple[ArticleScore, ...]
    settings: RetrievalSettings
    text: str = ""
    # The first pass decided without the second encoder (retrieval/companion_gate.py).
    gated: bool = False


class KbSearch:
    def __init__(
        self,
        encoder: Encoder,
        index: LoadedIndex,
        settings: RetrievalSettings,
        gate: bool = True,
    ) -> None:
        """`gate`: skip the second encoder where the first pass decides (False: always encode,
        to measure what the gate changes)."""
        serve_single_queries()
        self._encoder = encoder
        self._base_settings = settings
        self._settings = settings.calibrated(index.manifest.calibration)
        self._searchable = _searchable(index)
        self._use_gate = gate
        self._gate = _gate(index, gate)
        self._excerpts = ExcerptPicker(encoder)
        self._lock = threading.Lock()
        self._checked_at = time.monotonic()

    @classmethod
    def open(
        cls,
        encoder: Encoder,
        settings: RetrievalSettings,
        articles: list[Article] | None = None,
        gate: bool = True,
    ) -> KbSearch:
        index = open_index(settings.index_dir, encoder, articles, settings)
        return cls(encoder, index, settings, gate)

    @property
    def build(self) -> Path:
        return self._searchable.loaded.folder

    @property
    def settings(self) -> RetrievalSettings:
        """The settings in force: the index's built-in calibration unless set explicitly."""
        return self._settings

    @property
    def calibration(self) -> dict[str, float]:
        """What the index's built-in calibration measured (retrieval/calibration.py)."""
        return dict(self._searchable.loaded.manifest.calibration)

    @property
    def warnings(self) -> list[str]:
        """What the build found wrong with the help center (retrieval/calibration.py)."""
        return list(self._searchable.loaded.manifest.warnings)

    @property
    def articles(self) -> dict[str, Article]:
        return self._searchable.loaded.articles

    @property
    def companion(self) -> str:
        """The second encoder this build is searched with; "" for none."""
        return self._searchable.companion.name if self._searchable.companion else ""

    def warm_excerpts(self, limit: int) -> int:
        """Encode up to `limit` articles' sentences now rather than on their first question."""
        return self._excerpts.warm([(a.body, a.title) for a in self.articles.values()][:limit])

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
            loaded = load_build(folder)
            searchable = _searchable(loaded)
        except RetrievalError as error:
            log.warning("retrieval.reload.failed build=%s reason=%s", folder.name, error)
            return False
        with self._lock:
            self._searchable = searchable
            self._gate = _gate(loaded, self._use_gate)
            self._settings = self._base_settings.calibrated(searchable.loaded.manifest.calibration)
        log.info("retrieval.reload.done build=%s", folder.name)
        return True

    def rank(
        self, query: str, language: str | None = None, known: KnownVector | None = None
    ) -> RankedQuery:
        """Encode, search and rank, without excerpts: what evaluation and benchmarks measure.

        `known` is the NLU's vector of the question, used when it is the encoder's for exactly
        this text (retrieval/known_vector.py). The second encoder is asked only when the first
        pass does not decide the outcome (retrieval/companion_gate.py)."""
        text = query_text(query, self._settings.max_query_chars)
        if not text:
            raise RetrievalError("The question is empty.")
        self.reload_if_changed()
        with self._lock:
            searchable, settings, gate = self._searchable, self._settings, self._gate
        reading = cyrillic_reading(text, searchable.table.coverage)
        if reading is not None:
            text, language = reading, "ru"
        query_lang = language or detect_language(text)
        if known is not None and known.matches(self._encoder.name, text, self._encoder.dimension):
            query_vector = known.vector[np.newaxis, :]
        else:
            query_vector = self._encoder.encode([text])
        if gate is not None and searchable.companion is not None:
            first = first_pass(searchable, text, query_vector, query_lang, settings)
            shifted = gate.decide(first.ranked, settings)
            if shifted is not None:
                return RankedQuery(
                    searchable, query_vector[0], query_lang, tuple(shifted), settings, text, True
                )
            second = searchable.companion.queries([text])[0]
            ranked = first.completed(searchable, second, settings)
        else:
            ranked = searchable.rank(text, query_vector, query_lang, settings)
        return RankedQuery(searchable, query_vector[0], query_lang, tuple(ranked), settings, text)

    def search(
        self,
        query: str,
        k: int = 5,
        language: str | None = None,
        known: KnownVector | None = None,
    ) -> SearchResult:
        ranked = self.rank(query, language, known)
        outcome, chosen = decide(list(ranked.ranked), ranked.settings)
        shown = chosen if outcome != "abstain" else []
        candidates = tuple(
            self._candidate(ranked.searchable, item, ranked.query_vector, ranked.text)
            for item in shown
        )
        question = KnownVector(self._encoder.name, ranked.text, ranked.query_vector)
        return SearchResult(outcome, candidates, ranked.ranked[:k], ranked.query_lang, question)

    def article(
        self, article_id: str, question: str, known: KnownVector | None = None
    ) -> Candidate | None:
        """An article the search did not show (chosen by the customer, or by the actions), with
        its excerpt for `question`. `known`: a vector already made of it (`SearchResult.question`),
        used when it is this encoder's of exactly `question`, so the excerpt is the same."""
        searchable = self._searchable
        if article_id not in searchable.loaded.articles:
            return None
        chunk = int(searchable.table.article_chunks[searchable.table.ids.index(article_id)][0])
        encoder = self._encoder
        if known is not None and known.matches(encoder.name, question, encoder.dimension):
            question_vector = known.vector
        else:
            question_vector = encoder.encode([question])[0]
        return self._candidate(
            searchable, ArticleScore(article_id, 1.0, 1.0, chunk), question_vector, question
        )

    def _candidate(
        self,
        searchable: Searchable,
        item: ArticleScore,
        question_vector: np.ndarray,
        question: str = "",
    ) -> Candidate:
        article = searchable.loaded.articles[item.article_id]
        return Candidate(
            article_id=article.id,
            title=article.title,
            url=article.url,
            lang=article.lang,
            score=round(item.score, 4),
            chunk_text=searchable.loaded.chunks[item.best_chunk].text,
            excerpt=self._excerpts.pick(question_vector, article.body, question, article.title),
        )


def query_text(question: str, max_chars: int) -> str:
    """The text the search encodes for a question (before reading Latin-typed Russian in
    Cyrillic): its words, single-spaced, cut to `max_chars`."""
    return " ".join(str(question).split())[:max_chars]


def _gate(index: LoadedIndex, wanted: bool) -> Gate | None:
    """The build's gate for the second encoder, when wanted and measured at its build."""
    return Gate.from_manifest(index.manifest.calibration) if wanted else None


def _searchable(index: LoadedIndex) -> Searchable:
    """A loaded build with the second encoder it was made with (retrieval/companion.py)."""
    name = index.manifest.companion
    companion = companions.load_companion(name) if name else None
    if name and (companion is None or companion.name != name):
        raise RetrievalError(f"Index in {index.folder} needs the second encoder {name!r}")
    return Searchable(index, companion)
