"""The written-up case for the gateway's handoff intake, built from the tracker (docs/protocol.md).

Nothing is masked: the case goes only to the agents who must answer the customer, so the contact,
order number and the customer's own words are passed exactly as given. Lengths are capped to what
the intake accepts.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.answer_from_knowledge import language_of
from actions.conversation import MAX_TEXT, latest_metadata, transcript
from actions.customer import normalise_email

CHANNELS = ("widget", "rest")
WIDGET_PREFIX = "w-"  # the widget's conversation ids (docs/protocol.md)
MAX_TRANSCRIPT = 300
MAX_ARTICLES = 20
MAX_FIELD = 200
MAX_URL = 2000


def _field(value: Any) -> str | None:
    return str(value)[:MAX_FIELD] if value not in (None, "") else None


def _text(value: Any) -> str | None:
    return str(value)[:MAX_TEXT] if value not in (None, "") else None


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


def build_case(tracker: Tracker) -> dict[str, Any]:
    slot = tracker.get_slot
    metadata = latest_metadata(tracker)
    return {
        "conversation": tracker.sender_id,
        "reason": slot("handoff_reason") or "requested",
        "language": language_of(tracker),
        "priority": slot("handoff_priority") or "normal",
        "topic": slot("handoff_topic"),
        "intent": slot("handoff_intent"),
        "customer": {
            "name": _field(slot("customer_name")),
            "email": _field(normalise_email(slot("email"))),
            "phone": _field(slot("phone")),
            "order_number": _field(slot("order_number")),
            "app_version": _field(slot("app_version")),
        },
        "problem": _text(slot("handoff_problem")),
        "tried": _text(slot("handoff_tried")),
        "articles": articles_of(tracker),
        "transcript": transcript(tracker, MAX_TRANSCRIPT),
        "channel": channel_of(tracker, metadata),
        "page": page_of(metadata),
    }
