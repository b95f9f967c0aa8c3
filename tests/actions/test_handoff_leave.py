"""Leaving the handoff form: a change of mind ends it without a case; a real question asked in the
middle is answered the way its intent is answered anywhere, then a person is offered again. The
form is ended either way and what the customer said about themselves is kept."""

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

    def __init__(self, events: list[EventType]) -> None:
        self.events = events

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_kb_answer")
        return self.events


async def ask(text: str, intent: str, knowledge: FakeKnowledge | None = None):
    dispatcher = CollectingDispatcher()
    action = ActionHandoffQuestion(REPLIES, knowledge)  # type: ignore[arg-type]
    result = await action.run(dispatcher, tracker([user(text, intent)], SLOTS), DOMAIN)
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
