"""Checking each event of an action reply against its own type's schema gives Rasa's verdict."""

from __future__ import annotations

import copy
import warnings
from datetime import datetime

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core import events as rasa_events

from bot.rasa_server.patches import action_reply_schema
from bot.rasa_server.patches.action_reply_schema import reply_is_valid


def full_schema_verdict(reply: object) -> bool:
    """What `jsonschema.validate` says with Rasa's whole schema, as Rasa checks a reply."""
    schema = RemoteAction.action_response_format_spec()
    return validators.validator_for(schema)(schema).is_valid(reply)


EVENTS = [
    rasa_events.UserUttered("где заказ", {"name": "order_status", "confidence": 0.9}, []),
    rasa_events.ActionExecuted("action_listen"),
    rasa_events.SlotSet("customer_name", "Анна"),
    rasa_events.BotUttered("Здравствуйте", {"buttons": [{"title": "Да", "payload": "/affirm"}]}),
    rasa_events.SessionStarted(),
    rasa_events.FollowupAction("action_x"),
    rasa_events.ActiveLoop("handoff_form"),
    rasa_events.ActiveLoop(None),
    rasa_events.Restarted(),
    rasa_events.AllSlotsReset(),
    rasa_events.ReminderScheduled("remind", trigger_date_time=datetime.now()),
    rasa_events.ReminderCancelled(name="remind"),
    rasa_events.ActionReverted(),
    rasa_events.UserUtteranceReverted(),
    rasa_events.StoryExported(),
    rasa_events.ConversationPaused(),
    rasa_events.ConversationResumed(),
    rasa_events.AgentUttered("agent text"),
    rasa_events.LoopInterrupted(True),
    rasa_events.ActionExecutionRejected("action_x"),
    rasa_events.EntitiesAdded([{"entity": "order_id", "value": "123"}]),
    rasa_events.DefinePrevUserUtteredFeaturization(False),
]
CORRUPTIONS = [
    ("event", 5),
    ("event", "no_such_event"),
    ("timestamp", "yesterday"),
    ("metadata", "x"),
    ("name", 7),
    ("value", object),
    ("text", 12),
    ("parse_data", "x"),
    ("entities", "x"),
    ("is_interrupted", "yes"),
    ("timestamp", None),
    ("timestamp", True),
    ("timestamp", 17),
    ("metadata", None),
    ("metadata", ["x"]),
    ("metadata", False),
    ("name", None),
    ("value", None),
    ("value", [1, {"a": None}]),
]
SLOT_EVENTS = [
    {"event": "slot", "name": "x", "value": 1},
    {"event": "slot", "name": "x"},
    {"event": "slot", "value": 1},
    {"event": "slot", "name": "x", "value": None, "timestamp": 1.5, "metadata": {}, "extra": 1},
    {"event": "slot", "name": "", "value": "", "timestamp": 0},
]


def replies() -> list[object]:
    valid = [event.as_dict() for event in EVENTS]
    corrupted = []
    for event in valid:
        for key, value in CORRUPTIONS:
            if key in event or key == "event":
                broken = copy.deepcopy(event)
                broken[key] = value if value is not object else {"nested": object.__name__}
                corrupted.append(broken)
        without_type = copy.deepcopy(event)
        del without_type["event"]
        corrupted.append(without_type)
    bodies = [{"events": [event], "responses": []} for event in valid + corrupted + SLOT_EVENTS]
    bodies += [
        {"events": valid, "responses": [{"text": "ok"}]},
        {"events": valid + corrupted[:1]},
        {},
        {"events": []},
        {"events": None},
        {"events": "slot"},
        {"events": [5]},
        {"responses": "text"},
        {"responses": [5]},
        [],
        "reply",
    ]
    return bodies


def test_the_events_in_the_list_are_every_type_rasas_schema_knows():
    known = RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]
    types = {one["properties"]["event"]["const"] for one in known}
    assert {event.as_dict()["event"] for event in EVENTS} >= types - {"form", "form_validation"}


@pytest.mark.parametrize("reply", replies())
def test_the_same_verdict_as_the_full_schema(reply):
    assert reply_is_valid(reply) == full_schema_verdict(reply)


def test_valid_and_invalid_replies_are_both_in_the_corpus():
    verdicts = {full_schema_verdict(reply) for reply in replies()}
    assert verdicts == {True, False}


def test_a_different_rasa_schema_sends_every_reply_to_rasas_own_check(
    monkeypatch: pytest.MonkeyPatch,
):
    schema = RemoteAction.action_response_format_spec()
    schema["properties"]["responses"]["maxItems"] = 3
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: schema))
    action_reply_schema._validators.cache_clear()
    try:
        assert not reply_is_valid({"events": [], "responses": []})
    finally:
        monkeypatch.undo()
        action_reply_schema._validators.cache_clear()
    assert reply_is_valid({"events": [], "responses": []})
