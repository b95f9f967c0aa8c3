"""The customer's own name, and only theirs.

Read where the writer introduces or signs as a person ("меня зовут Андрей", "I'm Kate", "Тимофей
Князев беспокоит", "С уважением, Вера", "Thanks, Kate"), or where a name stands alone as a piece
of the message: the whole message ("Вера"), its opening ("Алёна, заказ 28301947, ..."), its end
("..., Герман") or next to a contact or number the writer gives ("8 917 404 33 22 Лидия").

A name elsewhere is someone else's: "курьер Игорь не приехал", "передайте Марине", "The courier,
Steve, was rude"; and a name first and followed by a request or a greeting addresses the reader
("Марина, подскажите", "Привет, Вера"). Weak cues ("я", "это", "I'm") need a word known as a
first name in the nominative; strong ones ("меня зовут", "my name is") take any capitalised word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.common.facts.english_names import ENGLISH_STOPWORDS
from bot.common.facts.lexicon import is_known, parses
from bot.common.facts.name_cues import (
    ADDRESSING,
    AFTER_CUES,
    CALLED,
    ENGLISH_NAME_FOLLOWERS,
    FACT_LABELS,
    FIRST_PERSON,
    GREETINGS,
    ROLES,
    SEPARATORS,
    SIGN_OFFS,
    STRONG_CUES,
    TITLES,
    WEAK_CUES,
    Cue,
)
from bot.common.facts.name_parts import Part, display, first_name, patronymic, surname
from bot.common.facts.tokens import Token, tokenize

MAX_NAME_WORDS = 3
# Put in place of a fact already read (an email, a phone, a number) before names are looked for:
# its letters are no name, and a name right next to it is the writer's ("Лидия, 8 917 ...").
FACT_MARK = "¶"


@dataclass(frozen=True)
class Found:
    parts: tuple[Part, ...]
    start: int  # index of the name's first token
    stop: int  # index of the first token after the name

    @property
    def text(self) -> str:
        return " ".join(part.text for part in self.parts)

    @property
    def unsure(self) -> bool:
        """A single word that is more often a common word: "вера" (faith), "роман" (novel)."""
        return len(self.parts) == 1 and self.parts[0].ambiguous


def _name_words(tokens: Sequence[Token], start: int) -> list[Token]:
    """Up to three words in a row from `start`, on one line, with no punctuation between."""
    words: list[Token] = []
    for index in range(start, min(len(tokens), start + MAX_NAME_WORDS)):
        token = tokens[index]
        if not token.is_word or (words and token.line_start):
            break
        words.append(token)
    return words


def _proper_case(token: Token) -> bool:
    """Written as a name is: "Priya", "Анна-Мария"; not "priya", not "СДЭК"."""
    return len(token.text) > 1 and all(
        part[:1].isupper() and part[1:] == part[1:].lower() for part in token.text.split("-")
    )


def _any_word_first(token: Token) -> Part | None:
    """Where only a name can stand (after "меня зовут", before "here", after "Regards,"): a word
    written as a name that the dictionaries do not know is a name too."""
    word = token.lower
    if not _proper_case(token) or word in ENGLISH_STOPWORDS:
        return None
    if word.isascii() or not is_known(word):
        return Part(display(token.text))
    return None


def _read_name(
    tokens: Sequence[Token], start: int, nominative_only: bool = True, any_word: bool = False
) -> Found | None:
    """The longest name at `start`: first [patronymic] [surname], or surname first [patronymic]."""
    words = _name_words(tokens, start)
    if not words:
        return None
    if words[0].lower in TITLES:
        return _titled(tokens, start)
    candidates: list[tuple[Part, ...]] = []
    first = first_name(words[0], nominative_only) or (
        _any_word_first(words[0]) if any_word else None
    )
    if first:
        parts = [first]
        rest = words[1:]
        if rest and (middle := patronymic(rest[0], first.gender)):
            parts.append(middle)
            rest = rest[1:]
        if rest and (last := surname(rest[0], first.gender, lenient=True)):
            parts.append(last)
            # "Helena Bonham Carter": an English surname of two words
            second = rest[1] if len(rest) > 1 and rest[1].lower.isascii() else None
            if second and (double := surname(second, first.gender, lenient=True)):
                parts.append(double)
        candidates.append(tuple(parts))
    if len(words) >= 2 and (last := surname(words[0], None, lenient=False)):
        after = first_name(words[1], nominative_only)
        if after and after.nominative == last.nominative:
            parts = [last, after]
            if len(words) == 3 and (middle := patronymic(words[2], after.gender)):
                parts.append(middle)
            candidates.append(tuple(parts))
    if not candidates:
        return None
    best = max(candidates, key=len)
    return Found(best, start, start + len(best))


def _titled(tokens: Sequence[Token], start: int) -> Found | None:
    """A title and the capitalised words after it, kept together: "Mrs Patel", "Dr. Anna Rao"."""
    index = start + 1
    if _matches(tokens, index, (".",)):
        index += 1
    names: list[Token] = []
    for word in _name_words(tokens, index)[: MAX_NAME_WORDS - 1]:
        if not _proper_case(word) or word.lower in ENGLISH_STOPWORDS:
            break
        names.append(word)
    if not names:
        return None
    parts = (Part(tokens[start].text), *(Part(display(word.text)) for word in names))
    return Found(parts, start, index + len(names))


def _matches(tokens: Sequence[Token], index: int, cue: Cue) -> bool:
    if index < 0 or index + len(cue) > len(tokens):
        return False
    return all(tokens[index + k].lower == word for k, word in enumerate(cue))


def _skip_separators(tokens: Sequence[Token], index: int) -> int:
    while index < len(tokens) and tokens[index].text in SEPARATORS:
        index += 1
    return index


def _is_mark(tokens: Sequence[Token], index: int) -> bool:
    """Before the start, after the end, a line break or a punctuation mark."""
    return not 0 <= index < len(tokens) or tokens[index].kind == "mark"


def _phrase_ends(tokens: Sequence[Token], index: int) -> bool:
    """The name is followed by the end, a line break or a mark: "я Вера." but not "я вера в"."""
    return _is_mark(tokens, index) or tokens[index].line_start


def _by_first_word(cues: Sequence[Cue]) -> dict[str, tuple[Cue, ...]]:
    """Cues grouped by their first word, so each token is compared with its own few only."""
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue[0], []).append(cue)
    return {word: tuple(group) for word, group in index.items()}


_STRONG = _by_first_word(STRONG_CUES)
_WEAK = _by_first_word(WEAK_CUES)
_SIGN_OFFS = _by_first_word(SIGN_OFFS)


def _after_cue(
    tokens: Sequence[Token], cues: dict[str, tuple[Cue, ...]], strong: bool
) -> Found | None:
    for index, token in enumerate(tokens):
        for cue in cues.get(token.lower, ()):
            if not _matches(tokens, index, cue):
                continue
            start = _skip_separators(tokens, index + len(cue))
            found = _read_name(tokens, start, nominative_only=not strong, any_word=strong)
            if found and (strong or not found.unsure or _phrase_ends(tokens, found.stop)):
                return found
            if not strong and cue[0].isascii() and (found := _english_unlisted(tokens, start)):
                return found
    return None


def _english_unlisted(tokens: Sequence[Token], start: int) -> Found | None:
    """A name the lists do not have, after an English cue: "I'm Ravi, ...", "this is Hana from
    Tokyo" (a capitalised word ending the phrase, or followed by "from", "and" or "here")."""
    if start >= len(tokens) or not tokens[start].is_word:
        return None
    part = _any_word_first(tokens[start])
    after = start + 1
    if part is None or not tokens[start].lower.isascii():
        return None
    if _phrase_ends(tokens, after) or tokens[after].lower in ENGLISH_NAME_FOLLOWERS:
        return Found((part,), start, after)
    return None


