"""Russian typed in Latin letters ("kak smenit tarif") or on the English keyboard layout ("rfr
cvtybnm nfhba" for "как сменить тариф"): read it in Cyrillic when that is what the help center's
words are.

A question with no Cyrillic letter that the project's language guesser reads as Russian
(retrieval/language.py) is converted with the Russian transliteration table; any question with no
Cyrillic letter is also read key for key on the Russian layout (the guesser cannot tell such text
from noise). A reading is used when the help center knows clearly more of its words than of the
Latin original. An English question is left as it was, even where its names would match in
Cyrillic: its own words are known, so no reading gains enough.
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
# The same keys on the English and the Russian layout (ЙЦУКЕН), lower and upper case.
_ENGLISH_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>"
_RUSSIAN_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбюЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
LAYOUT = str.maketrans(_ENGLISH_KEYS, _RUSSIAN_KEYS)


def cyrillic_reading(text: str, coverage: Callable[[list[str]], float]) -> str | None:
    """The Cyrillic reading of `text`, or None when it is not Russian typed in Latin letters.
    `coverage`: the share of a question's words the help center uses (ArticleTable.coverage)."""
    if CYRILLIC.search(text) or not LATIN.search(text):
        return None
    readings = [text.translate(LAYOUT)]
    if guess_language(text, "en") == "ru":
        readings.insert(0, cyrtranslit.to_cyrillic(text, "ru"))
    best = max(readings, key=lambda reading: coverage(tokens(reading)))  # the first of equals
    return best if coverage(tokens(best)) >= coverage(tokens(text)) + MIN_GAIN else None
