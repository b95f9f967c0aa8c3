"""Validates handoff_form's answers and decides which questions it needs to ask at all.

Asked only when unknown: the name (the website may pass it), a contact (an email or phone given
earlier counts), the order number for orders, payment and returns, the app version for technical
topics. The problem is prefilled from the customer's first message about it when there was one.
Optional questions (order number, app version, what was tried) accept "не знаю" / "skip"; any
question accepts "отмена" / "cancel", which ends the form without a case (actions/form_words.py).
Each question is one row of QUESTIONS (its parser, whether it may be skipped, the reply to an
answer that does not fit), validated by one path, `validate_answer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.conversation import MAX_TEXT
from actions.customer import app_version_in, clean_name, order_number_in
from actions.form_words import means_cancel, means_skip
from actions.safe import SafeAction
from bot.common.contacts import normalise_email, normalise_phone

ORDER_TOPICS = frozenset({"orders", "payment", "returns"})
TECHNICAL_TOPICS = frozenset({"technical"})
SKIPPED = ""  # an optional question the customer chose not to answer: filled, but empty
MAX_NAME_WORDS = 3
# Answers to "what's your name?" that are not names: a repeated request for a person, greetings.
NOT_NAMES = frozenset(
    {
        "оператор",
        "оператора",
        "человек",
        "человека",
        "специалист",
        "специалиста",
        "менеджер",
        "бот",
        "привет",
        "здравствуйте",
        "зачем",
        "operator",
        "human",
        "agent",
        "person",
        "bot",
        "hello",
        "hi",
        "why",
    }
)
_NAME_INTRO = re.compile(
    r"^(меня зовут|зовут|мое имя|моё имя|я|это"
    r"|my name is|my name's|i am|i'm|it's|this is|call me)\s+",
    re.IGNORECASE,
)
Slots = dict[str, Any]


def cancelled(slot: str) -> Slots:
    return {slot: None, "handoff_cancelled": True}


def name_from(text: str) -> str | None:
    """'меня зовут анна' → 'Анна'; None for anything that does not look like a name."""
    if is_payload(text) or "@" in text or any(c.isdigit() for c in text) or means_skip(text):
        return None
    name = clean_name(_NAME_INTRO.sub("", text.strip()))
    if not name or len(name.split()) > MAX_NAME_WORDS:
        return None
    if any(word in NOT_NAMES for word in name.lower().split()):
        return None
    return name if any(c.isupper() for c in name) else name.title()


def is_payload(text: str) -> bool:
    """A button of an earlier message ("/affirm"), pressed while the form asks something else."""
    return text.startswith("/")


def _asking(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot(REQUESTED_SLOT) == slot


# Each answer's parser gives the slots it fills, the question's own included; an answer that
# fills no value of its own is invalid (asked again with the question's `invalid` response).
def _name(text: str) -> Slots:
    return {"customer_name": name_from(text)}


def _contact(text: str) -> Slots:
    email = normalise_email(text)
    if email:
        return {"handoff_contact": email, "email": email}
    phone = normalise_phone(text)
    if phone:
        return {"handoff_contact": phone, "phone": phone}
    return {"email": None, "phone": None}


def _order_number(text: str) -> Slots:
    number = order_number_in(text)
    return {"handoff_order_number": number, "order_number": number} if number else {}


def _app_version(text: str) -> Slots:
    """A version number when there is one; "the latest" and the like are kept as written."""
    version = app_version_in(text) or text[:60]
    return {"handoff_app_version": version, "app_version": version}


def _problem(text: str) -> Slots:
    if len(text) < 3 or means_skip(text) or is_payload(text):
        return {}
    return {"handoff_problem": text[:MAX_TEXT]}


def _tried(text: str) -> Slots:
    return {"handoff_tried": SKIPPED if is_payload(text) else text[:MAX_TEXT]}


@dataclass(frozen=True)
class Question:
    parse: Callable[[str], Slots]
    optional: bool = False  # "не знаю" / "skip" fill it with SKIPPED
    invalid: str | None = None  # the response to an invalid answer


QUESTIONS: dict[str, Question] = {
    "customer_name": Question(_name, invalid="utter_handoff_invalid_name"),
    "handoff_contact": Question(_contact, invalid="utter_handoff_invalid_contact"),
    "handoff_order_number": Question(
        _order_number, optional=True, invalid="utter_handoff_invalid_order_number"
    ),
    "handoff_app_version": Question(_app_version, optional=True),
    "handoff_problem": Question(_problem, invalid="utter_handoff_need_problem"),
    "handoff_tried": Question(_tried, optional=True),
}


def validate_answer(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Slots:
    """Any question: "отмена" cancels the form, "не знаю" skips an optional question, anything
    else is parsed; an invalid answer leaves the slot empty, so the question is asked again."""
    text = str(value or "").strip()
    if means_cancel(text):
        return cancelled(slot)
    question = QUESTIONS[slot]
    if question.optional and means_skip(text):
        return {slot: SKIPPED}
    filled = {slot: None, **question.parse(text)}
    if filled[slot] is None and question.invalid:
        dispatcher.utter_message(response=question.invalid)
    return filled


class ValidateHandoffForm(SafeAction, FormValidationAction):
    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """A question stays in the list while it is being asked, so its answer is validated."""
        topic = tracker.get_slot("handoff_topic")
        known_contact = tracker.get_slot("email") or tracker.get_slot("phone")
        needed = {
            "customer_name": True,
            "handoff_contact": not known_contact or _asking(tracker, "handoff_contact"),
            "handoff_order_number": topic in ORDER_TOPICS
            and (not tracker.get_slot("order_number") or _asking(tracker, "handoff_order_number")),
            "handoff_app_version": topic in TECHNICAL_TOPICS
            and (not tracker.get_slot("app_version") or _asking(tracker, "handoff_app_version")),
            "handoff_problem": True,
            "handoff_tried": True,
        }
        return [slot for slot in domain_slots if needed.get(slot, True)]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventType | None:
        """A cancelled form asks nothing more: requested_slot None ends it."""
        if tracker.get_slot("handoff_cancelled"):
            return SlotSet(REQUESTED_SLOT, None)
        return await super().next_requested_slot(dispatcher, tracker, domain)

    def __getattr__(self, name: str) -> Any:
        """rasa-sdk validates a slot by calling `validate_<slot>`: every question has one."""
        slot = name.removeprefix("validate_")
        if slot == name or slot not in QUESTIONS:
            raise AttributeError(name)

        def validate(value: Any, dispatcher: CollectingDispatcher, *_: Any) -> Slots:
            return validate_answer(slot, value, dispatcher)

        return validate
