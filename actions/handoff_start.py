"""Starts a handoff: says why a person is coming in, works out the case's reason, priority and
topic, fills in what the conversation already told us, then runs handoff_form for the rest.

Intents whose file says `reply: action_handoff_start` come here directly: request_human,
complaint and the always-human topics (legal_threat, delete_personal_data — add another topic by
writing that line in its intent file). Other actions come here through `hand_over(reason)`.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import (
    MAX_TEXT,
    Turn,
    first_problem,
    intent_topics,
    latest_metadata,
    recent_turns,
    topical_turn,
)
from actions.customer import clean_name
from actions.negativity import is_strongly_negative
from actions.safe import SafeAction
from bot.common.contacts import normalise_email
from bot.common.masking import conversation_ref

log = logging.getLogger(__name__)
FORM = "handoff_form"
SUBMIT_ACTION = "action_handoff_submit"
REASON_BY_INTENT = {"request_human": "requested", "complaint": "complaint"}
HIGH_PRIORITY_REASONS = ("complaint", "negative")
HIGH_PRIORITY_INTENTS = frozenset({"legal_threat"})
INTRO_BY_REASON = {
    "low_confidence": "utter_handoff_intro_low_confidence",
    "not_helpful": "utter_handoff_intro_not_helpful",
    "negative": "utter_handoff_intro_negative",
}
DEFAULT_INTRO = "utter_request_human"


def reason_for(tracker: Tracker, intent: str) -> str:
    return tracker.get_slot("handoff_reason") or REASON_BY_INTENT.get(intent, "always_human")


def priority_for(reason: str, intent: str, turns: list[Turn]) -> str:
    angry = any(is_strongly_negative(turn.text) for turn in turns)
    high = reason in HIGH_PRIORITY_REASONS or intent in HIGH_PRIORITY_INTENTS or angry
    return "high" if high else "normal"


def subject(tracker: Tracker, turns: list[Turn], topics: dict[str, str]) -> tuple[str | None, dict]:
    """Topic and intent of the case: the latest message on a support topic, else the trigger."""
    turn = topical_turn(turns, topics)
    if turn is not None:
        return topics[turn.intent], {"name": turn.intent, "confidence": turn.confidence}
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    confidence = intent.get("confidence")
    return topics.get(name or ""), {
        "name": name,
        "confidence": float(confidence) if isinstance(confidence, (int, float)) else None,
    }


def known_from_website(tracker: Tracker) -> list[EventType]:
    """Name and email the website passed with the latest messages (the session start only saw
    the first message's), when the conversation has not set them already."""
    metadata = latest_metadata(tracker)
    events: list[EventType] = []
    name = clean_name(metadata.get("name"))
    if name and not tracker.get_slot("customer_name"):
        events.append(SlotSet("customer_name", name))
    email = normalise_email(metadata.get("email"))
    if email and not tracker.get_slot("email"):
        events.append(SlotSet("email", email))
    return events


class ActionHandoffStart(SafeAction):
    def __init__(self, topics: dict[str, str] | None = None) -> None:
        self._topics = topics

    def name(self) -> str:
        return "action_handoff_start"

    @property
    def topics(self) -> dict[str, str]:
        return self._topics if self._topics is not None else intent_topics()

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ticket = tracker.get_slot("handoff_ticket")
        if ticket:
            dispatcher.utter_message(response="utter_handoff_already_open", ticket=ticket)
            return [SlotSet("handoff_reason", None)]
        if tracker.get_slot("handoff_pending_case"):
            log.info("handoff.retry conversation=%s", conversation_ref(tracker.sender_id))
            return [FollowupAction(SUBMIT_ACTION)]
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        turns = recent_turns(tracker)
        reason = reason_for(tracker, intent)
        topic, case_intent = subject(tracker, turns, self.topics)
        priority = priority_for(reason, intent, turns)
        log.info(
            "handoff.start conversation=%s reason=%s priority=%s topic=%s",
            conversation_ref(tracker.sender_id),
            reason,
            priority,
            topic,
        )
        own_intro = f"utter_{intent}"
        if reason not in INTRO_BY_REASON and own_intro in domain.get("responses", {}):
            dispatcher.utter_message(response=own_intro)
        else:
            dispatcher.utter_message(response=INTRO_BY_REASON.get(reason, DEFAULT_INTRO))
        events: list[EventType] = [
            SlotSet("handoff_reason", reason),
            SlotSet("handoff_priority", priority),
            SlotSet("handoff_topic", topic),
            SlotSet("handoff_intent", case_intent),
            SlotSet("handoff_cancelled", None),
            *known_from_website(tracker),
        ]
        problem = first_problem(turns, self.topics)
        if problem is not None and not tracker.get_slot("handoff_problem"):
            events.append(SlotSet("handoff_problem", problem.text[:MAX_TEXT]))
        return [*events, FollowupAction(FORM)]
