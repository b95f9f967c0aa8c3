"""Starts a handoff: says why a person is coming in, works out the case's reason, priority and
topic, fills in what the conversation already told us, then runs handoff_form for the rest.

What the customer already said is not asked again: their name, contact, order number and app
version fill their slots from any message (bot/rasa_server/nlu/fact_extractor.py), and the problem
is the message the handoff is about when one describes it (handoff_problem.problem_of, the same
reading the filed case uses), and what was tried is the message that reports an attempt
("пробовала восстановить пароль — письмо не пришло. Соедините с оператором").

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
    intent_topics,
    latest_metadata,
    recent_turns,
)
from actions.customer import clean_name
from actions.handoff_problem import Problem, problem_of
from actions.handoff_signals import grieves
from actions.handoff_topic import (
    ArticleSearch,
    help_center_articles,
    intent_of_message,
    parse_of,
    problem_topic,
    topic_of_words,
)
from actions.handoff_tried import tried_in
from actions.handoff_trigger import case_reason
from actions.knowledge_replies import language_of
from actions.negativity import is_complaint, is_strongly_negative
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
    "requested": "utter_request_human",
}
DEFAULT_INTRO = "utter_request_human"
# A request for a person that also complains ("третью неделю жду, это возмутительно! пусть со мной
# свяжется сотрудник", "you took the payment twice, I want someone now") is introduced with the
# complaint's line of empathy, and the case is a complaint's: high priority, as the line promises.
COMPLAINT_INTRO = "utter_complaint"


def reason_for(tracker: Tracker, intent: str) -> str:
    return tracker.get_slot("handoff_reason") or REASON_BY_INTENT.get(intent, "always_human")


def priority_for(reason: str, intent: str, turns: list[Turn]) -> str:
    angry = any(is_strongly_negative(turn.text) for turn in turns)
    high = reason in HIGH_PRIORITY_REASONS or intent in HIGH_PRIORITY_INTENTS or angry
    return "high" if high else "normal"


def subject(
    tracker: Tracker,
    problem: Problem | None,
    topics: dict[str, str],
    search: ArticleSearch,
) -> tuple[str | None, dict[str, Any]]:
    """Topic and intent of the case: those of the message the handoff is about, when its topic
    can be told (actions/handoff_topic.py); else those of the request itself, whose own words
    may name the topic ("мне нужен оператор по оплате", "an agent about my order": the order
    number is asked before the problem is told). The topic decides which questions the form
    asks; an earlier question the bot answered does not. A problem told over several messages
    takes the topic of the first that gives one: "курьер привёз не ту модель пылесоса", then
    "обмен в личном кабинете не оформляется" is about the order, though the second names the
    account."""
    if problem is not None:
        for turn in problem.turns or (problem.turn,):
            parse = parse_of(tracker, turn)
            text = turn.text if problem.turns else problem.text
            topic = problem_topic(parse, text, topics, language_of(tracker), search)
            if topic is not None:
                return topic, intent_of_message(parse)
    latest = tracker.latest_message or {}
    name = str((latest.get("intent") or {}).get("name") or "")
    named = topic_of_words(str(latest.get("text") or ""))
    return named or topics.get(name), intent_of_message(latest)


def intro_for(tracker: Tracker, reason: str, intent: str, domain: dict[str, Any]) -> str:
    """An intent that comes here directly (request_human, complaint, legal_threat) introduces the
    person with its own response. A handoff another action asked for (the slot
    `handoff_reason` is set) is introduced by its reason: the intent's own response there is the
    answer to its topic ("хочу вернуть наушники... позовите сотрудника" is return_item)."""
    own_intro = f"utter_{intent}"
    responses = domain.get("responses", {})
    direct = not tracker.get_slot("handoff_reason")
    if direct and reason not in INTRO_BY_REASON and own_intro in responses:
        return own_intro
    text = str(tracker.latest_message.get("text") or "")
    complains = is_complaint(text) or grieves(text)
    if reason == "requested" and complains and COMPLAINT_INTRO in responses:
        return COMPLAINT_INTRO
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
    def __init__(
        self, topics: dict[str, str] | None = None, search: ArticleSearch = help_center_articles
    ) -> None:
        self._topics = topics
        self._search = search

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
        problem = problem_of(tracker, self.topics)
        topic, case_intent = subject(tracker, problem, self.topics, self._search)
        intro = intro_for(tracker, reason, intent, domain)
        priority = "high" if intro == COMPLAINT_INTRO else priority_for(reason, intent, turns)
        # introduced and prioritised as a complaint, recorded as the request it also is
        reason = case_reason(reason, str(tracker.latest_message.get("text") or ""))
        log.info(
            "handoff.start conversation=%s reason=%s priority=%s topic=%s",
            conversation_ref(tracker.sender_id),
            reason,
            priority,
            topic,
        )
        # The introduction opens the handoff: it addresses the customer by name when it is known
        # (bot/rasa_server/addressing.py), the questions that follow do not.
        dispatcher.utter_message(response=intro, address_by_name=True)
        events: list[EventType] = [
            SlotSet("handoff_reason", reason),
            SlotSet("handoff_priority", priority),
            SlotSet("handoff_topic", topic),
            SlotSet("handoff_intent", case_intent),
            SlotSet("handoff_cancelled", None),
            *known_from_website(tracker),
        ]
        if problem is not None and not tracker.get_slot("handoff_problem"):
            events.append(SlotSet("handoff_problem", problem.text[:MAX_TEXT]))
        tried = tried_in([turn.text for turn in turns])
        if tried is not None and not tracker.get_slot("handoff_tried"):
            events.append(SlotSet("handoff_tried", tried[:MAX_TEXT]))
        return [*events, FollowupAction(FORM)]
