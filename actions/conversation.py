"""What the tracker's events say about the conversation: the customer's turns, their intents
and a transcript with timestamps (which messages a handoff is about: actions/handoff_problem.py).

Rasa sends the action server every event of the conversation; these functions read the event
dicts as they come, so they work the same in the running server and in tests.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker

from bot.common.build.intent_files import load_content
from bot.common.settings import Settings

# Intents that say nothing about the problem itself: answers, choices, requests for a person.
NOT_A_PROBLEM = frozenset(
    {"affirm", "deny", "request_human", "kb_choose", "rate", "handoff_closed"}
)
NO_TOPIC = ("smalltalk", "process")
# The NLU's intents for a message it could not place, and for one outside the help center.
FALLBACK_INTENT = "nlu_fallback"
OFF_TOPIC_INTENT = "out_of_scope"
SUBMIT_ACTION = "action_handoff_submit"
# The form's question a real question inside the form was asked at: the form goes on with it after
# the answer (actions/handoff_form.py, actions/handoff_leave.py).
RESUME_SLOT = "handoff_resume"
# The slots a customer's facts fill (actions/customer.py FACT_ENTITIES).
FACT_SLOTS = ("customer_name", "email", "phone", "order_number", "app_version")
MAX_TEXT = 4000


@dataclass(frozen=True)
class Turn:
    """One customer message with what the NLU made of it."""

    text: str
    intent: str
    confidence: float | None
    timestamp: float | None
    metadata: dict[str, Any]
    reply_before: str = ""  # what the bot said just before this message, where it matters


@functools.cache
def intent_topics() -> dict[str, str]:
    """Intent name → topic, from the intent files the model was built from."""
    root = Settings.from_mapping(os.environ).root
    return {intent.name: intent.topic for intent in load_content(root / "intents").intents}


def turn_of(event: dict[str, Any]) -> Turn | None:
    metadata = event.get("metadata") or {}
    text = event.get("text") or ""
    if metadata.get("is_external") or not text:
        return None
    intent = (event.get("parse_data") or {}).get("intent") or {}
    confidence = intent.get("confidence")
    return Turn(
        text=text,
        intent=intent.get("name") or "",
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        timestamp=event.get("timestamp"),
        metadata=metadata if isinstance(metadata, dict) else {},
    )


def previous_reply(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events between the customer's previous message and the latest one: what the bot did
    in reply to the previous message (empty before the second message)."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    return events[users[-2] : users[-1]] if len(users) >= 2 else []


def reply_names(events: list[dict[str, Any]]) -> set[str]:
    """The responses (utter_…) the bot gave among `events`."""
    return {
        name
        for e in events
        if e.get("event") == "bot" and (name := (e.get("metadata") or {}).get("utter_action"))
    }


def recent_turns(tracker: Tracker) -> list[Turn]:
    """Customer messages of this session since the last handoff was submitted, oldest first."""
    turns: list[Turn] = []
    for event in tracker.events:
        kind = event.get("event")
        if kind == "session_started" or (kind == "action" and event.get("name") == SUBMIT_ACTION):
            turns = []
        elif kind == "user":
            turn = turn_of(event)
            if turn is not None:
                turns.append(turn)
    return turns


def is_problem(turn: Turn) -> bool:
    return turn.intent not in NOT_A_PROBLEM and not turn.text.startswith("/")


def first_problem(turns: list[Turn], topics: dict[str, str]) -> Turn | None:
    """The first message that describes the problem rather than greets, thanks or asks for a
    person; it is what the customer would otherwise be asked to type again. The filed case
    takes its problem from `handoff_problem.problem_of`: the message the handoff is actually
    about."""
    for turn in turns:
        if is_problem(turn) and topics.get(turn.intent) != "smalltalk":
            return turn
    return None


def topical_turn(turns: list[Turn], topics: dict[str, str]) -> Turn | None:
    """The latest message with a support topic (orders, payment, ...), which decides routing."""
    for turn in reversed(turns):
        if topics.get(turn.intent, "smalltalk") not in NO_TOPIC:
            return turn
    return None


def iso_time(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def transcript(tracker: Tracker, limit: int) -> list[dict[str, Any]]:
    """Customer and bot messages with timestamps, the most recent `limit` of them."""
    lines = []
    for event in tracker.events:
        kind = event.get("event")
        if kind == "user" and (turn := turn_of(event)) is not None:
            lines.append(_line(turn.timestamp, "customer", turn.text))
        elif kind == "bot" and event.get("text"):
            lines.append(_line(event.get("timestamp"), "bot", event["text"]))
    return lines[-limit:]


def _line(timestamp: float | None, author: str, text: str) -> dict[str, Any]:
    return {"ts": iso_time(timestamp), "author": author, "text": text[:MAX_TEXT]}


def latest_metadata(tracker: Tracker) -> dict[str, Any]:
    """The website's metadata on the latest customer message that carried any."""
    for event in reversed(tracker.events):
        metadata = event.get("metadata") if event.get("event") == "user" else None
        if isinstance(metadata, dict) and metadata and not metadata.get("is_external"):
            return metadata
    started = tracker.get_slot("session_started_metadata")
    return started if isinstance(started, dict) else {}


def facts_before(events: list[dict[str, Any]]) -> dict[str, str]:
    """The facts' slots as they were before the latest customer message set any of them."""
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    known: dict[str, str] = {}
    for event in events[: users[-1]] if users else []:
        if event.get("event") == "slot" and event.get("name") in FACT_SLOTS:
            value = event.get("value")
            if isinstance(value, str) and value:
                known[event["name"]] = value
            else:
                known.pop(event["name"], None)
    return known
