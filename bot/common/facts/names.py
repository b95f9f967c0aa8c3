"""The customer's own name, and only theirs.

Read where the writer introduces or signs as a person ("меня зовут Андрей", "I'm Kate", "Тимофей
Князев беспокоит", "С уважением, Вера", "Thanks, Kate"), or where a name stands alone as a piece
of the message: the whole message ("Вера"), its opening ("Алёна, заказ 28301947, ..."), its end
("..., Герман") or next to a contact or number the writer gives ("8 917 404 33 22 Лидия").

A name elsewhere is someone else's: "курьер Игорь не приехал", "передайте Марине", "The courier,
Steve, was rude"; and a name first and followed by a request or a greeting addresses the reader
("Марина, подскажите", "Привет, Вера"). Weak cues ("я", "это", "I'm") need a word known as a
first name in the nominative; strong ones ("меня зовут", "my name is") take any capitalised word.
The rules about cues are here; the name standing alone is name_alone.py, and reading a name at a
place is name_reading.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.common.facts.name_alone import alone
from bot.common.facts.name_cues import (
    AFTER_CUES,
    CALLED,
    CALLED_AFTER,
    ENGLISH_NAME_FOLLOWERS,
    FIRST_PERSON,
    FROM,
    GREETINGS,
    SIGN_OFFS,
    STRONG_CUES,
    WEAK_CUES,
    Cue,
)
from bot.common.facts.name_reading import (
    Found,
    any_word_first,
    is_mark,
    matches,
    past_origin,
    phrase_ends,
    read_name,
    skip_separators,
    surname_at,
)
from bot.common.facts.tokens import Token, tokenize


def _by_first_word(cues: Sequence[Cue]) -> dict[str, tuple[Cue, ...]]:
    """Cues grouped by their first word, so each token is compared with its own few only; the
    longest first ("беспокоит вас" before "беспокоит")."""
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue[0], []).append(cue)
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in index.items()}


_STRONG = _by_first_word(STRONG_CUES)
_WEAK = _by_first_word(WEAK_CUES)
_SIGN_OFFS = _by_first_word(SIGN_OFFS)


def _after_cue(
    tokens: Sequence[Token], cues: dict[str, tuple[Cue, ...]], strong: bool
) -> Found | None:
    for index, token in enumerate(tokens):
        for cue in cues.get(token.lower, ()):
            if not matches(tokens, index, cue):
                continue
            start = skip_separators(tokens, index + len(cue))
            found = read_name(tokens, start, nominative_only=not strong, any_word=strong)
            if found and (strong or not found.unsure or _introduction_ends(tokens, found.stop)):
                return found
            lone = surname_at(tokens, start) if found is None else None
            if lone and (strong or _introduction_ends(tokens, lone.stop)):
                return lone  # "фамилия Мельников", "я — Пахомов", "пишет вам Гончаренко:"
            if not strong and cue[0].isascii() and (found := _english_unlisted(tokens, start)):
                return found
    return None


def _introduction_ends(tokens: Sequence[Token], index: int) -> bool:
    """The phrase ends after the name, or an introduction does: "это Регина пишет"."""
    return phrase_ends(tokens, index) or any(matches(tokens, index, cue) for cue in AFTER_CUES)


def _english_unlisted(tokens: Sequence[Token], start: int) -> Found | None:
    """A name the lists do not have, after an English cue: "I'm Ravi, ...", "this is Hana from
    Tokyo" (a capitalised word ending the phrase, or followed by "from", "and" or "here")."""
    if start >= len(tokens) or not tokens[start].is_word:
        return None
    part = any_word_first(tokens[start])
    after = start + 1
    if part is None or not tokens[start].lower.isascii():
        return None
    if phrase_ends(tokens, after) or tokens[after].lower in ENGLISH_NAME_FOLLOWERS:
        return Found((part,), start, after)
    return None


def _before_cue(tokens: Sequence[Token]) -> Found | None:
    """A name before its cue: "Тимофей Князев беспокоит", "Tom here", "меня Сашей зовут"."""
    for index, token in enumerate(tokens):
        if not token.is_word:
            continue
        if matches(tokens, index - 1, ("меня",)):
            found = read_name(tokens, index, nominative_only=False)
            if found and found.stop < len(tokens) and tokens[found.stop].lower in CALLED:
                return found
        if not (is_mark(tokens, index - 1) or tokens[index - 1].lower in GREETINGS):
            continue
        found = read_name(tokens, index, nominative_only=False)
        if found and any(matches(tokens, found.stop, cue) for cue in CALLED_AFTER):
            return found  # "Захаром меня зовут"
        found = read_name(tokens, index, any_word=True)
        if found:
            after = past_origin(tokens, found.stop)
            if any(matches(tokens, after, cue) for cue in AFTER_CUES):
                return found
    return None


def _apposition(tokens: Sequence[Token]) -> Found | None:
    """A name set off by commas after "me", in its case: "перезвоните мне, Марине, на ...".

    A nominative there addresses the reader instead: "скажите мне, Марина, где заказ".
    """
    for index, token in enumerate(tokens):
        if token.lower not in FIRST_PERSON or not matches(tokens, index + 1, (",",)):
            continue
        found = read_name(tokens, index + 2, nominative_only=False)
        if found and not found.parts[0].nominative and phrase_ends(tokens, found.stop):
            return found
    return None


def _signed(tokens: Sequence[Token]) -> Found | None:
    """A closing and a name ending the message: "С уважением, Андрей Кузнецов", "Thanks, Kate"."""
    for index, token in enumerate(tokens):
        for cue in _SIGN_OFFS.get(token.lower, ()):
            if matches(tokens, index, cue):
                start = skip_separators(tokens, index + len(cue))
                found = read_name(tokens, start, any_word=True)
                if found and all(token.kind == "mark" for token in tokens[found.stop :]):
                    return found
    return None


def _from_header(tokens: Sequence[Token]) -> Found | None:
    """The message opens by naming its sender: "от Надежды Павловны Зуевой: заказ ..."."""
    if not tokens or tokens[0].lower not in FROM:
        return None
    found = read_name(tokens, 1, nominative_only=False)
    if found and found.stop < len(tokens) and tokens[found.stop].text in (":", "—", "-"):
        return found
    return None


RULES: tuple[Callable[[Sequence[Token]], Found | None], ...] = (
    _from_header,
    lambda tokens: _after_cue(tokens, _STRONG, strong=True),
    lambda tokens: _after_cue(tokens, _WEAK, strong=False),
    _before_cue,
    _apposition,
    _signed,
    alone,
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
