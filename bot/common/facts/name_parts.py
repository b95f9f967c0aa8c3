"""Whether one word can be a first name, a patronymic or a surname, and its nominative form.

Cyrillic words are read by natasha's morphology (pymorphy's Name/Patr/Surn grammemes) and its name
lists; Latin words by a short English list or, read back into Cyrillic, by the same morphology
("Oleg", "Tsvetkova"). A Latin word is given back as typed: the customer chose that spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.common.facts.english_names import (
    ENGLISH_FIRST_NAMES,
    ENGLISH_NAMES_ALSO_WORDS,
    ENGLISH_STOPWORDS,
)
from bot.common.facts.lexicon import NAME_GRAMMEMES, first_names, is_known, parses, surnames
from bot.common.facts.tokens import Token
from bot.common.facts.translit import LATIN_WORD, cyrillic_spellings

_CYRILLIC = re.compile(r"^[а-яё'-]+$", re.IGNORECASE)
_UD_GENDER = {"masc": "Masc", "femn": "Fem"}
# Parts of speech that are never a name: pronouns, prepositions, conjunctions, particles.
FUNCTION_WORDS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED"})


# An initial written for a first name or a patronymic: "Кравец В. П.", "J. Smith".
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$")


def is_initial(word: str) -> bool:
    """One capital letter (a dot after it or not) standing for a first name or a patronymic."""
    return bool(_INITIAL.match(word))


@dataclass(frozen=True)
class Part:
    """One word of a name: how to write it, its gender if known, and how sure the reading is."""

    text: str
    gender: str | None = None
    nominative: bool = True
    ambiguous: bool = False  # also a common word: "вера" (faith), "роман" (novel)


def display(word: str) -> str:
    """Capitalised as a name is written: анна-мария → Анна-Мария; mixed case kept (McDonald)."""
    if word.islower() or word.isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word


def _named(readings: Iterable[Any], grammeme: str) -> list[Any]:
    return [p for p in readings if grammeme in p.tag.grammemes and p.tag.number != "plur"]


def _gender(reading: Any) -> str | None:
    """Masculine ("masc") or feminine ("femn"); None for common gender (Саша) and the unmarked."""
    grammemes = reading.tag.grammemes
    return next((g for g in ("masc", "femn") if g in grammemes), None)


def _agrees(reading: Any, gender: str | None) -> bool:
    own = _gender(reading)
    return gender is None or own is None or own == gender


def _nominative(reading: Any, gender: str | None) -> str | None:
    if reading.tag.case == "nomn":
        return str(reading.word)
    grams = {"Nom"} | ({_UD_GENDER[gender]} if gender in _UD_GENDER else set())
    inflected = reading.inflect(grams) or reading.inflect({"Nom"})
    return str(inflected.word) if inflected else None


def _cyrillic_first(word: str, nominative_only: bool) -> Part | None:
    pieces = word.split("-")
    if len(pieces) == 2 and all(piece in first_names() for piece in pieces):
        return Part(word)  # "Анна-Мария"
    readings = parses(word)
    if readings and readings[0].tag.POS in FUNCTION_WORDS:
        return None  # "благодарю вас": a pronoun on a list of short names ("Вас") is none
    # pymorphy guesses unknown words from their endings ("хелло" → Name): only its dictionary
    # and natasha's list of first names are trusted for a first name.
    names = _named(readings, "Name") if is_known(word) else []
    ambiguous = bool(readings) and "Name" not in readings[0].tag.grammemes
    nominative = [p for p in names if p.tag.case == "nomn"]
    listed = [p for p in names if p.normal_form in first_names()]
    if nominative and listed and not set(nominative) & set(listed):
        nominative, names = [], listed  # "Славой": Слава in the instrumental, not a rare "Славой"
    if nominative:
        best = nominative[0]
        return Part(word, _gender(best), True, ambiguous)
    if word in first_names() and not names:
        return Part(word, None, True, ambiguous or is_known(word))
    if names and not nominative_only:
        best = names[0]
        return Part(str(best.normal_form), _gender(best), False, ambiguous)
    return None


def _cyrillic_by_grammeme(word: str, grammeme: str, gender: str | None) -> Part | None:
    found = [p for p in _named(parses(word), grammeme) if _agrees(p, gender)]
    nominative = [p for p in found if p.tag.case == "nomn"]
    best = (nominative or found or [None])[0]
    if best is None:
        return None
    text = _nominative(best, gender)
    if not text:
        return None
    return Part(text, _gender(best), best.tag.case == "nomn")


def _latin_reading(word: str, check: Callable[[str], Part | None]) -> Part | None:
    """The first Cyrillic spelling of a Latin word that `check` accepts, given back in Latin."""
    for spelling in cyrillic_spellings(word):
        part = check(spelling)
        if part is not None:
            return Part(word, part.gender, True, part.ambiguous)
    return None


def first_name(
    token: Token, nominative_only: bool = True, lowercase_latin: bool = False
) -> Part | None:
    """A first name; a Latin word read back into Cyrillic only when capitalised, unless
    `lowercase_latin` (after "my name is": "oleg" is a name there, "it's valid" is no "Валид")."""
    word = token.lower
    if _CYRILLIC.match(word):
        part = _cyrillic_first(word, nominative_only)
        return (
            Part(display(part.text), part.gender, part.nominative, part.ambiguous) if part else None
        )
    if LATIN_WORD.match(word) and word not in ENGLISH_STOPWORDS:
        if word in ENGLISH_FIRST_NAMES:
            return Part(display(token.text), ambiguous=word in ENGLISH_NAMES_ALSO_WORDS)
        if "-" in word and word.split("-")[0] in ENGLISH_FIRST_NAMES:
            return Part(display(token.text))  # "Mary-Jane", "Anna-Louise"
        if not (token.capitalised or lowercase_latin):
            return None
        part = _latin_reading(word, lambda s: _cyrillic_first(s, True))
        return Part(display(token.text), part.gender, True, part.ambiguous) if part else None
    return None


def patronymic(token: Token, gender: str | None) -> Part | None:
    word = token.lower
    if _CYRILLIC.match(word):
        part = _cyrillic_by_grammeme(word, "Patr", gender)
        return Part(display(part.text), part.gender, part.nominative) if part else None
    if LATIN_WORD.match(word):
        part = _latin_reading(word, lambda s: _cyrillic_by_grammeme(s, "Patr", gender))
        return Part(display(token.text), part.gender) if part else None
    return None


def surname(
    token: Token, gender: str | None, lenient: bool, lowercase_latin: bool = False
) -> Part | None:
    """A surname; with `lenient`, also any capitalised word the dictionary does not know. A Latin
    word only when capitalised, unless `lowercase_latin` (see first_name)."""
    word = token.lower
    if _CYRILLIC.match(word):
        readings = parses(word)
        if not token.capitalised and readings and readings[0].tag.POS in FUNCTION_WORDS:
            return None  # "Ивану Петровичу по номеру": "по" is no surname (but "Арсений Ли")
        part = _cyrillic_by_grammeme(word, "Surn", gender)
        if part:
            return Part(display(part.text), part.gender, part.nominative)
        listed = word in surnames() and not _named(readings, "Name")
        if listed and (
            not is_known(word) or token.capitalised or "Surn" in readings[0].tag.grammemes
        ):
            return Part(display(token.text))
        if lenient and token.capitalised and (not is_known(word) or _only_a_name(readings)):
            return Part(display(token.text))  # "Исмаилов": known only as a name's plural
        return None
    if LATIN_WORD.match(word) and (token.capitalised or lowercase_latin):
        if _latin_reading(word, lambda s: _cyrillic_by_grammeme(s, "Surn", gender)):
            return Part(display(token.text))
        if lenient and token.capitalised and word not in ENGLISH_STOPWORDS:
            return Part(display(token.text))
    return None


# Endings of Russian surnames by gender; those both genders share are in the group "any".
_SURNAME_ENDINGS = re.compile(
    r"(?:(?P<femn>ова|ева|ёва|ина|ына|ская|цкая)|(?P<masc>ов|ев|ёв|ин|ын|ский|цкий)"
    r"|(?P<any>ко|ук|юк|ых|их|ян|дзе|швили))$"
)


def framed_surname(token: Token, gender: str | None) -> Part | None:
    """A surname by its shape alone, for the place beside a first name and a patronymic, where
    only a surname stands ("Лыкова Полина Сергеевна": the dictionary reads "лыкова" as "made of
    bast"). Its ending agrees with the name's gender; no verb or small word is one."""
    word = token.lower
    found = _SURNAME_ENDINGS.search(word) if _CYRILLIC.match(word) and len(word) > 3 else None
    if found is None or (gender and found.lastgroup in _UD_GENDER and found.lastgroup != gender):
        return None
    readings = parses(word)
    if readings and readings[0].tag.POS not in {"NOUN", "ADJF", "ADJS"}:
        return None
    return Part(display(token.text), gender)


def _only_a_name(readings: list[Any]) -> bool:
    """Every reading the dictionary has is a name's: no common word is written this way."""
    return all(NAME_GRAMMEMES & p.tag.grammemes for p in readings)


def _surname_first(word: str) -> bool:
    """The dictionary reads the word as a surname before anything else, in the nominative."""
    readings = parses(word)
    return (
        bool(readings)
        and "Surn" in readings[0].tag.grammemes
        and any("Surn" in p.tag.grammemes and p.tag.case == "nomn" for p in readings)
    )


def lone_surname(token: Token) -> Part | None:
    """A surname with no first name, where the writer gives their own ("Шестакова" as the whole
    answer, "я — Пахомов", "фамилия Мельников"): capitalised and read as a surname first, so a
    city or a brand on the surname lists ("Москва", "Яндекс") is not one."""
    word = token.lower
    if not token.capitalised or word in ENGLISH_STOPWORDS:
        return None
    if _CYRILLIC.match(word):
        return Part(display(token.text)) if _surname_first(word) else None
    latin = LATIN_WORD.match(word) and word not in ENGLISH_FIRST_NAMES
    if latin and any(_surname_first(spelling) for spelling in cyrillic_spellings(word)):
        return Part(display(token.text))
    return None
