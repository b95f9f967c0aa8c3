"""Numbers dictated in words, as a customer types a phone they read aloud: "восемь девятьсот
пятнадцать триста сорок два ноль семь девяносто один", "plus four four seven nine one one ...".

Each run of number words becomes the digits it names, group by group as people say them
("девятьсот пятнадцать" is 915, "ноль семь" is 07), so the phone reader can judge the result
like any typed number.
"""

from __future__ import annotations

import re

from bot.common.facts.model import Span
from bot.common.word_list import listed

_UNITS = {
    **dict.fromkeys(("ноль", "нуль", "zero", "oh"), 0),
    **dict.fromkeys(("один", "одна", "one"), 1),
    **dict.fromkeys(("два", "две", "two"), 2),
    **dict.fromkeys(("три", "three"), 3),
    **dict.fromkeys(("четыре", "four"), 4),
    **dict.fromkeys(("пять", "five"), 5),
    **dict.fromkeys(("шесть", "six"), 6),
    **dict.fromkeys(("семь", "seven"), 7),
    **dict.fromkeys(("восемь", "eight"), 8),
    **dict.fromkeys(("девять", "nine"), 9),
}
_TEENS = {
    **dict.fromkeys(("десять", "ten"), 10),
    **dict.fromkeys(("одиннадцать", "eleven"), 11),
    **dict.fromkeys(("двенадцать", "twelve"), 12),
    **dict.fromkeys(("тринадцать", "thirteen"), 13),
    **dict.fromkeys(("четырнадцать", "fourteen"), 14),
    **dict.fromkeys(("пятнадцать", "fifteen"), 15),
    **dict.fromkeys(("шестнадцать", "sixteen"), 16),
    **dict.fromkeys(("семнадцать", "seventeen"), 17),
    **dict.fromkeys(("восемнадцать", "eighteen"), 18),
    **dict.fromkeys(("девятнадцать", "nineteen"), 19),
}
_TENS = {
    **dict.fromkeys(("двадцать", "twenty"), 20),
    **dict.fromkeys(("тридцать", "thirty"), 30),
    **dict.fromkeys(("сорок", "forty"), 40),
    **dict.fromkeys(("пятьдесят", "fifty"), 50),
    **dict.fromkeys(("шестьдесят", "sixty"), 60),
    **dict.fromkeys(("семьдесят", "seventy"), 70),
    **dict.fromkeys(("восемьдесят", "eighty"), 80),
    **dict.fromkeys(("девяносто", "ninety"), 90),
}
_HUNDREDS = {
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
}
_VALUES = {**_UNITS, **_TEENS, **_TENS, **_HUNDREDS}
_REPEATS = {"double": 2, "triple": 3}
PLUS = listed("плюс plus")
_WORD = re.compile(r"[^\W\d_]+")
_BETWEEN = re.compile(r"[\s,\-–—]*")
# Fewer words than this are an amount or a count ("два три дня"), not a dictated number.
MIN_WORDS = 5


def spoken_numbers(text: str) -> list[tuple[str, Span]]:
    """Every run of MIN_WORDS number words or more, as the digits it names ("+" first when it
    opens with "плюс"/"plus"), with its span in the text."""
    runs: list[tuple[str, Span]] = []
    words: list[tuple[str, Span]] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        joined = bool(words) and not _BETWEEN.fullmatch(text[words[-1][1][1] : match.start()])
        known = word in _VALUES or word in _REPEATS or (word in PLUS and not words)
        if joined or not known:
            runs += _run(words)
            words = []
        if known:
            words.append((word, match.span()))
    return runs + _run(words)


def _run(words: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    if len(words) < MIN_WORDS:
        return []
    plus = words[0][0] in PLUS
    said = [word for word, _ in words[1:]] if plus else [word for word, _ in words]
    digits = _digits(said)
    return [(("+" if plus else "") + digits, (words[0][1][0], words[-1][1][1]))] if digits else []


def _digits(words: list[str]) -> str:
    """The digits of the words, group by group: a hundred takes the tens and units after it, a
    ten the unit after it; "double five" is 55."""
    groups: list[str] = []
    total, last, repeat = None, 0, 1
    for word in words:
        if word in _REPEATS:
            if total is not None:  # "twenty double five": 20, then 55
                groups.append(str(total))
            total, repeat = None, _REPEATS[word]
            continue
        value = _VALUES[word]
        joins = total is not None and (
            (last in _HUNDREDS.values() and value < 100 and value > 0)
            or (last in _TENS.values() and 0 < value < 10)
        )
        if joins:
            total += value
        else:
            if total is not None:
                groups.append(str(total))
            total = value
        last = value
        if repeat > 1:
            groups.append(str(total) * repeat)
            total, repeat = None, 1
    if total is not None:
        groups.append(str(total))
    return "".join(groups)
