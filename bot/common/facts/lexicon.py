"""Natasha's Russian morphology (pymorphy with its dictionary) and name lists, loaded once, lazily.

Loading takes about half a second and some 40 MB, so it happens on the first message that needs
it, never at import: a process that never reads a Russian name never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


@lru_cache(maxsize=1)
def morph() -> Any:
    """Natasha's MorphVocab: pymorphy's analyser with a parse cache."""
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Natasha's list of Russian first names (lower case), for names the dictionary tags wrongly."""
    from natasha.data import FIRST, MAYBE_FIRST, load_dict

    return frozenset(item for path in (FIRST, MAYBE_FIRST) for item in load_dict(path) if item)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Natasha's list of surnames (lower case, nominative, both genders)."""
    from natasha.data import LAST, load_dict

    return frozenset(item for item in load_dict(LAST) if len(item) > 2)


def parses(word: str) -> list[Any]:
    """Pymorphy's readings of a lower-case word, most likely first."""
    return list(morph().parse(word))


def lemma(word: str) -> str:
    """The base form of a lower-case word by its most likely reading ("звонила" is "звонить");
    a word pymorphy cannot read, such as an English one, is its own."""
    return str(morph().parse(word)[0].normal_form)


def is_known(word: str) -> bool:
    """Whether the word is in pymorphy's dictionary (not guessed from its ending)."""
    return bool(morph().word_is_known(word))


def preload() -> None:
    """Load everything now, for a server that would rather pay at start than on a first message."""
    from bot.common.facts.english_words import common_words

    morph()
    first_names()
    surnames()
    common_words()
