"""Picks the 1-3 sentences of an article that answer the question best.

Sentences are split from paragraphs, list items (each its own) and table rows (each a sentence
naming its columns, "Курьер, другие города: Сроки: 2–7 дней, Стоимость: 299 ₽"). A sentence scores
its cosine with the question plus a share for the question's words it contains: by meaning alone
the question about support's hours once got the sentence about night-time messages.

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

from retrieval.asked_value import asked_kinds, gives
from retrieval.encoder import Encoder
from retrieval.lexical import tokens

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(A-ZА-ЯЁ0-9])")
MAX_EXCERPT_CHARS = 400
LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")
DEFAULT_CACHED_ARTICLES = 4096
# A sentence's score: its cosine with the question, plus this much for the share of the
# question's words it contains, plus a little for the article's opening sentence (help articles
# put the short answer first)
WORDS_WEIGHT = 0.25
LEAD_WEIGHT = 0.1
# ... and more for holding the kind of value the question asks for: about what separates the
# sentence with the support phone number from the article's other sentences about calling.
ASKED_VALUE_WEIGHT = 0.3


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _units(body: str, title: str = "") -> list[tuple[str, str]]:
    """(heading, text) of paragraphs, list items and table rows ("first cell: header: cell, ...")
    in order; the text before the first heading is under the article's title."""
    units: list[tuple[str, str]] = []
    paragraph: list[str] = []
    header: list[str] = []
    heading = title
    lines = body.splitlines()

    def flush() -> None:
        if paragraph:
            units.append((heading, " ".join(paragraph)))
            paragraph.clear()

    for number, raw in enumerate(lines):
        line = raw.strip()
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if line.startswith("#"):
            flush()
            heading = line.lstrip("#").strip()
        elif not line:
            flush()
        elif line.startswith("|"):
            flush()
            if TABLE_RULE.match(line):
                continue
            if TABLE_RULE.match(following) and following.startswith("|"):
                header = _cells(line)
                continue
            cells = _cells(line)
            named = [f"{h}: {c}" if h else c for h, c in zip(header[1:], cells[1:], strict=False)]
            units.append((heading, f"{cells[0]}: {', '.join(named)}" if named else cells[0]))
        elif LIST_MARK.match(line):
            flush()
            paragraph.append(LIST_MARK.sub("", line))
        else:
            paragraph.append(line)
    flush()
    return units


def headed_sentences(body: str, title: str = "") -> list[tuple[str, str]]:
    """(section heading, sentence) in the article's order."""
    result = []
    for heading, unit in _units(body, title):
        for sentence in SENTENCE_END.split(unit):
            cleaned = sentence.replace("**", "").strip()
            if len(cleaned) > 15:
                result.append((heading, cleaned))
    return result


def sentences(body: str) -> list[str]:
    return [sentence for _, sentence in headed_sentences(body)]


def in_context(heading: str, sentence: str) -> str:
    """What is encoded and matched for a sentence: its section's heading names its subject."""
    return f"{heading}. {sentence}" if heading else sentence


def sentence_scores(contexts: list[str], similarity: np.ndarray, question: str = "") -> np.ndarray:
    """`contexts`: the sentences with their headings (`in_context`). A sentence that holds the
    kind of value the question asks for (a phone number, a price: retrieval/asked_value.py)
    scores higher."""
    asked = set(tokens(question))
    if not asked:
        return similarity
    words = np.array([len(asked & set(tokens(c))) / len(asked) for c in contexts])
    lead = np.zeros(len(contexts))
    lead[0] = LEAD_WEIGHT
    kinds = asked_kinds(question)
    values = np.array([float(bool(kinds) and gives(c, kinds)) for c in contexts])
    return similarity + WORDS_WEIGHT * words + lead + ASKED_VALUE_WEIGHT * values


def choose_sentences(
    candidates: list[str], similarity: np.ndarray, sections: list[str] | None = None
) -> str:
    """The best sentence plus its neighbours while they fit, in the article's order: a neighbour
    from the same section (`sections`: each sentence's heading) always, another one when it
    scores nearly as well."""
    best = int(np.argmax(similarity))
    chosen = [best]
    for neighbour in (best - 1, best + 1, best - 2, best + 2):
        if not 0 <= neighbour < len(candidates) or len(chosen) >= 3:
            continue
        if min(chosen) - neighbour > 1 or neighbour - max(chosen) > 1:
            continue
        length = sum(len(candidates[i]) for i in chosen) + len(candidates[neighbour])
        related = sections is not None and sections[neighbour] == sections[best]
        if length <= MAX_EXCERPT_CHARS and (
            related or similarity[neighbour] > similarity[best] - 0.25
        ):
            chosen.append(neighbour)
    text = " ".join(candidates[i] for i in sorted(chosen))
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"


def _key(body: str, title: str = "") -> str:
    return hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()


class ExcerptPicker:
    """Excerpts for one encoder; thread-safe, keeps the sentence vectors of recent articles."""

    def __init__(self, encoder: Encoder, max_articles: int = DEFAULT_CACHED_ARTICLES) -> None:
        self._encoder = encoder
        self._max_articles = max_articles
        self._cache: OrderedDict[str, tuple[list[tuple[str, str]], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def _sentences(self, body: str, title: str) -> tuple[list[tuple[str, str]], np.ndarray]:
        key = _key(body, title)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        return self._store([(key, headed_sentences(body, title))])[0]

    def warm(self, bodies: list[str | tuple[str, str]], batch_sentences: int = 256) -> int:
        """Encode the sentences of articles not cached yet (no more than the cache holds), in
        batches, so the first questions after a start cost what later ones do. Returns how many
        articles were encoded."""
        pending: dict[str, list[tuple[str, str]]] = {}
        for item in bodies[: self._max_articles]:
            body, title = (item, "") if isinstance(item, str) else item
            key = _key(body, title)
            if key not in self._cache and key not in pending:
                pending[key] = headed_sentences(body, title)
        batch: list[tuple[str, list[tuple[str, str]]]] = []
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

    def _store(
        self, batch: list[tuple[str, list[tuple[str, str]]]]
    ) -> list[tuple[list[tuple[str, str]], np.ndarray]]:
        """Encode the sentences of one or more articles in one encoder call and keep them."""
        vectors = self._encoder.encode(
            [in_context(*pair) for _, candidates in batch for pair in candidates]
        )
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

    def pick(
        self, question_vector: np.ndarray, body: str, question: str = "", title: str = ""
    ) -> str:
        """`question_vector`: the normalised (dimension,) vector of the customer's `question`;
        `title`: the article's, the subject of its opening paragraph."""
        pairs, vectors = self._sentences(body, title)
        if not pairs:
            return body.strip()[:MAX_EXCERPT_CHARS]
        contexts = [in_context(*pair) for pair in pairs]
        scores = sentence_scores(contexts, vectors @ question_vector, question)
        return choose_sentences(
            [sentence for _, sentence in pairs], scores, [heading for heading, _ in pairs]
        )
