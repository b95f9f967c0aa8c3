"""One pass over a message: cards first (they must never become a phone or an order), then emails,
phones, order numbers, the app version and the writer's name.
"""

from __future__ import annotations

import re

from bot.common.facts.cards import card_spans
from bot.common.facts.emails import emails
from bot.common.facts.model import Facts, Span
from bot.common.facts.name_reading import FACT_MARK
from bot.common.facts.names import customer_name
from bot.common.facts.orders import order_numbers
from bot.common.facts.phones import phones, spoken_phones
from bot.common.facts.versions import app_versions

MAX_TEXT = 4000  # what the chat accepts in one message; longer text is read for facts up to here
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Text in quotes is someone else's words (an error message, a button): no name of the writer's.
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]")


# Before a value the writer takes back ("не 12345678, а 87654321", "not 5.11 but 5.12", "вместо
# ¶") or puts in its place ("правильный: ¶", "the correct one is ¶", "ой, ¶"), within a few words.
_TAKEN_BACK = re.compile(
    r"(?:\bне|\bnot|\bвместо|\binstead of)\W+(?:[^\W\d]+\W+){0,2}$", re.IGNORECASE
)
_PUT_RIGHT = re.compile(
    r"(?:правильн\w*|верн\w*|нов\w*|точнее|вернее|correct\w*|right|new|actually"
    # a slip noticed as it is typed: "48203917, ой нет, 48203971", "sorry, I mean ¶"
    r"|\b(?:ой|упс|ошибся|ошиблась|опечатка|oops|sorry|typo|i mean|то есть))\W+"
    r"(?:[^\W\d]+\W+){0,2}$",
    re.IGNORECASE,
)
LOOK_BACK = 30  # characters before a value where the words that take it back or put it right are


def _first(found: list[tuple[str, Span]], text: str = "") -> str | None:
    """The value the writer means: the first, unless another one is put in its place ("не
    12345678, а 87654321", "номер не тот, правильный ¶")."""
    if len(found) > 1:
        before = [(value, text[max(0, span[0] - LOOK_BACK) : span[0]]) for value, span in found]
        right = [value for value, words in before if _PUT_RIGHT.search(words)]
        kept = [value for value, words in before if not _TAKEN_BACK.search(words)]
        if right or kept:
            return (right or kept)[0]
    return found[0][0] if found else None


def extract_facts(text: str, language: str | None = None) -> Facts:
    """Facts the writer states about themselves in `text`.

    `language` ("ru", "en" or None) is accepted for callers that know it; the rules of both
    languages run on every message, since customers mix them ("Меня зовут Oleg").
    """
    del language  # both languages' rules always run; kept so callers need not change later
    if not isinstance(text, str) or not text.strip():
        return Facts()
    return _read(text)[0]


def _read(text: str) -> tuple[Facts, list[Span]]:
    """The facts of `text`, and where the values of all of them but the name stand in it."""
    cards = card_spans(text)  # all of it: every card must be masked, however long the text
    text = text[:MAX_TEXT]
    found_emails = emails(text)
    urls = [match.span() for match in _URL.finditer(text)]
    taken = [*cards, *(span for _, span in found_emails), *urls]
    found_phones = phones(text, skip=taken) or spoken_phones(text, skip=taken)
    taken += [span for _, span in found_phones]
    found_orders = order_numbers(text, skip=taken)
    found_versions = app_versions(text)
    taken += [span for _, span in (*found_orders, *found_versions)]
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    name = customer_name(_marked(text, taken, quoted))
    facts = Facts(
        name=name[0] if name else None,
        name_kind=name[1] if name else None,
        email=_first(found_emails, text),
        phone=_first(found_phones, text),
        order_number=_first(found_orders, text),
        app_version=_first(found_versions, text),
        card_numbers=cards,
    )
    return facts, [span for span in taken if span not in urls]


def _marked(text: str, spans: list[Span], quoted: list[Span]) -> str:
    """The text for the name rules: each fact already read replaced by FACT_MARK, and each quote
    by a full stop (its words are not the writer's, and it is no fact beside a name)."""
    marks = [(span, FACT_MARK) for span in spans] + [(span, ".") for span in quoted]
    return _replaced(text, marks)


def _replaced(text: str, marks: list[tuple[Span, str]]) -> str:
    """`text` with each span replaced by its mark, spaced (an empty mark takes the span out); a
    span that starts inside an earlier one is left as that one's."""
    pieces, position = [], 0
    for (start, end), mark in sorted(marks):
        if start < position:
            continue
        pieces += [text[position:start], f" {mark} " if mark else ""]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def without_facts(text: str) -> str:
    """`text` with the writer's own facts taken out (card numbers, e-mails, phones, order numbers,
    the app version, the name): what a help-article search should read, since no article shares
    a customer's digits or name, and they only pull the question's vector and words off its
    subject ("Здравствуйте, меня зовут Эльвира. Заказ 57 263 019 должен был прийти 12-го"). The
    text as it was when nothing else would be left."""
    if not isinstance(text, str) or not text.strip():
        return text
    facts, spans = _read(text)
    stripped = " ".join(_replaced(text[:MAX_TEXT], [(span, "") for span in spans]).split())
    for word in (facts.name or "").split():
        stripped = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "", stripped)
    stripped = " ".join(stripped.split())
    return stripped if re.search(r"[^\W\d_]", stripped) else text
