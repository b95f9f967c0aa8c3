"""A name the writer corrects in so many words: "меня зовут не Оля, а Ольга", "я не Ольга, а
Оля", "sorry, it's Jon, not John". The new name replaces one given before in the case
(actions/handoff_name.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.facts.name_cues import CORRECTION_CUES
from bot.common.facts.name_reading import (
    MAX_NAME_WORDS,
    Found,
    is_mark,
    matches,
    phrase_ends,
    read_name,
)
from bot.common.facts.tokens import Token


def corrected(tokens: Sequence[Token]) -> Found | None:
    """A name the writer corrects in so many words: "меня зовут не Оля, а Ольга", "я не Ольга,
    а Оля", "sorry, it's Jon, not John". Only where the phrase introduces the writer: "курьер не
    Игорь, а Павел" is someone else."""
    for index, token in enumerate(tokens):
        if token.lower == "не" and _introduces(tokens, index):
            found = _russian_correction(tokens, index + 1)
        elif token.lower == "not" and index:
            found = _english_correction(tokens, index)
        else:
            continue
        if found:
            return found
    return None


def _introduces(tokens: Sequence[Token], index: int) -> bool:
    return is_mark(tokens, index - 1) or tokens[index - 1].lower in CORRECTION_CUES


def _russian_correction(tokens: Sequence[Token], start: int) -> Found | None:
    """ "не Оля, а Ольга": the name after "а", where the one before it is a name too."""
    wrong = read_name(tokens, start, nominative_only=False)
    if wrong is None:
        return None
    after = wrong.stop + (1 if matches(tokens, wrong.stop, (",",)) else 0)
    if not matches(tokens, after, ("а",)):
        return None
    found = read_name(tokens, after + 1, any_word=True)
    return found if found and phrase_ends(tokens, found.stop) else None


def _english_correction(tokens: Sequence[Token], index: int) -> Found | None:
    """ "it's Jon, not John", "Jon not John": the name before "not", the phrase opening with it or
    with an introduction."""
    wrong = read_name(tokens, index + 1, any_word=True)
    if wrong is None or not phrase_ends(tokens, wrong.stop):
        return None
    stop = index - 1 if tokens[index - 1].text == "," else index
    for start in range(max(0, stop - MAX_NAME_WORDS), stop):
        found = read_name(tokens, start, any_word=True)
        if found and found.stop == stop and _introduces(tokens, start):
            return found
    return None
