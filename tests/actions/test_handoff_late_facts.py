"""Facts given after the case was filed go into the open case, and the customer is told so; a
message that also asks something is answered as well (the caller goes on)."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_late_facts import FACTS_ADDED, added_late_facts
from tests.actions.conftest import FakeGateway, tracker, user


def told(text: str, **facts: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A message after the case was filed, with the facts the NLU read in it."""
    entities = [{"entity": name, "value": value} for name, value in facts.items()]
    return user(text, "contacts_hours", 0.6), entities


async def run(
    gateway: FakeGateway,
    message: tuple[dict[str, Any], list[dict[str, Any]]],
    ticket: str | None = "LM-000005",
):
    dispatcher = CollectingDispatcher()
    event, entities = message
    state = tracker([event], {"handoff_ticket": ticket}, entities=entities)
    done = await added_late_facts(dispatcher, state, await gateway.start())
    return done, [m.get("response") for m in dispatcher.messages]


async def test_an_email_given_after_filing_goes_into_the_case(gateway: FakeGateway):
    message = told("Nikita.Orlov@bk.ru", email="Nikita.Orlov@bk.ru")
    done, replies = await run(gateway, message)
    assert gateway.customer_facts[0]["customer"] == {"email": "nikita.orlov@bk.ru"}
    assert replies == [FACTS_ADDED] and done, "nothing else to answer"


async def test_a_fact_inside_a_question_is_added_and_the_question_still_answered(
    gateway: FakeGateway,
):
    message = told("а где мой заказ 45873921? его уже неделю везут", order_number="45873921")
    done, replies = await run(gateway, message)
    assert gateway.customer_facts[0]["customer"] == {"order_number": "45873921"}
    assert replies == [FACTS_ADDED] and not done


async def test_nothing_is_sent_without_a_filed_case_or_a_fact(gateway: FakeGateway):
    assert await run(gateway, told("x@y.ru", email="x@y.ru"), ticket=None) == (False, [])
    assert await run(gateway, told("спасибо")) == (False, [])
    assert await run(gateway, told("Катя", customer_name="Катя")) == (False, [])
    assert gateway.customer_facts == []


async def test_a_case_already_closed_leaves_the_message_to_the_search(gateway: FakeGateway):
    gateway.status = 404
    assert await run(gateway, told("x@y.ru", email="x@y.ru")) == (False, [])
