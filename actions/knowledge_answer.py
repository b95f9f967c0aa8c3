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
class KnowledgeAnswer:
    outcome: Outcome
    articles: tuple[Article, ...]


class KnowledgeBase(Protocol):
    """Implemented over retrieval.KbSearch in actions/knowledge_provider.py; tests pass a fake."""

    def ask(
        self, question: str, language: str, known: KnownVector | None = None
    ) -> KnowledgeAnswer: ...

    def article(self, article_id: str, question: str) -> Article | None: ...
