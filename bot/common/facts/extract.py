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
from bot.common.facts.phones import phones
from bot.common.facts.versions import app_versions

MAX_TEXT = 4000  # what the chat accepts in one message; longer text is read for facts up to here
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Text in quotes is someone else's words (an error message, a button): no name of the writer's.
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]")


def _first(found: list[tuple[str, Span]]) -> str | None:
    return found[0][0] if found else None


def extract_facts(text: str, language: str | None = None) -> Facts:
    """Facts the writer states about themselves in `text`.

    `language` ("ru", "en" or None) is accepted for callers that know it; the rules of both
    languages run on every message, since customers mix them ("Меня зовут Oleg").
    """
    del language  # both languages' rules always run; kept so callers need not change later
    if not isinstance(text, str) or not text.strip():
        return Facts()
    cards = card_spans(text)  # all of it: every card must be masked, however long the text
    text = text[:MAX_TEXT]
    found_emails = emails(text)
    urls = [match.span() for match in _URL.finditer(text)]
    taken = [*cards, *(span for _, span in found_emails), *urls]
    found_phones = phones(text, skip=taken)
    taken += [span for _, span in found_phones]
    found_orders = order_numbers(text, skip=taken)
    found_versions = app_versions(text)
    taken += [span for _, span in (*found_orders, *found_versions)]
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    return Facts(
        name=customer_name(_marked(text, taken, quoted)),
        email=_first(found_emails),
        phone=_first(found_phones),
        order_number=_first(found_orders),
        app_version=_first(found_versions),
        card_numbers=cards,
    )


def _marked(text: str, spans: list[Span], quoted: list[Span]) -> str:
    """The text for the name rules: each fact already read replaced by FACT_MARK, and each quote
    by a full stop (its words are not the writer's, and it is no fact beside a name)."""
    pieces, position = [], 0
    marks = [(span, FACT_MARK) for span in spans] + [(span, ".") for span in quoted]
    for (start, end), mark in sorted(marks):
        if start < position:
            continue
        pieces += [text[position:start], f" {mark} "]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
