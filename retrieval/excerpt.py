"""Picks the 1-3 sentences of an article that answer the question best.

Sentence vectors are computed once per article text and kept (bounded; the action server computes
them for every article at start), and the question vector is the one ranking already computed, so an
excerpt costs a dot product instead of an encoder call.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

import numpy as np

from retrieval.chunker import sections
from retrieval.encoder import Encoder

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(A-ZА-ЯЁ0-9])")
MAX_EXCERPT_CHARS = 400
LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
DEFAULT_CACHED_ARTICLES = 4096


def sentences(body: str) -> list[str]:
    result = []
    for _, paragraphs in sections(body):
        for paragraph in paragraphs:
            for sentence in SENTENCE_END.split(paragraph):
                cleaned = LIST_MARK.sub("", sentence.replace("**", "")).strip()
                if len(cleaned) > 15:
                    result.append(cleaned)
    return result


def choose_sentences(candidates: list[str], similarity: np.ndarray) -> str:
    """The best sentence plus its neighbours while they fit, in the article's order."""
    best = int(np.argmax(similarity))
    chosen = [best]
    for neighbour in (best + 1, best - 1):
        if not 0 <= neighbour < len(candidates) or len(chosen) >= 3:
            continue
        length = sum(len(candidates[i]) for i in chosen) + len(candidates[neighbour])
        if length <= MAX_EXCERPT_CHARS and similarity[neighbour] > similarity[best] - 0.25:
            chosen.append(neighbour)
    text = " ".join(candidates[i] for i in sorted(chosen))
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"


def _key(body: str) -> str:
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


class ExcerptPicker:
    """Excerpts for one encoder; thread-safe, keeps the sentence vectors of recent articles."""

    def __init__(self, encoder: Encoder, max_articles: int = DEFAULT_CACHED_ARTICLES) -> None:
        self._encoder = encoder
        self._max_articles = max_articles
        self._cache: OrderedDict[str, tuple[list[str], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def _sentences(self, body: str) -> tuple[list[str], np.ndarray]:
        key = _key(body)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        return self._store([(key, sentences(body))])[0]

    def warm(self, bodies: list[str], batch_sentences: int = 256) -> int:
        """Encode the sentences of articles not cached yet (no more than the cache holds), in
        batches, so the first questions after a start cost what later ones do. Returns how many
        articles were encoded."""
        pending: dict[str, list[str]] = {}
        for body in bodies[: self._max_articles]:
            key = _key(body)
            if key not in self._cache and key not in pending:
                pending[key] = sentences(body)
        batch: list[tuple[str, list[str]]] = []
        batched = 0
        for key, candidates in pending.items():
            batch.append((key, candidates))
            batched += len(candidates)
            if batched >= batch_sentences:
                self._store(batch)
                batch, batched = [], 0
        if batch:
            self._store(batch)
        return len(pending)

    def _store(self, batch: list[tuple[str, list[str]]]) -> list[tuple[list[str], np.ndarray]]:
        """Encode the sentences of one or more articles in one encoder call and keep them."""
        vectors = self._encoder.encode([text for _, candidates in batch for text in candidates])
        entries, start = [], 0
        for _, candidates in batch:
            entries.append((candidates, vectors[start : start + len(candidates)]))
            start += len(candidates)
        with self._lock:
            for (key, _), entry in zip(batch, entries, strict=True):
                self._cache[key] = entry
            while len(self._cache) > self._max_articles:
                self._cache.popitem(last=False)
        return entries

    def pick(self, question_vector: np.ndarray, body: str) -> str:
        """`question_vector`: the normalised (dimension,) vector of the customer's question."""
        candidates, vectors = self._sentences(body)
        if not candidates:
            return body.strip()[:MAX_EXCERPT_CHARS]
        return choose_sentences(candidates, vectors @ question_vector)
