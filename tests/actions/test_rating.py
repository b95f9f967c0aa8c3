"""After a closed case: the rating question, and the answer stored with the gateway."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_rating import ActionAskRating
from actions.gateway_client import GatewayClient
from actions.store_rating import ActionStoreRating, rating_in
from tests.actions.conftest import TOKEN, FakeGateway, followup, slot, tracker, user


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ('/rate{"rating": "4"}', "4", 4),
        ("5", None, 5),
        ("ставлю пятёрку", None, 5),
        ("4 из 5", None, 4),
        ("i'd give it a three", None, 3),
        ("1 звезда", None, 1),
        ("10 из 10", None, None),
        ("спасибо", None, None),
    ],
)
def test_ratings_as_customers_give_them(text: str, entity: str | None, expected: int | None):
    assert rating_in(text, entity) == expected


async def test_the_rating_is_asked_with_buttons_after_a_close():
    dispatcher = CollectingDispatcher()
    events = await ActionAskRating().run(dispatcher, tracker([]), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_rating"
    assert slot(events, "rating_requested") is True


class ArticleAnswer:
    """Stands in for the help-article answer: says one article."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_kb_answer")
        return [SlotSet("kb_last_article", "order-status-ru")]


async def rate(client: GatewayClient, text: str, entity: str | None = None, requested=True):
    dispatcher = CollectingDispatcher()
    entities = [{"entity": "rating", "value": entity}] if entity else []
    state = tracker([user(text, "rate")], {"rating_requested": requested}, entities=entities)
    events = await ActionStoreRating(client).run(dispatcher, state, {})
    return [m.get("response") for m in dispatcher.messages], events


async def test_a_button_rating_is_stored_and_thanked(gateway: FakeGateway):
    replies, events = await rate(await gateway.start(), '/rate{"rating": "5"}', "5")
    assert gateway.ratings == [{"conversation": "w-0123456789abcdef0123456789abcdef", "rating": 5}]
    assert gateway.authorizations == [f"Bearer {TOKEN}"]
    assert replies == ["utter_rating_thanks_high"]
    assert slot(events, "rating_requested") is False


async def test_a_low_typed_rating_is_thanked_honestly(gateway: FakeGateway):
    replies, _ = await rate(await gateway.start(), "ну на двойку")
    assert gateway.ratings[0]["rating"] == 2
    assert replies == ["utter_rating_thanks_low"]


async def test_the_customer_is_thanked_even_if_the_gateway_fails():
    replies, _ = await rate(GatewayClient("http://127.0.0.1:9", TOKEN, timeout_seconds=1), "4")
    assert replies == ["utter_rating_thanks_high"]


async def test_unclear_answer_is_asked_again(gateway: FakeGateway):
    replies, events = await rate(await gateway.start(), "ну такое")
    assert replies == ["utter_rating_unclear"] and events == [] and gateway.ratings == []


async def test_a_number_nobody_asked_for_is_answered_by_the_knowledge_action(
    gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("actions.store_rating.ActionAnswerFromKnowledge", ArticleAnswer)
    replies, events = await rate(await gateway.start(), "2", requested=False)
    assert replies == ["utter_kb_answer"] and slot(events, "kb_last_article") == "order-status-ru"
    assert followup(events) is None and gateway.ratings == []
