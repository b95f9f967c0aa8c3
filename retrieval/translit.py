"""Russian typed in Latin letters ("kak smenit tarif"): read it in Cyrillic when that is what the
help center's words are.

A question with no Cyrillic letter that the project's language guesser reads as Russian
(retrieval/language.py) is converted with the Russian transliteration table, and the Cyrillic
reading is used when the help center knows clearly more of its words than of the Latin original.
An English question is left as it was, even where its names would match in Cyrillic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cyrtranslit

from retrieval.language import guess_language
from retrieval.lexical import tokens

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
MIN_GAIN = 0.25


def cyrillic_reading(text: str, coverage: Callable[[list[str]], float]) -> str | None:
    """The Cyrillic reading of `text`, or None when it is not Russian typed in Latin letters.
    `coverage`: the share of a question's words the help center uses (ArticleTable.coverage)."""
    if CYRILLIC.search(text) or not LATIN.search(text) or guess_language(text, "en") != "ru":
        return None
    reading = cyrtranslit.to_cyrillic(text, "ru")
    if coverage(tokens(reading)) >= coverage(tokens(text)) + MIN_GAIN:
        return reading
    return None
