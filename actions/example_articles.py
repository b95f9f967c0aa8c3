"""What the help center answers each intent's training examples with: a second opinion for the
close calls of the article search.

When the action server starts, every example of the intents that search the help articles
(`reply: knowledge`) is searched once; the article the search is sure of (its outcome is not
"abstain") labels the example, an example it finds nothing for is labelled "none" ("посоветуйте
ноутбук" has no article). Two opinions come from the labels:
- the intent's articles: those that answer at least SUPPORT_SHARE of its examples (order_status:
  order status, tracking, delays). Between close articles, the one the NLU's intent is answered
  with wins; a question the search was unsure of is answered with it when it ranks near the top.
- no article: when the examples of the intent most like the question (by sentence vector, at
  least NONE_SIMILARITY alike) are mostly labelled "none", this kind of question has no article,
  and the bot says so rather than giving the topic's stock reply.
One example's label is noisy (the search is strict on short texts); these opinions rest on many.
Translations count as one article (labels hold both ids).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)
NEAREST = 3
NONE_SIMILARITY = 0.6
SUPPORT_SHARE = 0.1
SUPPORT_MIN = 2


@dataclass(frozen=True)
class Labelled:
    intent: str
    text: str
    articles: frozenset[str]  # the article and its translation; empty: the help center has none


class ExampleArticles:
    def __init__(self, vectors: np.ndarray, examples: Sequence[Labelled]) -> None:
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._examples = list(examples)
        self._rows: dict[str, np.ndarray] = {}
        self._support: dict[str, frozenset[str]] = {}
        for intent in {e.intent for e in self._examples}:
            rows = [i for i, e in enumerate(self._examples) if e.intent == intent]
            self._rows[intent] = np.array(rows, dtype=np.int64)
            counts = Counter(self._examples[i].articles for i in rows if self._examples[i].articles)
            least = max(SUPPORT_MIN, SUPPORT_SHARE * len(rows))
            self._support[intent] = frozenset(
                article for label, count in counts.items() if count >= least for article in label
            )

    def __len__(self) -> int:
        return len(self._examples)

    def supported(self, intent: str) -> frozenset[str]:
        """The articles that answer many of the intent's examples (empty for an unknown one)."""
        return self._support.get(intent, frozenset())

    def none_expected(self, vector: np.ndarray, intent: str) -> bool:
        """The intent's examples most like the question mostly have no article."""
        rows = self._rows.get(intent)
        if rows is None or not len(rows):
            return False
        similarity = self._vectors[rows] @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-similarity)[:NEAREST]
        near = [self._examples[rows[i]] for i in order if similarity[i] >= NONE_SIMILARITY]
        if not near or near[0].articles:
            return False
        return sum(1 for e in near if not e.articles) * 2 > len(near)

    def opinion(self, vector: np.ndarray | None, intent: str) -> frozenset[str] | None:
        """The intent's articles; empty when the question's kind has none; None: no opinion."""
        if intent not in self._rows:
            return None
        if vector is not None and self.none_expected(vector, intent):
            return frozenset()
        return self.supported(intent) or None

    @classmethod
    def build(
        cls,
        examples: Iterable[tuple[str, str]],
        encode: Callable[[list[str]], np.ndarray],
        label: Callable[[str, np.ndarray], frozenset[str]],
    ) -> ExampleArticles:
        """`examples`: (intent, text) pairs; `encode`: texts → vectors; `label`: a text and its
        vector → the article ids that answer it (empty when none)."""
        started = time.monotonic()
        pairs = list(examples)
        if not pairs:
            return cls(np.zeros((0, 1), dtype=np.float32), [])
        vectors = encode([text for _, text in pairs])
        labelled = [
            Labelled(intent, text, label(text, vector))
            for (intent, text), vector in zip(pairs, vectors, strict=True)
        ]
        log.info(
            "kb.examples.labelled examples=%d without_article=%d seconds=%.1f",
            len(labelled),
            sum(1 for e in labelled if not e.articles),
            time.monotonic() - started,
        )
        return cls(vectors, labelled)
