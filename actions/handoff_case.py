"""The written-up case for the gateway's handoff intake, built from the tracker (docs/protocol.md).

The name is the one the customer gave for themselves (handoff_name.own_name), the problem the
customer's own words about what led to the handoff (handoff_problem.problem_of),
and the case's topic and intent are those the NLU gave that message, so the gateway routes it to
the group of the problem, not of whatever the customer said first. The contact and the order number
are passed exactly as given (the agent must reach the customer); payment card numbers are masked
in every text, since no agent needs them. Lengths are capped to what the intake accepts.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.answer_from_knowledge import language_of
from actions.conversation import (
    MAX_TEXT,
    intent_topics,
    latest_metadata,
    transcript,
)
from actions.handoff_name import own_name
from actions.handoff_problem import Problem, problem_of
from bot.common.contacts import normalise_email
from bot.common.masking import mask_cards

CHANNELS = ("widget", "rest")
WIDGET_PREFIX = "w-"  # the widget's conversation ids (docs/protocol.md)
MAX_TRANSCRIPT = 300
MAX_ARTICLES = 20
MAX_FIELD = 200
MAX_URL = 2000


def _field(value: Any) -> str | None:
    return str(value)[:MAX_FIELD] if value not in (None, "") else None


def _text(value: Any) -> str | None:
    return mask_cards(str(value))[:MAX_TEXT] if value not in (None, "") else None


def channel_of(tracker: Tracker, metadata: dict[str, Any]) -> str:
    """The gateway may say which channel it is; otherwise widget ids start with "w-"."""
    if metadata.get("channel") in CHANNELS:
        return str(metadata["channel"])
    return "widget" if tracker.sender_id.startswith(WIDGET_PREFIX) else "rest"


def page_of(metadata: dict[str, Any]) -> str | None:
    page = metadata.get("page")
    if isinstance(page, str) and page.startswith(("http://", "https://")):
        return page[:MAX_URL]
    return None


def contact_of(case: dict[str, Any]) -> str | None:
    return case["customer"]["email"] or case["customer"]["phone"]


def articles_of(tracker: Tracker) -> list[dict[str, Any]]:
    return [
        {
            "id": entry.get("id"),
            "title": entry.get("title"),
            "url": entry.get("url"),
            "verdict": entry.get("verdict"),
        }
        for entry in (tracker.get_slot("kb_offered") or [])[-MAX_ARTICLES:]
        if isinstance(entry, dict)
    ]


def subject_of(
    problem: Problem | None, tracker: Tracker, topics: dict[str, str]
) -> tuple[str | None, dict[str, Any] | None]:
    """Topic and intent of the problem message; without one, what the handoff's start recorded.
    When the start recorded the same intent, its record is kept as it is."""
    recorded = tracker.get_slot("handoff_intent")
    if problem is None:
        return tracker.get_slot("handoff_topic"), recorded
    name = problem.turn.intent
    if not name:
        return None, None
    if isinstance(recorded, dict) and recorded.get("name") == name:
        # The start (or the form's problem question) read this message's topic from its whole
        # ranking: "курьер не приехал, позовите человека" is a request with the orders topic.
        return tracker.get_slot("handoff_topic") or topics.get(name), recorded
    return topics.get(name), {"name": name, "confidence": problem.turn.confidence}


def masked_transcript(tracker: Tracker) -> list[dict[str, Any]]:
    return [
        {**line, "text": mask_cards(line["text"])} for line in transcript(tracker, MAX_TRANSCRIPT)
    ]


def build_case(tracker: Tracker, topics: dict[str, str] | None = None) -> dict[str, Any]:
    slot = tracker.get_slot
    metadata = latest_metadata(tracker)
    topics = intent_topics() if topics is None else topics
    problem = problem_of(tracker, topics)
    topic, intent = subject_of(problem, tracker, topics)
    return {
        "conversation": tracker.sender_id,
        "reason": slot("handoff_reason") or "requested",
        "language": language_of(tracker),
        "priority": slot("handoff_priority") or "normal",
        "topic": topic,
        "intent": intent,
        "customer": {
            "name": _field(
                mask_cards(own_name(tracker.events) or str(slot("customer_name") or ""))
            ),
            "email": _field(normalise_email(slot("email"))),
            "phone": _field(slot("phone")),
            "order_number": _field(slot("order_number")),
            "app_version": _field(slot("app_version")),
        },
        "problem": _text(problem.text if problem else slot("handoff_problem")),
        "tried": _text(slot("handoff_tried")),
        "articles": articles_of(tracker),
        "transcript": masked_transcript(tracker),
        "channel": channel_of(tracker, metadata),
        "page": page_of(metadata),
    }
