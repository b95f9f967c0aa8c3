"""Russian typed in Latin letters, respelled in Cyrillic the way the customer meant it.

A transliteration table gives one spelling per letter ("y" is always "и", "c" always "к"), while
people type Russian in Latin by ear: "belyi" (белый), "recept" (рецепт), "moi" (мой), "tsena"
(цена) but "otkryvaetsya" (открывается). Each word's likely Cyrillic spellings are tried, most
usual first, and the first the Russian dictionary (pymorphy2) knows wins. A word it knows in no
spelling stays in Latin when it is an English word ("iphone", "update"), else takes its first
spelling. Tokens with a digit, '@' or '/', or a '.', ':' or '_' inside (order numbers, e-mails,
links, versions, error codes) are left exactly as typed.

Used by retrieval/normalise.py only for a message the project's language guesser
(retrieval/language.py) already reads as Russian typed in Latin letters.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from retrieval.word_lists import word_lists

VOWELS = frozenset("aeiouy")
# Latin letter groups, longest first, and what each may stand for, most usual first. Where the
# reading depends on the letter before, see _options.
GROUPS: dict[str, tuple[str, ...]] = {
    "shch": ("щ",),
    "sch": ("щ", "сч"),
    "sh": ("ш",),
    "ch": ("ч",),
    "zh": ("ж",),
    "kh": ("х",),
    "ts": ("ц", "тс"),
    "tz": ("ц",),
    "ya": ("я", "ья"),
    "ja": ("я",),
    "yu": ("ю", "ью"),
    "ju": ("ю",),
    "yo": ("ё", "йо", "ьё"),
    "jo": ("ё", "йо"),
    "ye": ("е", "ые", "ье", "ъе", "йе"),
    "je": ("е",),
    "a": ("а",),
    "b": ("б",),
    "c": ("ц", "к"),
    "d": ("д",),
    "e": ("е", "э"),
    "f": ("ф",),
    "g": ("г",),
    "h": ("х",),
    "i": ("и", "й"),
    "j": ("й", "ж"),
    "k": ("к",),
    "l": ("л",),
    "m": ("м",),
    "n": ("н",),
    "o": ("о",),
    "p": ("п",),
    "q": ("к",),
    "r": ("р",),
    "s": ("с",),
    "t": ("т",),
    "u": ("у",),
    "v": ("в",),
    "w": ("в",),
    "x": ("кс", "х"),
    "y": ("ы", "и", "й"),
    "z": ("з",),
    "'": ("ь", "ъ"),
}
LONGEST_GROUP = max(len(g) for g in GROUPS)
MAX_SPELLINGS = 48
# Consonants after which a dropped soft sign is tried when no spelling is known ("dengi").
SOFT_SIGN_AFTER = frozenset("лнтсдрзмвбпк")
LATIN_WORD = re.compile(r"[a-z']+")
KEEP_AS_TYPED = re.compile(r"[\d@/]|\w[.:_]\w")


def _options(group: str, before: str, at_end: bool, next_letter: str) -> tuple[str, ...]:
    """Spellings of one letter group, given the Latin letter before it ('' at the start) and the
    one after it. A word that starts with "e" is read with "э" first only before a "t" ("eto",
    "etot", "etazh"): "ego", "esli", "ei" are "его", "если", "ей", and "эго" is a word too."""
    after_vowel = before in VOWELS
    if group == "y" and after_vowel:
        return ("й", "ы", "и")
    if group == "i" and after_vowel and at_end:
        return ("й", "и")
    if group == "e" and (not before or after_vowel):
        return ("э", "е") if not before and next_letter == "t" else ("е", "э")
    return GROUPS[group]


def _groups(word: str) -> list[tuple[str, ...]]:
    parts: list[tuple[str, ...]] = []
    position = 0
    while position < len(word):
        for size in range(min(LONGEST_GROUP, len(word) - position), 0, -1):
            group = word[position : position + size]
            if group in GROUPS:
                before = word[position - 1] if position else ""
                at_end = position + size == len(word)
                after = word[position + size] if not at_end else ""
                parts.append(_options(group, before, at_end, after))
                position += size
                break
        else:  # a letter of no group (cannot happen for [a-z'])
            parts.append((word[position],))
            position += 1
    return parts


def spellings(word: str) -> list[str]:
    """The word's Cyrillic spellings, most usual first (at most MAX_SPELLINGS)."""
    combinations = itertools.islice(itertools.product(*_groups(word)), MAX_SPELLINGS)
    return ["".join(parts) for parts in combinations]


def _with_soft_sign(spelling: str) -> list[str]:
    return [
        spelling[: i + 1] + "ь" + spelling[i + 1 :]
        for i, letter in enumerate(spelling[:-1])
        if letter in SOFT_SIGN_AFTER and spelling[i + 1] not in "ьъ"
    ] + ([spelling + "ь"] if spelling and spelling[-1] in SOFT_SIGN_AFTER else [])


def prepare() -> None:
    """Load the dictionaries now rather than on the first Latin message."""
    word_lists()


@lru_cache(maxsize=8192)
def respell_word(word: str) -> str:
    """One lower-case Latin word in Cyrillic (or as typed: see the module docstring)."""
    dictionaries = word_lists()
    candidates = spellings(word)
    if dictionaries is None or not candidates:
        return candidates[0] if candidates else word
    is_known, english = dictionaries
    for spelling in candidates:
        if is_known(spelling):
            return spelling
    if word in english:
        return word
    for spelling in _with_soft_sign(candidates[0]):
        if is_known(spelling):
            return spelling
    return candidates[0]


def respell(text: str) -> str:
    """Every Latin word of `text` in Cyrillic, tokens with digits, links or e-mails as typed."""
    pieces = []
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace() or KEEP_AS_TYPED.search(token):
            pieces.append(token)
            continue
        lowered = token.lower()
        pieces.append(LATIN_WORD.sub(lambda m: respell_word(m.group()), lowered))
    return "".join(pieces)
