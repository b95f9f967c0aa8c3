"""The support topic of the message a handoff is about, read from that message's intent ranking.

The topic decides which questions the form asks (the order number for orders, payment and returns,
the app version for technical problems), so it comes from the problem message alone, never from an
earlier question the bot already answered, and only when the NLU gives it real weight: "Курьер не
приехал... хочу связаться с человеком" is read as a request for a person with the order topic
ranked next; a topic ranked with a per cent or two is a guess, and a guess asks a question that does
not fit the problem. A request for a person read as a question about the contacts of support ("can
an agent help?") says little about the problem's topic: the problem's words, when they name one, say
more.

When the NLU gives no topic, the problem's own words may: "привезли не всё... позовите оператора"
is about an order, "push notifications stopped working in the app" about the app.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from actions.conversation import NO_TOPIC, Turn

# The least weight the NLU must give a topical intent, first or ranked below a request for a
# person, for the form to ask that topic's questions: a request for a person that also says what
# is wrong takes most of the weight, and its topic comes next with a tenth or less.
MIN_TOPIC_CONFIDENCE = 0.05
# A topic the NLU gives a request for a person as readily as the problem's own ("can an agent
# help?").
WEAK_TOPICS = frozenset({"contacts"})
# Words that name a topic: Russian stems (a word starting with one), English words (with an "s").
TOPIC_WORDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "returns": (
        ("возврат", "вернуть", "верните", "вернули", "вернул", "обмен"),
        frozenset({"refund", "return", "exchange"}),
    ),
    "payment": (
        ("оплат", "списал", "списыва", "списани", "платеж", "заплатил"),
        frozenset({"payment", "charged", "charge", "paid", "pay"}),
    ),
    "orders": (
        ("заказ", "доставк", "доставил", "доставят", "привез", "курьер", "посылк"),
        frozenset({"order", "delivery", "delivered", "parcel", "courier", "package", "shipment"}),
    ),
    "technical": (
        ("приложени", "ошибк", "вылета", "зависа", "глючит", "уведомлени", "сайт"),
        frozenset(
            {
                *("app", "application", "error", "crash", "crashes", "crashed"),
                *("freezes", "frozen", "notification"),
            }
        ),
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


def _confidence(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def parse_of(tracker: Tracker, turn: Turn) -> dict[str, Any]:
    """What the NLU made of one of the customer's messages (its intent ranking included)."""
    for event in reversed(tracker.events):
        same = event.get("text") == turn.text and event.get("timestamp") == turn.timestamp
        if event.get("event") == "user" and same:
            return event.get("parse_data") or {}
    return {}


def topic_of_message(parse: dict[str, Any], topics: dict[str, str]) -> str | None:
    """The topic of the first intent of the ranking with a support topic, if it has enough
    weight; None when the message has no clear topic."""
    ranking = parse.get("intent_ranking") or [parse.get("intent") or {}]
    for ranked in ranking:
        topic = topics.get(str(ranked.get("name") or ""))
        if topic is None or topic in NO_TOPIC:
            continue
        confidence = _confidence(ranked.get("confidence"))
        if confidence is None or confidence < MIN_TOPIC_CONFIDENCE:
            return None
        if topic in WEAK_TOPICS:
            return topic_of_words(str(parse.get("text") or "")) or topic
        return topic
    return None


def topic_of_words(text: str) -> str | None:
    """The topic most of the message's topic words name; the first named wins a tie."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    best: tuple[int, int, str] | None = None
    for topic, (stems, english) in TOPIC_WORDS.items():
        hits = [
            i
            for i, word in enumerate(words)
            if word.startswith(stems) or word in english or word.removesuffix("s") in english
        ]
        if hits and (best is None or (len(hits), -hits[0]) > best[:2]):
            best = (len(hits), -hits[0], topic)
    return best[2] if best else None


def intent_of_message(parse: dict[str, Any]) -> dict[str, Any]:
    """The message's intent as the case records it."""
    intent = parse.get("intent") or {}
    return {"name": intent.get("name"), "confidence": _confidence(intent.get("confidence"))}
