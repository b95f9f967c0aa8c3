"""One knowledge base per action-server process, created on first use.

rasa-sdk constructs actions with no arguments, so they reach shared resources through this
provider; tests pass their own `KnowledgeBase` to the action's constructor instead. On start the
index is opened, or built if it is missing or stale (a changed encoder or changed articles), so a
fresh clone answers from the articles without a separate build step, and the articles' sentences
are encoded for the excerpts.
"""

from __future__ import annotations

import functools
import logging
import os
import time

from actions.knowledge_answer import Article, KnowledgeAnswer
from retrieval.articles import load_articles
from retrieval.encoder import Encoder, load_encoder
from retrieval.errors import RetrievalError
from retrieval.index import StaleIndexError, build_with_settings
from retrieval.known_vector import KnownVector
from retrieval.service import Candidate, KbSearch
from retrieval.settings import RetrievalSettings

log = logging.getLogger(__name__)
# About 30 ms per article on this machine: a large help centre starts in seconds, and the articles
# past this many get their sentences encoded on their first question instead.
ARTICLES_WARMED_AT_START = 500


def _article(candidate: Candidate) -> Article:
    return Article(
        candidate.article_id,
        candidate.title,
        candidate.url,
        candidate.lang,
        candidate.excerpt,
        candidate.score,
    )


class RetrievalKnowledgeBase:
    """Adapts retrieval.KbSearch to what the actions need."""

    def __init__(self, search: KbSearch) -> None:
        self._search = search

    def ask(
        self, question: str, language: str, known: KnownVector | None = None
    ) -> KnowledgeAnswer:
        try:
            result = self._search.search(question, k=3, language=language, known=known)
        except RetrievalError as error:
            log.warning("kb.search.failed reason=%s", error)
            return KnowledgeAnswer("abstain", ())
        return KnowledgeAnswer(result.outcome, tuple(_article(c) for c in result.candidates))

    def article(self, article_id: str, question: str) -> Article | None:
        candidate = self._search.article(article_id, question)
        return _article(candidate) if candidate else None


def open_or_build(encoder: Encoder, settings: RetrievalSettings) -> KbSearch:
    articles = load_articles(settings.path)
    for problem in articles.problems:
        log.warning("kb.article.skipped problem=%s", problem)
    try:
        return KbSearch.open(encoder, settings, articles.articles)
    except (StaleIndexError, RetrievalError) as error:
        log.info("kb.index.rebuild reason=%s", error)
    build_with_settings(articles.articles, encoder, settings)
    return KbSearch.open(encoder, settings)


@functools.cache
def knowledge_base() -> RetrievalKnowledgeBase:
    settings = RetrievalSettings.from_mapping(os.environ)
    search = open_or_build(load_encoder(settings.encoder), settings)
    started = time.monotonic()
    warmed = search.warm_excerpts(ARTICLES_WARMED_AT_START)
    log.info("kb.excerpts.warmed articles=%d seconds=%.1f", warmed, time.monotonic() - started)
    return RetrievalKnowledgeBase(search)
