"""Reading a name at a given place in a message's tokens: the longest first [patronymic]
[surname] (or surname first) that starts there, a title with its names ("Mrs Patel"), a surname
alone; and the small questions about what stands around a place that every rule asks (a mark, a
cue, the end of the phrase).

The rules that decide where to read are in names.py and name_alone.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.common.facts.english_names import ENGLISH_FIRST_NAMES, ENGLISH_STOPWORDS
from bot.common.facts.lexicon import is_known
from bot.common.facts.name_cues import ORIGINS, SEPARATORS, TITLES, Cue
from bot.common.facts.name_parts import (
    Part,
    display,
    first_name,
    framed_surname,
    lone_surname,
    patronymic,
    surname,
)
from bot.common.facts.tokens import Token
from bot.common.facts.translit import is_latin

MAX_NAME_WORDS = 3
# Put in place of a fact already read (an email, a phone, a number) before names are looked for:
# its letters are no name, and a name right next to it is the writer's ("Лидия, 8 917 ...").
FACT_MARK = "¶"


@dataclass(frozen=True)
class Found:
    parts: tuple[Part, ...]
    start: int  # index of the name's first token
    stop: int  # index of the first token after the name
    surnamed: bool = False  # a first name with a surname: nobody greets the bot by one

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
    """Written as a name is: "Priya", "Анна-Мария", "O'Connor"; not "priya", not "СДЭК"."""
    return len(token.text) > 1 and all(
        part[:1].isupper() and part[1:] == part[1:].lower()
        for part in re.split(r"[-'’]", token.text)
    )


def any_word_first(token: Token) -> Part | None:
    """Where only a name can stand (after "меня зовут", before "here", after "Regards,"): a word
    written as a name that the dictionaries do not know is a name too."""
    word = token.lower
    if not proper_case(token) or word in ENGLISH_STOPWORDS:
        return None
    if is_latin(word) or not is_known(word):
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
    candidates: list[tuple[tuple[Part, ...], bool]] = []  # the parts, and whether a surname
    first = first_name(words[0], nominative_only, lowercase_latin=any_word) or (
        any_word_first(words[0]) if any_word else None
    )
    if first:
        parts = [first]
        rest = words[1:]
        middle = patronymic(rest[0], first.gender) if rest else None
        if middle:
            parts.append(middle)
            rest = rest[1:]
        last = surname(rest[0], first.gender, True, lowercase_latin=any_word) if rest else None
        if last is None and rest and middle:
            last = framed_surname(rest[0], first.gender)  # "Полина Сергеевна Лыкова"
        if last is None and rest:
            last = lowercase_surname(tokens, start + len(words) - len(rest), first)
        if last:
            if first.nominative and not last.nominative:
                last = Part(display(rest[0].text), last.gender)  # "Кравченко-Лурье" as typed
            parts.append(last)
            # "Helena Bonham Carter": an English surname of two words
            second = rest[1] if len(rest) > 1 and is_latin(rest[1].lower) else None
            if second and (double := surname(second, first.gender, lenient=True)):
                parts.append(double)
        candidates.append((tuple(parts), last is not None))
    if len(words) >= 2 and (last := surname(words[0], None, lenient=False)):
        after = first_name(words[1], nominative_only)
        if after and after.gender:
            last = surname(words[0], after.gender, lenient=False) or last  # "Соколову Елену"
        if after and after.nominative == last.nominative:
            parts = [last, after]
            if len(words) == 3 and (middle := patronymic(words[2], after.gender)):
                parts.append(middle)
            candidates.append((tuple(parts), True))
    if len(words) == 3 and (framed := _surname_before_full_name(words, nominative_only)):
        candidates.append((framed, True))
    if not candidates:
        return None
    best, surnamed = max(candidates, key=lambda candidate: len(candidate[0]))
    return Found(best, start, start + len(best), surnamed)


def _surname_before_full_name(
    words: Sequence[Token], nominative_only: bool
) -> tuple[Part, ...] | None:
    """Surname, first name and patronymic, the order of Russian forms, with a surname the
    dictionaries miss: "Лыкова Полина Сергеевна"."""
    first = first_name(words[1], nominative_only)
    middle = patronymic(words[2], first.gender) if first else None
    last = framed_surname(words[0], first.gender) if first and middle else None
    return (last, first, middle) if first and middle and last else None


def lowercase_surname(tokens: Sequence[Token], index: int, first: Part) -> Part | None:
    """A Latin surname typed in lower case after a Latin first name, where the name ends the
    phrase: "this is tom wilkins, ...", "sarah jones"."""
    word = tokens[index].lower
    if not (is_latin(word) and is_latin(first.text) and word.isalpha() and len(word) > 1):
        return None
    if word in ENGLISH_STOPWORDS or word in ENGLISH_FIRST_NAMES:
        return None
    return Part(display(tokens[index].text)) if phrase_ends(tokens, index + 1) else None


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


def is_fact(tokens: Sequence[Token], index: int) -> bool:
    """A fact already read stands there (see FACT_MARK)."""
    return 0 <= index < len(tokens) and tokens[index].text == FACT_MARK


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
    lower_case = not tokens[index - 2].capitalised  # "anna from leeds": nothing capitalised
    for _ in range(2):
        if (
            index < len(tokens)
            and tokens[index].is_word
            and (tokens[index].capitalised or lower_case)
        ):
            index += 1
    return index
