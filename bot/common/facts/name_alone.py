"""A name that stands alone as a piece of the message, where writers put their own: the whole
message ("Вера"), its opening ("Алёна, заказ 28301947, ..."), its end ("..., Герман") or next to
a contact or number the writer gives ("8 917 404 33 22 Лидия"). Not a name after a role ("Курьер:
Игорь"), not one that addresses the reader ("Марина, подскажите", "Привет, Вера", "Добрый
день, Марина! Заказ не пришёл", "Спасибо, Марина!"), and not a subject line in title case ("Wrong
Item, order ¶", english_words.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.facts.english_words import is_subject_line
from bot.common.facts.lexicon import parses
from bot.common.facts.name_cues import (
    ADDRESSING,
    FACT_LABELS,
    GREETINGS,
    INTENSIFIERS,
    ROLES,
    SENTENCE_ENDS,
    SEPARATORS,
    THANKS,
    TITLES,
)
from bot.common.facts.name_reading import (
    FACT_MARK,
    MAX_NAME_WORDS,
    Found,
    any_word_first,
    past_origin,
    read_name,
    skip_separators,
    surname_at,
)
from bot.common.facts.tokens import Token
from bot.common.facts.translit import is_latin


def _segments(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, stop) of each run of words and numbers between punctuation or line breaks
    (the dot of "Dr." or "Mrs." breaks nothing), and before a label that gives its fact ("¶
    Marcus order ¶": "Marcus" is a piece of its own, typed with no commas)."""
    segments: list[tuple[int, int]] = []
    start = None
    for index, token in enumerate(tokens):
        title_dot = token.text == "." and index > 0 and tokens[index - 1].lower in TITLES
        breaks = (token.kind == "mark" and not title_dot) or (token.line_start and index > 0)
        if start is not None and (breaks or _gives_fact(tokens, index)):
            segments.append((start, index))
            start = None
        if token.kind != "mark" and start is None:
            start = index
    if start is not None:
        segments.append((start, len(tokens)))
    return segments


def _greets(token: Token) -> bool:
    """A word of a greeting in any of its forms: "добрый", "доброго дня", "hello"."""
    if token.lower in GREETINGS:
        return True
    readings = parses(token.lower) if token.is_word and not token.lower.isascii() else []
    return bool(readings) and readings[0].normal_form in GREETINGS


def _greeting(tokens: Sequence[Token], segment: tuple[int, int]) -> bool:
    return all(_greets(token) for token in tokens[segment[0] : segment[1]])


def _thanks(tokens: Sequence[Token], segment: tuple[int, int]) -> bool:
    """A segment that only thanks: "спасибо", "спасибо большое", "thanks a lot"."""
    words = tokens[segment[0] : segment[1]]
    return (
        bool(words)
        and words[0].lower in THANKS
        and all(token.lower in THANKS or token.lower in INTENSIFIERS for token in words)
    )


def _addressed(tokens: Sequence[Token], segments: list[tuple[int, int]], position: int) -> bool:
    """The name is said to the reader inside a greeting or a thanks: "Добрый день, Марина!
    Заказ не пришёл", "Спасибо, Марина!", "thanks, Kate" (the whole message). The greeting and
    the name share a sentence (only a comma between them), and the name's sentence ends with it;
    "Здравствуйте! Катя. Версия 5.10" is a name of its own."""
    if position == 0:
        return False
    before, (start, stop) = segments[position - 1], segments[position]
    if before[1] + 1 != start or tokens[before[1]].text != ",":
        return False
    if _thanks(tokens, before):
        return position == 1 and position == len(segments) - 1
    if not _greeting(tokens, before):
        return False
    return stop == len(tokens) or tokens[stop].text in SENTENCE_ENDS


def alone(tokens: Sequence[Token]) -> Found | None:
    """A name that is a whole piece of the message by itself, where a writer puts their own."""
    segments = _segments(tokens)
    content = [segment for segment in segments if not _greeting(tokens, segment)]
    for segment in content:
        start, stop = segment
        found = read_name(tokens, start) or _unlisted_latin(tokens, segment, content)
        if found is None and len(segments) == 1 and stop - start == 1:
            found = surname_at(tokens, start)  # "Шестакова" as the whole message
        if not found or past_origin(tokens, found.stop) != stop:
            continue  # "Марина из Казани, заказ ...": where she is from is part of the piece
        if found.unsure and not tokens[start].capitalised and len(content) > 1:
            continue
        if _role_before(tokens, start):
            continue  # "Курьер: Игорь", "The courier, Steve"
        first, last = segment is content[0], segment is content[-1]
        beside_fact = _beside_fact(tokens, start, stop)
        # nobody greets or asks the bot by a full name, or says where it is from
        own = beside_fact or found.surnamed or past_origin(tokens, found.stop) > found.stop
        if len(content) == 1 and len(segments) > 1 and not own:
            continue  # "Привет, Вера": greeting the reader
        position = segments.index(segment)
        if not own and _addressed(tokens, segments, position):
            continue  # "Добрый день, Марина! Заказ не пришёл", "Спасибо, Марина!"
        if first and len(content) > 1 and not own:
            after = segments[position + 1][0]
            following = tokens[after]
            addressing = following.lower in ADDRESSING or _imperative(following)
            if addressing and not _contact_follows(tokens, after + 1):
                continue  # "Марина, подскажите" (not "Римма, пишите на ¶": her own contact)
            greeted = position and _greeting(tokens, segments[position - 1])
            if greeted and not _gives_fact(tokens, after):
                continue  # "Привет, Вера! Где мой заказ?": greeting the reader
        # a full name whose label-and-fact follow, anywhere: "Третий раз пишу! Кузьмин Пётр
        # Алексеевич, заказ ¶"
        full_with_facts = found.surnamed and _label_follows(tokens, stop)
        if first or last or beside_fact or full_with_facts:
            return found
    return None


