"""BM25 over stemmed words, plus exact tokens for codes and names (E-203, LightPay, 5.4.2).

Russian words are reduced with the Snowball Russian stemmer ("заказа", "заказом" → "заказ"),
English with the English one. Tokens with digits are also indexed exactly, with Cyrillic letters
that look Latin folded ("Е-203" typed in Russian matches "E-203"). Function words ("как", "можно",
"how do I") are dropped: in short customer questions they made unrelated articles look alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer

WORD = re.compile(r"[\w]+(?:[-.][\w]+)*", re.UNICODE)
LOOKALIKES = str.maketrans("аеокрсхуіАЕОКРСХУ", "aeokpcxyiaeokpcxy")
STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
_STOP_WORD_TEXT = """
    а без бы был была были было в вам вас вы во вот все всё где да для до его ее её если есть же за
    и из или им их к как какой какая какие ко когда кто ли либо мне можно мой моя мои мы на над нам
    нас не нет ни но ну о об около от по под после почему при про с со так также там то тоже только
    у уже хочу хотел хотела чем что чтобы это этот эта я
    a about am an and any are as at be been but by can could did do does for from get got has have
    how i if in is it its me my no not of on or our so than that the then there this to was we what
    when where which who why will with would you your
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())
K1 = 1.2
B = 0.75


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    language = "ru" if re.search(r"[а-яё]", word) else "en"
    return STEMMERS[language].stemWord(word)


def tokens(text: str) -> list[str]:
    """Stemmed words, and for tokens with digits also the exact folded token prefixed with '='."""
    result = []
    for raw in WORD.findall(text.lower()):
        if raw in STOP_WORDS:
            continue
        if any(c.isdigit() for c in raw):
            result.append("=" + raw.translate(LOOKALIKES))
            result.extend(stem(p) for p in re.split(r"[-.]", raw) if p.isalpha() and len(p) > 1)
        else:
            result.extend(stem(part) for part in raw.split("-") if part)
    return result


class Bm25Index:
    """An inverted index: term → (document ids, term frequencies) as numpy arrays."""

    def __init__(self, documents: Sequence[Iterable[str]]) -> None:
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = np.zeros(len(documents), dtype=np.float32)
        for doc_id, doc_tokens in enumerate(documents):
            counts = Counter(doc_tokens)
            lengths[doc_id] = sum(counts.values())
            for term, count in counts.items():
                postings[term].append((doc_id, count))
        self.size = len(documents)
        self._average = float(lengths.mean()) if self.size else 0.0
        self._norm = K1 * (1 - B + B * lengths / max(self._average, 1e-9))
        self._postings = {
            term: (
                np.array([d for d, _ in pairs], np.int32),
                np.array([c for _, c in pairs], np.float32),
            )
            for term, pairs in postings.items()
        }

    def knows(self, term: str) -> bool:
        return term in self._postings

    def idf(self, term: str) -> float:
        frequency = len(self._postings.get(term, ((),))[0])
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def scores(self, query_tokens: Iterable[str]) -> np.ndarray:
        """BM25 score of every document; exact tokens ('=...') weigh double."""
        result = np.zeros(self.size, dtype=np.float32)
        for term in set(query_tokens):
            posting = self._postings.get(term)
            if posting is None:
                continue
            doc_ids, frequencies = posting
            weight = self.idf(term) * (2.0 if term.startswith("=") else 1.0)
            result[doc_ids] += weight * frequencies * (K1 + 1) / (frequencies + self._norm[doc_ids])
        return result
