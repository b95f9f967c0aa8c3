"""What the knowledge-base actions need from a search, independent of the retrieval internals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from retrieval.known_vector import KnownVector

Outcome = Literal["answer", "clarify", "abstain"]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    url: str
    lang: str
    excerpt: str
    score: float


@dataclass(frozen=True)
class Ranked:
    """One article as the search ranked it: calibrated score, the fused score it came from, and
    how many of the search's signals put it first (None: not measured)."""

    id: str
    score: float
    fused: float
    agreement: int | None = None


@dataclass(frozen=True)
class KnowledgeAnswer:
    """The search's own verdict and the articles it shows for it (with excerpts), plus its whole
    ranking, from which actions/answer_choice.py makes the bot's decision."""

    outcome: Outcome
    articles: tuple[Article, ...]
    ranked: tuple[Ranked, ...] = ()
    # What the intent's training examples most like the question are answered with
    # (actions/example_articles.py): article ids, empty for "no article", None: no opinion.
    examples: frozenset[str] | None = None
    # The intent's only article in the question's language, when the intent's whole topic is one
    # article (contacts_hours: contacts); None otherwise.
    intent_article: str | None = None
    # The search's vector of the question it read: `KnowledgeBase.article` reuses it for the
    # excerpt of an article the search did not show, rather than encoding the question again.
    question: KnownVector | None = None


class KnowledgeBase(Protocol):
    """Implemented over retrieval.KbSearch in actions/knowledge_provider.py; tests pass a fake."""

    def ask(
        self,
        question: str,
        language: str,
        known: KnownVector | None = None,
        intent: str | None = None,
    ) -> KnowledgeAnswer: ...

    def article(
        self, article_id: str, question: str, known: KnownVector | None = None
    ) -> Article | None:
        """`known`: a vector of `question` already made (`KnowledgeAnswer.question`), used when
        it is of exactly this text."""
        ...