def _before_cue(tokens: Sequence[Token]) -> Found | None:
    """A name before its cue: "Тимофей Князев беспокоит", "Tom here", "меня Сашей зовут"."""
    for index, token in enumerate(tokens):
        if not token.is_word:
            continue
        if _matches(tokens, index - 1, ("меня",)):
            found = _read_name(tokens, index, nominative_only=False)
            if found and found.stop < len(tokens) and tokens[found.stop].lower in CALLED:
                return found
        if not (_is_mark(tokens, index - 1) or tokens[index - 1].lower in GREETINGS):
            continue
        found = _read_name(tokens, index, any_word=True)
        if found:
            after = _past_origin(tokens, found.stop)
            if any(_matches(tokens, after, cue) for cue in AFTER_CUES):
                return found
    return None


def _past_origin(tokens: Sequence[Token], index: int) -> int:
    """Past "from Leeds" in "Lucy from Leeds here": where the writer is from is not the cue."""
    if not _matches(tokens, index, ("from",)):
        return index
    index += 1
    for _ in range(2):
        if index < len(tokens) and tokens[index].is_word and tokens[index].capitalised:
            index += 1
    return index


def _apposition(tokens: Sequence[Token]) -> Found | None:
    """A name set off by commas after "me", in its case: "перезвоните мне, Марине, на ...".

    A nominative there addresses the reader instead: "скажите мне, Марина, где заказ".
    """
    for index, token in enumerate(tokens):
        if token.lower not in FIRST_PERSON or not _matches(tokens, index + 1, (",",)):
            continue
        found = _read_name(tokens, index + 2, nominative_only=False)
        if found and not found.parts[0].nominative and _phrase_ends(tokens, found.stop):
            return found
    return None


