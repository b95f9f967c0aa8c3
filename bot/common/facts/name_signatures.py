"""A name signing the message: after a closing ("С уважением, Андрей Кузнецов", "Thanks, Kate"
under a message) or after a dash at its end ("-- June Parker", "— Кира"). A message that is only
the thanks and one name thanks the reader instead ("Спасибо, Марина!").
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.facts.name_cues import DASHES, FACT_LABELS, SIGN_OFFS, by_first_word
from bot.common.facts.name_parts import Part, first_name
from bot.common.facts.name_reading import (
    Found,
    is_mark,
    matches,
    proper_case,
    read_name,
    skip_separators,
)
from bot.common.facts.tokens import Token
from bot.common.facts.translit import is_latin

_SIGN_OFFS = by_first_word(SIGN_OFFS)


def signed(tokens: Sequence[Token]) -> Found | None:
    """A closing and a name ending the message: "С уважением, Андрей Кузнецов", "Thanks, Kate"
    under a message. A message that is nothing but the thanks and one name thanks the reader
    ("Спасибо, Марина!" to the agent)."""
    for index, token in enumerate(tokens):
        for cue in _SIGN_OFFS.get(token.lower, ()):
            if matches(tokens, index, cue):
                start = _past_role(tokens, skip_separators(tokens, index + len(cue)))
                found = read_name(tokens, start, any_word=True)
                if found and _signature_tail(tokens[found.stop :]):
                    return None if _thanks_the_reader(tokens, index, found) else found
    return None


# At most this many lower-case words of a role may stand between a closing and the name.
MAX_ROLE_WORDS = 2


def _past_role(tokens: Sequence[Token], start: int) -> int:
    """Where the name starts after the writer's role that heads it: "С уважением, бухгалтер
    Альфия Рустамовна", "главный инженер Пётр Ли", "Regards, office manager Jo Reed". A role is
    written in lower case, a name capitalised, so only lower-case words before a capitalised
    one, and only before a first name, are passed."""
    index = start
    while index < len(tokens) and index - start < MAX_ROLE_WORDS:
        token = tokens[index]
        if not token.is_word or token.capitalised:
            break
        index += 1
    following = tokens[index] if index < len(tokens) else None
    if index == start or following is None or not following.capitalised:
        return start
    return index if first_name(following) is not None else start


def _thanks_the_reader(tokens: Sequence[Token], cue: int, found: Found) -> bool:
    """ "Спасибо, Марина!", "thanks, Kate": the thanks opens the message and the name follows it
    on the same line, alone (a full name signs: "Спасибо, Марина Кравец")."""
    return (
        cue == 0
        and len(found.parts) == 1
        and not tokens[found.start].line_start
        and all(token.kind == "mark" for token in tokens[found.stop :])
    )


def dash_signed(tokens: Sequence[Token]) -> Found | None:
    """A name after a dash that ends the message, as an e-mail is signed: "... -- June Parker",
    "— Кира". A month or a word such as "June" is a name there."""
    for index in range(len(tokens) - 1, 0, -1):
        if tokens[index].text not in DASHES or not tokens[index + 1 :]:
            continue
        start = index + 1
        words = tokens[start:]
        if not 1 <= len(words) <= 3 or not all(token.is_word for token in words):
            return None
        opens = is_mark(tokens, index - 1) or tokens[index].line_start
        if not opens or words[0].line_start != tokens[index].line_start:
            return None
        found = read_name(tokens, start, any_word=True)
        if found and found.stop == len(tokens):
            return found
        if all(proper_case(t) and is_latin(t.lower) for t in words) and len(words) == 2:
            return Found(tuple(Part(t.text) for t in words), start, len(tokens))
        return None
    return None


# At most this many words on the lines under a signed name: the company and the role ("Henrik
# Dahl\nNordlys Trading LLC", "Анна Котова\nООО «Вектор», бухгалтерия").
MAX_TAIL_WORDS = 6


def _signature_tail(tail: Sequence[Token]) -> bool:
    """What may follow a signature: marks and the contacts under it ("тел. ¶"), or a few words
    on lines of their own (MAX_TAIL_WORDS)."""
    if all(token.kind == "mark" or token.lower in FACT_LABELS for token in tail):
        return True
    words = [token for token in tail if token.is_word]
    return tail[0].line_start and len(words) <= MAX_TAIL_WORDS
