"""Starts a handoff: says why a person is coming in, works out the case's reason, priority and
topic, fills in what the conversation already told us, then runs handoff_form for the rest.

What the customer already said is not asked again: their name, contact, order number and app
version fill their slots from any message (bot/rasa_server/nlu/fact_extractor.py), and the problem
is the message the handoff is about when one describes it (conversation.problem_of, the same
reading the filed case uses).

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
    NO_TOPIC,
    Turn,
    intent_topics,
    is_substantive,
    latest_metadata,
    problem_of,
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
# The least weight a ranked intent needs to tell what a request for a person is about.
MIN_RANKED_CONFIDENCE = 0.05


def reason_for(tracker: Tracker, intent: str) -> str:
    return tracker.get_slot("handoff_reason") or REASON_BY_INTENT.get(intent, "always_human")


def priority_for(reason: str, intent: str, turns: list[Turn]) -> str:
    angry = any(is_strongly_negative(turn.text) for turn in turns)
    high = reason in HIGH_PRIORITY_REASONS or intent in HIGH_PRIORITY_INTENTS or angry
    return "high" if high else "normal"


def topic_in_ranking(message: dict[str, Any], topics: dict[str, str]) -> str | None:
    """The support topic a request for a person or a complaint is about, when it says so
    ("Курьер не приехал, весь день прождала. Хочу связаться с живым человеком"): the first intent
    of the NLU's ranking with a support topic, if the NLU gave it some weight. It decides which
    questions the form asks (the order number for orders), not the case's routing."""
    for ranked in message.get("intent_ranking") or []:
        topic = topics.get(str(ranked.get("name") or ""))
        confidence = ranked.get("confidence")
        if not isinstance(confidence, (int, float)) or confidence < MIN_RANKED_CONFIDENCE:
            return None
        if topic is not None and topic not in NO_TOPIC:
            return topic
    return None


def subject(tracker: Tracker, turns: list[Turn], topics: dict[str, str]) -> tuple[str | None, dict]:
    """Topic and intent of the case: the latest message on a support topic, else the trigger
    (with the topic it is about, when it describes the problem as well as asking for a person)."""
    turn = topical_turn(turns, topics)
    if turn is not None:
        return topics[turn.intent], {"name": turn.intent, "confidence": turn.confidence}
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    confidence = intent.get("confidence")
    topic = topics.get(name or "")
    if (topic is None or topic in NO_TOPIC) and turns and is_substantive(turns[-1], topics):
        topic = topic_in_ranking(tracker.latest_message, topics) or topic
    return topic, {
        "name": name,
        "confidence": float(confidence) if isinstance(confidence, (int, float)) else None,
    }


def intro_for(tracker: Tracker, reason: str, intent: str, domain: dict[str, Any]) -> str:
    """An intent that comes here directly (request_human, complaint, legal_threat) introduces the
    person with its own response. A handoff another action asked for (the slot
    `handoff_reason` is set) is introduced by its reason: the intent's own response there is the
    answer to its topic ("хочу вернуть наушники... позовите сотрудника" is return_item)."""
    own_intro = f"utter_{intent}"
    direct = not tracker.get_slot("handoff_reason")
    if direct and reason not in INTRO_BY_REASON and own_intro in domain.get("responses", {}):
        return own_intro
    return INTRO_BY_REASON.get(reason, DEFAULT_INTRO)


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
        # The introduction opens the handoff: it addresses the customer by name when it is known
        # (bot/rasa_server/addressing.py), the questions that follow do not.
        intro = intro_for(tracker, reason, intent, domain)
        dispatcher.utter_message(response=intro, address_by_name=True)
        events: list[EventType] = [
            SlotSet("handoff_reason", reason),
            SlotSet("handoff_priority", priority),
            SlotSet("handoff_topic", topic),
            SlotSet("handoff_intent", case_intent),
            SlotSet("handoff_cancelled", None),
            *known_from_website(tracker),
        ]
        problem = problem_of(tracker, self.topics)
        if problem is not None and not tracker.get_slot("handoff_problem"):
            events.append(SlotSet("handoff_problem", problem.text[:MAX_TEXT]))
        return [*events, FollowupAction(FORM)]