def _unlisted_latin(
    tokens: Sequence[Token], segment: tuple[int, int], content: list[tuple[int, int]]
) -> Found | None:
    """A Latin name no list has, where a signature goes: last in the message or beside a fact
    ("order 12345678 never arrived, Priya"). Not first: "Urgent, order ..." is no name."""
    start, stop = segment
    words = tokens[start:stop]
    if not 1 <= len(words) <= MAX_NAME_WORDS or not all(is_latin(t.lower) for t in words):
        return None
    if is_subject_line([token.text for token in words]):
        return None  # "Wrong Item, order 12345678": a title-cased subject line
    last = segment is content[-1] and segment is not content[0]
    after_fact = _fact_before(tokens, start)
    # First, only a full name before a labelled fact or as a sentence of its own: "Priya Shah,
    # order 12345678", "Kwame Asante. No reply to my emails".
    alone_first = segment is content[0] and len(words) >= 2
    opening = alone_first and (_label_follows(tokens, stop) or _sentence_of_its_own(tokens, stop))
    if not (last or after_fact or opening):
        return None
    parts = [any_word_first(token) for token in words]
    if any(part is None for part in parts):
        return None
    return Found(tuple(part for part in parts if part), start, stop)


def _sentence_of_its_own(tokens: Sequence[Token], stop: int) -> bool:
    """The words end their sentence, and a new one starts: "Kwame Asante. No reply ..."."""
    if stop >= len(tokens):
        return False
    if tokens[stop].line_start:
        return True
    return tokens[stop].text in (".", ":") and stop + 1 < len(tokens)


def _fact_before(tokens: Sequence[Token], start: int) -> bool:
    """A fact the writer gives right before, past commas and dashes: "... 700 80 90 - Nick"."""
    before = start - 1
    while before >= 0 and tokens[before].text in SEPARATORS:
        before -= 1
    return before >= 0 and tokens[before].text == FACT_MARK


def _role_before(tokens: Sequence[Token], start: int) -> bool:
    before = start - 1
    while before >= 0 and tokens[before].text in SEPARATORS:
        before -= 1
    return before >= 0 and tokens[before].lower in ROLES


def _label_follows(tokens: Sequence[Token], stop: int) -> bool:
    """A fact or its label next: "Кира, 5.11.1", "Amelia Clarke, order 18203947"."""
    after = skip_separators(tokens, stop)
    return after < len(tokens) and (
        tokens[after].text == FACT_MARK or tokens[after].lower in FACT_LABELS
    )


def _gives_fact(tokens: Sequence[Token], index: int) -> bool:
    """A fact, or the word that introduces one with the fact after it: "¶", "заказ ¶", "phone:
    ¶"; not "заказ не пришёл"."""
    if tokens[index].text == FACT_MARK:
        return True
    if tokens[index].lower not in FACT_LABELS:
        return False
    return any(token.text == FACT_MARK for token in tokens[index + 1 : index + 4])


def _beside_fact(tokens: Sequence[Token], start: int, stop: int) -> bool:
    """A fact the writer gives right before or after, past commas: "Кира, 5.11.1", "... - Nick"."""
    after = skip_separators(tokens, stop)
    fact_after = after < len(tokens) and tokens[after].text == FACT_MARK
    return _fact_before(tokens, start) or fact_after


# What may stand between an imperative and the contact it gives: "пишите мне на ¶", "звоните
# сюда: ¶" (a noun there is what the reader is asked about: "проверьте заказ ¶").
_CONTACT_LEAD = frozenset({"PREP", "NPRO", "ADVB"})


def _contact_follows(tokens: Sequence[Token], index: int) -> bool:
    """The imperative's clause goes straight on to a fact of the writer's, past at most two
    small words: it tells the reader how to reach the writer, not what to do for them."""
    for token in tokens[index : index + 3]:
        if token.text == FACT_MARK:
            return True
        if token.kind == "mark" and token.text in SEPARATORS:
            continue
        readings = parses(token.lower) if token.is_word and not token.lower.isascii() else []
        if not readings or readings[0].tag.POS not in _CONTACT_LEAD:
            return False
    return False


def _imperative(token: Token) -> bool:
    readings = parses(token.lower) if token.is_word and not token.lower.isascii() else []
    return bool(readings) and "impr" in readings[0].tag.grammemes
