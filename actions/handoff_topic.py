"""The support topic of the message a handoff is about, read from that message's intent ranking.

The topic decides which questions the form asks (the order number for orders, payment and returns,
the app version for technical problems), so it comes from the problem message alone, never from an
earlier question the bot already answered, and only when the NLU gives it real weight: "Курьер не
приехал... хочу связаться с человеком" is read as a request for a person with the order topic
ranked next; a topic ranked with a per cent or two is a guess, and a guess asks a question that does
not fit the problem.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.conversation import NO_TOPIC, Turn

# The least weight the NLU must give a topical intent, first or ranked below a request for a
# person, for the form to ask that topic's questions: a request for a person that also says what
# is wrong takes most of the weight, and its topic comes next with a tenth or less.
MIN_TOPIC_CONFIDENCE = 0.05


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
        return topic if confidence is not None and confidence >= MIN_TOPIC_CONFIDENCE else None
    return None


def intent_of_message(parse: dict[str, Any]) -> dict[str, Any]:
    """The message's intent as the case records it."""
    intent = parse.get("intent") or {}
    return {"name": intent.get("name"), "confidence": _confidence(intent.get("confidence"))}