def _signed(tokens: Sequence[Token]) -> Found | None:
    """A closing and a name ending the message: "С уважением, Андрей Кузнецов", "Thanks, Kate"."""
    for index, token in enumerate(tokens):
        for cue in _SIGN_OFFS.get(token.lower, ()):
            if _matches(tokens, index, cue):
                start = _skip_separators(tokens, index + len(cue))
                found = _read_name(tokens, start, any_word=True)
                if found and all(token.kind == "mark" for token in tokens[found.stop :]):
                    return found
    return None


def _segments(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, stop) of each run of words and numbers between punctuation or line breaks
    (the dot of "Dr." or "Mrs." breaks nothing)."""
    segments: list[tuple[int, int]] = []
    start = None
    for index, token in enumerate(tokens):
        title_dot = token.text == "." and index > 0 and tokens[index - 1].lower in TITLES
        breaks = (token.kind == "mark" and not title_dot) or (token.line_start and index > 0)
        if breaks and start is not None:
            segments.append((start, index))
            start = None
        if token.kind != "mark" and start is None:
            start = index
    if start is not None:
        segments.append((start, len(tokens)))
    return segments


def _greeting(tokens: Sequence[Token], segment: tuple[int, int]) -> bool:
    return all(token.lower in GREETINGS for token in tokens[segment[0] : segment[1]])


def _alone(tokens: Sequence[Token]) -> Found | None:
    """A name that is a whole piece of the message by itself, where a writer puts their own."""
    segments = _segments(tokens)
    content = [segment for segment in segments if not _greeting(tokens, segment)]
    for segment in content:
        start, stop = segment
        found = _read_name(tokens, start) or _unlisted_latin(tokens, segment, content)
        if not found or found.stop != stop:
            continue
        if found.unsure and not tokens[start].capitalised and len(content) > 1:
            continue
        if _role_before(tokens, start):
            continue  # "Курьер: Игорь", "The courier, Steve"
        first, last = segment is content[0], segment is content[-1]
        beside_fact = _beside_fact(tokens, start, stop)
        if len(content) == 1 and len(segments) > 1 and not beside_fact:
            continue  # "Привет, Вера": greeting the reader
        position = segments.index(segment)
        if first and len(content) > 1 and not beside_fact:
            following = tokens[segments[position + 1][0]]
            if following.lower in ADDRESSING or _imperative(following):
                continue  # "Марина, подскажите"
            if position and _greeting(tokens, segments[position - 1]) and not _labels(following):
                continue  # "Привет, Вера! Где мой заказ?": greeting the reader
        if first or last or beside_fact:
            return found
    return None


def _unlisted_latin(
    tokens: Sequence[Token], segment: tuple[int, int], content: list[tuple[int, int]]
) -> Found | None:
    """A Latin name no list has, where a signature goes: last in the message or beside a fact
    ("order 12345678 never arrived, Priya"). Not first: "Urgent, order ..." is no name."""
    start, stop = segment
    words = tokens[start:stop]
    if not 1 <= len(words) <= 2 or not all(t.lower.isascii() for t in words):
        return None
    last = segment is content[-1] and segment is not content[0]
    after_fact = _fact_before(tokens, start)
    # First, only a full name before a labelled fact: "Priya Shah, order 12345678".
    opening = segment is content[0] and len(words) == 2 and _label_follows(tokens, stop)
    if not (last or after_fact or opening):
        return None
    parts = [_any_word_first(token) for token in words]
    if any(part is None for part in parts):
        return None
    return Found(tuple(part for part in parts if part), start, stop)


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
    after = _skip_separators(tokens, stop)
    return after < len(tokens) and (
        tokens[after].text == FACT_MARK or tokens[after].lower in FACT_LABELS
    )


def _labels(token: Token) -> bool:
    """A fact or the word that introduces one: "¶", "заказ", "phone"."""
    return token.text == FACT_MARK or token.lower in FACT_LABELS


def _beside_fact(tokens: Sequence[Token], start: int, stop: int) -> bool:
    """A fact the writer gives right before or after, past commas: "Кира, 5.11.1", "... - Nick"."""
    after = _skip_separators(tokens, stop)
    fact_after = after < len(tokens) and tokens[after].text == FACT_MARK
    return _fact_before(tokens, start) or fact_after


def _imperative(token: Token) -> bool:
    readings = parses(token.lower) if token.is_word and not token.lower.isascii() else []
    return bool(readings) and "impr" in readings[0].tag.grammemes


RULES: tuple[Callable[[Sequence[Token]], Found | None], ...] = (
    lambda tokens: _after_cue(tokens, _STRONG, strong=True),
    lambda tokens: _after_cue(tokens, _WEAK, strong=False),
    _before_cue,
    _apposition,
    _signed,
    _alone,
)


def customer_name(text: str) -> str | None:
    """The writer's own name, nominative and capitalised, or None.

    `text` should have the facts already read replaced by FACT_MARK (see extract.py).
    """
    tokens = tokenize(text)
    if not any(token.is_word for token in tokens):
        return None
    for rule in RULES:
        found = rule(tokens)
        if found:
            return found.text
    return None
