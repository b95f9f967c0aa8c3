"""The Rasa server's launcher: action replies are validated as Rasa validates them, with the
JSON schema checked once instead of on every call."""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    import rasa.core.run
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.core.events import (
        ActionExecuted,
        Event,
        SessionStarted,
        SlotSet,
        UserUttered,
        deserialise_events,
    )
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.utils.common import all_subclasses

from bot import action_reply_schema, diet_intents, rasa_server, slot_copy, states_cache
from bot.sparse_features import RASA_COMBINE_SPARSE, combine_sparse_features

GOOD_REPLY = {
    "events": [{"event": "slot", "name": "kb_question", "value": "где мой заказ"}],
    "responses": [{"text": "Нашёл статью", "buttons": [{"title": "Да", "payload": "/affirm"}]}],
}
BAD_REPLIES = [
    {"events": [{"name": "kb_question"}]},  # an event without its type
    {"events": "slot"},
    {"responses": [{"text": 42}], "events": [{"event": 7}]},
]


@pytest.fixture
def action() -> RemoteAction:
    return RemoteAction("action_answer_from_knowledge", None)


def test_a_good_reply_passes_both_ways(action: RemoteAction):
    assert rasa_server.validate_action_reply(action, GOOD_REPLY) is True
    assert rasa_server.RASA_VALIDATE(action, GOOD_REPLY) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_a_bad_reply_fails_with_rasas_own_error(action: RemoteAction, reply: dict):
    with pytest.raises(ValidationError) as ours:
        rasa_server.validate_action_reply(action, reply)
    with pytest.raises(ValidationError) as rasas:
        rasa_server.RASA_VALIDATE(action, reply)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_the_schema_is_checked_once(action: RemoteAction, monkeypatch: pytest.MonkeyPatch):
    checks = []
    validator_class = validators.validator_for(RemoteAction.action_response_format_spec())
    original = validator_class.check_schema.__func__
    monkeypatch.setattr(
        validator_class,
        "check_schema",
        classmethod(lambda cls, schema: checks.append(schema) or original(cls, schema)),
    )
    action_reply_schema._validators.cache_clear()
    for _ in range(5):
        assert rasa_server.validate_action_reply(action, GOOD_REPLY)
    assert len(checks) <= 1  # good replies never pay for checking the schema again


def test_install_replaces_rasas_check_and_lookup(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", rasa_server.RASA_VALIDATE)
    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(rasa_server.RASA_RESOLVE))
    monkeypatch.setattr(Features, "_combine_sparse_features", RASA_COMBINE_SPARSE)
    monkeypatch.setattr(DialogueStateTracker, "past_states", states_cache.RASA_PAST_STATES)
    monkeypatch.setattr(Slot, "__copy__", None, raising=False)  # removed again after the test
    monkeypatch.setattr(DIETClassifier, "_predict", diet_intents.RASA_PREDICT)
    monkeypatch.setattr(rasa.core.run, "close_resources", rasa_server.rasa_close_resources())
    rasa_server.install()
    assert RemoteAction._validate_action_result is rasa_server.validate_action_reply
    assert Event.resolve_by_type is rasa_server.resolve_event_type
    assert Features._combine_sparse_features is combine_sparse_features
    assert DialogueStateTracker.past_states is states_cache.past_states
    assert Slot.__copy__ is slot_copy.copy_slot
    assert DIETClassifier._predict is diet_intents.predict
    assert rasa.core.run.close_resources is rasa_server.close_resources


def test_every_event_type_resolves_to_rasas_own_class():
    for event_class in all_subclasses(Event):
        name = event_class.type_name
        assert rasa_server.resolve_event_type(name) is rasa_server.RASA_RESOLVE(name)


def test_unknown_event_types_are_handled_as_rasa_handles_them():
    assert rasa_server.resolve_event_type("topic") is None
    assert rasa_server.resolve_event_type("no such event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no such event'"):
        rasa_server.resolve_event_type("no such event")


def test_stored_events_read_back_the_same_with_the_table(monkeypatch: pytest.MonkeyPatch):
    stored = [
        UserUttered("где мой заказ", {"name": "order_status", "confidence": 0.9}).as_dict(),
        ActionExecuted("action_answer_from_knowledge").as_dict(),
        SlotSet("kb_question", "где мой заказ").as_dict(),
        SessionStarted().as_dict(),
    ]
    by_rasa = deserialise_events(stored)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", rasa_server.RASA_VALIDATE)
    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(rasa_server.RASA_RESOLVE))
    rasa_server.install()
    assert deserialise_events(stored) == by_rasa
    assert [type(e) for e in deserialise_events(stored)] == [type(e) for e in by_rasa]


def test_the_action_server_gets_response_names_and_everything_else_of_the_domain():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict(
        {
            "intents": ["greet"],
            "slots": {"customer_name": {"type": "text", "mappings": []}},
            "responses": {
                "utter_greet": [{"text": "Здравствуйте!"}],
                "utter_greet_named": [{"text": "Здравствуйте, {customer_name}!"}],
            },
            "actions": ["action_respond_by_name"],
        }
    )
    action = RemoteAction("action_respond_by_name", None)
    tracker = DialogueStateTracker("customer", domain.slots)
    rasas = rasa_server.RASA_CALL_FORMAT(action, tracker, domain)
    ours = rasa_server.action_call_format(action, tracker, domain)
    assert ours["domain"]["responses"] == {"utter_greet": [], "utter_greet_named": []}
    assert {k: v for k, v in ours["domain"].items() if k != "responses"} == {
        k: v for k, v in rasas["domain"].items() if k != "responses"
    }
    assert {k: v for k, v in ours.items() if k != "domain"} == {
        k: v for k, v in rasas.items() if k != "domain"
    }
    assert rasas["domain"]["responses"]["utter_greet"] == [{"text": "Здравствуйте!"}]  # untouched
    assert rasa_server.action_call_format(action, tracker, domain)["domain"] is ours["domain"]


def test_the_latest_messages_sentence_vector_goes_to_the_action_server_not_to_the_tracker():
    import numpy as np
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector, recent_vectors

    domain = Domain.from_dict({"intents": ["order_status"], "actions": ["action_x"]})
    action = RemoteAction("action_x", None)
    vector = np.arange(512, dtype=np.float32) / 512
    recent_vectors.remember("usem3", "где мой заказ", vector)
    parse = {"text": "где мой заказ", "intent": {"name": "order_status", "confidence": 0.9}}
    question = UserUttered("где мой заказ", parse["intent"], [], parse)
    tracker = DialogueStateTracker.from_events(
        "customer", [ActionExecuted("action_listen"), question]
    )
    body = rasa_server.action_call_format(action, tracker, domain)
    sent = KnownVector.from_json(body["tracker"]["latest_message"][KNOWN_VECTOR_KEY])
    assert sent is not None and sent.text == "где мой заказ" and np.array_equal(sent.vector, vector)
    assert KNOWN_VECTOR_KEY not in tracker.latest_message.parse_data  # the stored copy
    assert all(KNOWN_VECTOR_KEY not in str(e.as_dict()) for e in tracker.events)

    other = DialogueStateTracker.from_events(
        "other", [ActionExecuted("action_listen"), UserUttered("не помню пароль", parse["intent"])]
    )
    body = rasa_server.action_call_format(action, other, domain)
    assert KNOWN_VECTOR_KEY not in body["tracker"]["latest_message"]
