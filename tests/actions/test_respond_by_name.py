"""Greetings and thanks by name; one that also asks for a person starts the handoff."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.respond_by_name import ActionRespondByName
from tests.actions.conftest import followup, slot, tracker, user

DOMAIN = {"responses": {"utter_thanks": [], "utter_thanks_named": []}}


async def respond(text: str, slots: dict | None = None):
    dispatcher = CollectingDispatcher()
    events = await ActionRespondByName().run(
        dispatcher, tracker([user(text, "thanks")], slots), DOMAIN
    )
    return [m.get("response") for m in dispatcher.messages], events


async def test_thanks_by_name_when_the_name_is_known():
    replies, events = await respond("спасибо!", {"customer_name": "Нина"})
    assert replies == ["utter_thanks_named"]
    assert events == []
    replies, _ = await respond("спасибо!")
    assert replies == ["utter_thanks"]


async def test_thanks_that_also_asks_for_a_person_starts_the_handoff():
    replies, events = await respond("спасибо, но всё-таки соедините с человеком")
    assert replies == []
    assert slot(events, "handoff_reason") == "requested"
    assert followup(events) == "action_handoff_start"
