"""One knowledge base per action-server process, created on first use.

rasa-sdk constructs actions with no arguments, so they reach shared resources through this
provider; tests pass their own `KnowledgeBase` to the action's constructor instead. On start the
index is opened, or built if it is missing or stale (a changed encoder or changed articles), so a
fresh clone answers from the articles without a separate build step; the articles' sentences are
encoded for the excerpts, and the intents' examples are searched once for the second opinion on
close calls (actions/example_articles.py).
"""

from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path

import numpy as np

from actions.answer_choice import clear_best
from actions.example_articles import ExampleArticles
from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked
from bot.common.build.intent_files import load_content
from bot.common.settings import Settings
from retrieval.articles import load_articles
from retrieval.encoder import Encoder, load_encoder
from retrieval.errors import RetrievalError
from retrieval.index import StaleIndexError, build_with_settings
from retrieval.known_vector import KnownVector
from retrieval.normalise import read_message
from retrieval.ranking import ArticleScore, decide
from retrieval.service import Candidate, KbSearch
from retrieval.settings import RetrievalSettings

log = logging.getLogger(__name__)
# How much of the search's ranking the answer decision sees (actions/answer_choice.py).
RANKED = 5
# About 30 ms per article on this machine: a large help centre starts in seconds, and the articles
# past this many get their sentences encoded on their first question instead.
ARTICLES_WARMED_AT_START = 500
KNOWLEDGE_REPLY = "knowledge"


def _ranked(item: ArticleScore) -> Ranked:
    return Ranked(item.article_id, item.score, item.fused, item.agreement)


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

    def __init__(
        self,
        search: KbSearch,
        encoder: Encoder | None = None,
        examples: ExampleArticles | None = None,
    ) -> None:
        self._search = search
        self._encoder = encoder
        self._examples = examples

    def ask(
        self,
        question: str,
        language: str,
        known: KnownVector | None = None,
        intent: str | None = None,
    ) -> KnowledgeAnswer:
        text = " ".join(question.split())[: self._search.settings.max_query_chars]
        try:
            known = self._vector(text, known) if intent and self._examples else known
            result = self._search.search(text, k=RANKED, language=language, known=known)
        except RetrievalError as error:
            log.warning("kb.search.failed reason=%s", error)
            return KnowledgeAnswer("abstain", ())
        examples, only = None, None
        if intent and self._examples is not None:
            examples = self._examples.opinion(known.vector if known else None, intent)
            only = self._only_article(self._examples.supported(intent), language)
        return KnowledgeAnswer(
            result.outcome,
            tuple(_article(c) for c in result.candidates),
            tuple(_ranked(r) for r in result.ranked),
            examples,
            only,
            result.question,
        )

    def naming(self, article_id: str) -> str:
        """The words that name what an article is about: its title, tags and id ("Товар оказался
        бракованным или сломался возврат брак гарантия faulty-goods-ru")."""
        article = self._search.articles.get(article_id)
        if article is None:
            return article_id
        return " ".join((article.title, *article.tags, article_id))

    def _only_article(self, supported: frozenset[str], language: str) -> str | None:
        """The intent's article in `language` when its examples are answered by one article."""
        articles = self._search.articles
        own = [i for i in supported if i in articles and articles[i].lang == language]
        return own[0] if len(own) == 1 else None

    def _vector(self, text: str, known: KnownVector | None) -> KnownVector | None:
        """The question's vector, made here when the NLU's is not for this text, so that the
        search and the examples share it."""
        encoder = self._encoder
        if encoder is None or not text:
            return known
        if known is not None and known.matches(encoder.name, text, encoder.dimension):
            return known
        return KnownVector(encoder.name, text, encoder.encode([text])[0])

    def article(
        self, article_id: str, question: str, known: KnownVector | None = None
    ) -> Article | None:
        candidate = self._search.article(article_id, question, known)
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


def label_examples(search: KbSearch, encoder: Encoder, intents_dir: Path) -> ExampleArticles:
    """Search every example of the intents that search the help articles (read as the NLU reads
    them); the article the search is sure of labels it."""
    pairs = []
    for intent in load_content(intents_dir).intents:
        if intent.reply != KNOWLEDGE_REPLY:
            continue
        for texts in intent.examples.values():
            for text in texts:
                read = " ".join(read_message(text).text.split())
                pairs.append((intent.name, read[: search.settings.max_query_chars]))

    def label(text: str, vector: np.ndarray) -> frozenset[str]:
        ranked = search.rank(text, None, KnownVector(encoder.name, text, vector))
        outcome, _ = decide(list(ranked.ranked), ranked.settings)
        if not ranked.ranked or (outcome == "abstain" and not clear_best(ranked.ranked)):
            return frozenset()
        top = ranked.ranked[0].article_id
        translation = search.articles[top].translation if top in search.articles else None
        return frozenset(filter(None, (top, translation)))

    return ExampleArticles.build(pairs, lambda texts: encoder.encode(texts), label)


@functools.cache
def knowledge_base() -> RetrievalKnowledgeBase:
    settings = RetrievalSettings.from_mapping(os.environ)
    encoder = load_encoder(settings.encoder)
    search = open_or_build(encoder, settings)
    started = time.monotonic()
    warmed = search.warm_excerpts(ARTICLES_WARMED_AT_START)
    log.info("kb.excerpts.warmed articles=%d seconds=%.1f", warmed, time.monotonic() - started)
    root = Settings.from_mapping(os.environ).root
    try:
        examples: ExampleArticles | None = label_examples(search, encoder, root / "intents")
    except (OSError, RetrievalError) as error:
        log.warning("kb.examples.skipped reason=%s", error)
        examples = None
    return RetrievalKnowledgeBase(search, encoder, examples)
