"""Reading a name at a given place in a message's tokens: the longest first [patronymic]
[surname] (or surname first) that starts there, a title with its names ("Mrs Patel"), a surname
alone; and the small questions about what stands around a place that every rule asks (a mark, a
cue, the end of the phrase).

The rules that decide where to read are in names.py and name_alone.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.common.facts.english_names import ENGLISH_STOPWORDS
from bot.common.facts.lexicon import is_known
from bot.common.facts.name_cues import ORIGINS, SEPARATORS, TITLES, Cue
from bot.common.facts.name_parts import (
    Part,
    display,
    first_name,
    lone_surname,
    patronymic,
    surname,
)
from bot.common.facts.tokens import Token

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


def name_words(tokens: Sequence[Token], start: int) -> list[Token]:
    """Up to three words in a row from `start`, on one line, with no punctuation between."""
    words: list[Token] = []
    for index in range(start, min(len(tokens), start + MAX_NAME_WORDS)):
        token = tokens[index]
        if not token.is_word or (words and token.line_start):
            break
        words.append(token)
    return words


def proper_case(token: Token) -> bool:
    """Written as a name is: "Priya", "Анна-Мария"; not "priya", not "СДЭК"."""
    return len(token.text) > 1 and all(
        part[:1].isupper() and part[1:] == part[1:].lower() for part in token.text.split("-")
    )


def any_word_first(token: Token) -> Part | None:
    """Where only a name can stand (after "меня зовут", before "here", after "Regards,"): a word
    written as a name that the dictionaries do not know is a name too."""
    word = token.lower
    if not proper_case(token) or word in ENGLISH_STOPWORDS:
        return None
    if word.isascii() or not is_known(word):
        return Part(display(token.text))
    return None


def read_name(
    tokens: Sequence[Token], start: int, nominative_only: bool = True, any_word: bool = False
) -> Found | None:
    """The longest name at `start`: first [patronymic] [surname], or surname first [patronymic]."""
    words = name_words(tokens, start)
    if not words:
        return None
    if words[0].lower in TITLES:
        return titled(tokens, start)
    candidates: list[tuple[Part, ...]] = []
    first = first_name(words[0], nominative_only, lowercase_latin=any_word) or (
        any_word_first(words[0]) if any_word else None
    )
    if first:
        parts = [first]
        rest = words[1:]
        if rest and (middle := patronymic(rest[0], first.gender)):
            parts.append(middle)
            rest = rest[1:]
        if rest and (last := surname(rest[0], first.gender, True, lowercase_latin=any_word)):
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


def titled(tokens: Sequence[Token], start: int) -> Found | None:
    """A title and the capitalised words after it, kept together: "Mrs Patel", "Dr. Anna Rao"."""
    index = start + 1
    if matches(tokens, index, (".",)):
        index += 1
    names: list[Token] = []
    for word in name_words(tokens, index)[: MAX_NAME_WORDS - 1]:
        if not proper_case(word) or word.lower in ENGLISH_STOPWORDS:
            break
        names.append(word)
    if not names:
        return None
    parts = (Part(tokens[start].text), *(Part(display(word.text)) for word in names))
    return Found(parts, start, index + len(names))


def matches(tokens: Sequence[Token], index: int, cue: Cue) -> bool:
    if index < 0 or index + len(cue) > len(tokens):
        return False
    return all(tokens[index + k].lower == word for k, word in enumerate(cue))


def skip_separators(tokens: Sequence[Token], index: int) -> int:
    while index < len(tokens) and tokens[index].text in SEPARATORS:
        index += 1
    return index


def is_mark(tokens: Sequence[Token], index: int) -> bool:
    """Before the start, after the end, a line break or a punctuation mark."""
    return not 0 <= index < len(tokens) or tokens[index].kind == "mark"


def phrase_ends(tokens: Sequence[Token], index: int) -> bool:
    """The name is followed by the end, a line break or a mark: "я Вера." but not "я вера в"."""
    return is_mark(tokens, index) or tokens[index].line_start


def surname_at(tokens: Sequence[Token], start: int) -> Found | None:
    if start >= len(tokens) or not tokens[start].is_word:
        return None
    part = lone_surname(tokens[start])
    return Found((part,), start, start + 1) if part else None


def past_origin(tokens: Sequence[Token], index: int) -> int:
    """Past "from Leeds" in "Lucy from Leeds here": where the writer is from is not the cue."""
    if index >= len(tokens) or tokens[index].lower not in ORIGINS:
        return index
    index += 1
    for _ in range(2):
        if index < len(tokens) and tokens[index].is_word and tokens[index].capitalised:
            index += 1
    return index
