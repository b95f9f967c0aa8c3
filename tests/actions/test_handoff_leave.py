"""Leaving the handoff form: a change of mind ends it without a case; a real question asked in the
middle is answered the way its intent is answered anywhere, then the form goes on with the question
it was asking. When there is nothing to answer with, or the pause was the problem told where a fact
was asked, the form ends and a person is offered again. What the customer said about themselves is
kept."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_leave import ActionHandoffCancel, ActionHandoffQuestion
from tests.actions.conftest import followup, slot, tracker, user

REPLIES = {
    "account_password_reset": "respond",
    "order_status": "knowledge",
    "greet": "respond_by_name",
}
DOMAIN = {"responses": {"utter_account_password_reset": [], "utter_greet_named": []}}
SLOTS = {
    "customer_name": "Кристина",
    "email": "k@ya.ru",
    "handoff_reason": "requested",
    "handoff_problem": "аккаунт заблокирован",
    "handoff_paused": True,
}


class FakeKnowledge:
    """Stands in for the help-article answer: says one article, or hands over."""

    def __init__(self, events: list[EventType], responses: tuple[str, ...] = ("utter_kb_answer",)):
        self.events = events
        self.responses = responses

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        for response in self.responses:
            dispatcher.utter_message(response=response)
        return self.events


ARTICLE = FakeKnowledge(
    [SlotSet("kb_last_article", "contacts-ru"), SlotSet("kb_awaiting_verdict", True)],
    ("utter_kb_answer", "utter_kb_ask_helpful"),
)


async def ask(
    text: str, intent: str, knowledge: FakeKnowledge | None = None, resume_at: str | None = None
):
    dispatcher = CollectingDispatcher()
    action = ActionHandoffQuestion(REPLIES, knowledge)  # type: ignore[arg-type]
    slots = {**SLOTS, "handoff_resume": resume_at}
    result = await action.run(dispatcher, tracker([user(text, intent)], slots), DOMAIN)
    return [m.get("response") for m in dispatcher.messages], result


def form_ended(events: list[EventType]) -> bool:
    return {"event": "active_loop", "timestamp": None, "name": None} in events


async def test_a_change_of_mind_ends_the_form_without_a_case():
    dispatcher = CollectingDispatcher()
    state = tracker(
        [user("ой, уже не надо, передумала", "deny")], {**SLOTS, "handoff_cancelled": True}
    )
    events = await ActionHandoffCancel().run(dispatcher, state, DOMAIN)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_handoff_cancelled"]
    assert form_ended(events)
    assert slot(events, "handoff_cancelled") is None
    assert slot(events, "requested_slot") is None
    assert followup(events) == "action_listen"
    assert "customer_name" not in [e.get("name") for e in events]


async def test_an_intent_with_its_own_reply_is_answered_and_a_person_offered_again():
    replies, events = await ask("а пароль как сменить?", "account_password_reset")
    assert replies == ["utter_account_password_reset", "utter_handoff_offer_again"]
    assert form_ended(events)
    assert slot(events, "handoff_paused") is None
    assert slot(events, "handoff_reason") is None  # the handoff is over until asked for again
    assert followup(events) == "action_listen"
    assert "customer_name" not in [e.get("name") for e in events]  # facts stay


async def test_a_knowledge_question_gets_the_article_and_its_events():
    knowledge = FakeKnowledge([SlotSet("kb_last_article", "order-status-ru")])
    replies, events = await ask("а где мой заказ?", "order_status", knowledge)
    assert replies == ["utter_kb_answer", "utter_handoff_offer_again"]
    assert slot(events, "kb_last_article") == "order-status-ru"


async def test_an_answer_that_hands_over_by_itself_is_left_to_do_so():
    knowledge = FakeKnowledge([SlotSet("handoff_reason", "negative"), FollowupAction("x")])
    replies, events = await ask("где заказ?!", "order_status", knowledge)
    assert replies == ["utter_kb_answer"]
    assert followup(events) == "x"
    assert slot(events, "handoff_reason") == "negative"


async def test_by_name_intents_answer_by_name():
    replies, _ = await ask("привет", "greet")
    assert replies == ["utter_greet_named", "utter_handoff_offer_again"]


async def test_the_problem_stays_known_after_a_question_so_it_is_not_asked_again():
    _, events = await ask("а где мой заказ?", "order_status", FakeKnowledge([]))
    assert slot(events, "handoff_problem") == "аккаунт заблокирован"
    knowledge = FakeKnowledge([SlotSet("handoff_reason", "negative"), FollowupAction("x")])
    _, events = await ask("где заказ?!", "order_status", knowledge)
    assert slot(events, "handoff_problem") == "аккаунт заблокирован"


async def test_an_answered_question_goes_back_to_the_question_the_form_was_asking():
    replies, events = await ask(
        "а вы до скольки работаете?", "order_status", ARTICLE, "handoff_contact"
    )
    assert replies == ["utter_kb_answer", "utter_handoff_back_to_form"]  # no "did this help?"
    assert not form_ended(events)
    assert followup(events) == "handoff_form"
    assert events[-1] == FollowupAction("handoff_form")  # nothing after it for the form to re-read
    assert slot(events, "kb_last_article") == "contacts-ru"
    assert slot(events, "kb_awaiting_verdict") is False
    assert slot(events, "handoff_paused") is None
    assert slot(events, "handoff_resume") is None
    assert "handoff_reason" not in [e.get("name") for e in events]  # the handoff goes on


async def test_an_intent_with_its_own_reply_goes_back_to_the_form_too():
    replies, events = await ask(
        "а пароль как сменить?", "account_password_reset", resume_at="handoff_contact"
    )
    assert replies == ["utter_account_password_reset", "utter_handoff_back_to_form"]
    assert followup(events) == "handoff_form"


async def test_no_answer_to_give_ends_the_form_and_offers_a_person():
    choice = FakeKnowledge([SlotSet("kb_candidates", ["a", "b"])], ("utter_kb_clarify",))
    replies, events = await ask("а с доставкой как?", "order_status", choice, "handoff_contact")
    assert replies == ["utter_kb_clarify", "utter_handoff_offer_again"]
    assert form_ended(events)
    assert followup(events) == "action_listen"
