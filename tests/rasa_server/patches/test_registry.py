"""The Rasa server's launcher: action replies are validated as Rasa validates them, with the
JSON schema checked once instead of on every call."""

from __future__ import annotations

import logging
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

from bot.rasa_server.patches import (
    action_calls,
    action_reply_schema,
    diet_intents,
    endpoint_sessions,
    event_types,
    registry,
    slot_copy,
    states_cache,
)
from bot.rasa_server.patches.registry import NAMES, PatchError, install, select, uninstall
from bot.rasa_server.patches.sparse_features import RASA_COMBINE_SPARSE, combine_sparse_features

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
    assert action_calls.validate_action_reply(action, GOOD_REPLY) is True
    assert action_calls.RASA_VALIDATE(action, GOOD_REPLY) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_a_bad_reply_fails_with_rasas_own_error(action: RemoteAction, reply: dict):
    with pytest.raises(ValidationError) as ours:
        action_calls.validate_action_reply(action, reply)
    with pytest.raises(ValidationError) as rasas:
        action_calls.RASA_VALIDATE(action, reply)
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
        assert action_calls.validate_action_reply(action, GOOD_REPLY)
    assert len(checks) <= 1  # good replies never pay for checking the schema again


RASAS_OWN = {
    (RemoteAction, "_validate_action_result"): action_calls.RASA_VALIDATE,
    (RemoteAction, "_action_call_format"): action_calls.RASA_CALL_FORMAT,
    (Features, "_combine_sparse_features"): RASA_COMBINE_SPARSE,
    (DialogueStateTracker, "past_states"): states_cache.RASA_PAST_STATES,
    (DIETClassifier, "_predict"): diet_intents.RASA_PREDICT,
    (rasa.core.run, "close_resources"): endpoint_sessions.rasa_close_resources(),
}


def test_install_replaces_every_target_and_uninstall_gives_rasas_own_back():
    assert install(select("all")) == list(NAMES)
    assert RemoteAction._validate_action_result is action_calls.validate_action_reply
    assert RemoteAction._action_call_format is action_calls.action_call_format
    assert Event.resolve_by_type is event_types.resolve_event_type
    assert Features._combine_sparse_features is combine_sparse_features
    assert DialogueStateTracker.past_states is states_cache.past_states
    assert Slot.__copy__ is slot_copy.copy_slot
    assert DIETClassifier._predict is diet_intents.predict
    assert rasa.core.run.close_resources is endpoint_sessions.close_resources
    uninstall()
    for (owner, attribute), original in RASAS_OWN.items():
        assert getattr(owner, attribute) is original, attribute
    assert Event.resolve_by_type is event_types.RASA_RESOLVE
    assert "__copy__" not in Slot.__dict__


def test_the_switch_chooses_patches_by_name_and_refuses_unknown_ones():
    assert select("none") == () and select("") == ()
    assert [p.name for p in select("all")] == list(NAMES)
    assert [p.name for p in select(" slot_copy , graph_runner ")] == ["graph_runner", "slot_copy"]
    with pytest.raises(PatchError, match=r"unknown patch no_such.*known: all, none, graph_runner"):
        select("slot_copy,no_such")
    assert install(select("slot_copy")) == ["slot_copy"]
    assert Slot.__copy__ is slot_copy.copy_slot
    assert DIETClassifier._predict is diet_intents.RASA_PREDICT  # not chosen: Rasa's own


def test_another_rasa_version_runs_stock_rasa(monkeypatch, caplog):
    monkeypatch.setattr(registry, "rasa_version", lambda: "3.7.0")
    with caplog.at_level(logging.WARNING, logger="rasa_server.patches"):
        assert install(select("all")) == []
    assert "rasa_server.patches.refused rasa=3.7.0 written_for=3.6.21" in caplog.text
    for (owner, attribute), original in RASAS_OWN.items():
        assert getattr(owner, attribute) is original, attribute


def test_the_pinned_rasa_is_the_one_the_patches_were_written_for():
    assert registry.rasa_version() == registry.WRITTEN_FOR


def test_every_event_type_resolves_to_rasas_own_class():
    for event_class in all_subclasses(Event):
        name = event_class.type_name
        assert event_types.resolve_event_type(name) is event_types.RASA_RESOLVE(name)


def test_unknown_event_types_are_handled_as_rasa_handles_them():
    assert event_types.resolve_event_type("topic") is None
    assert event_types.resolve_event_type("no such event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no such event'"):
        event_types.resolve_event_type("no such event")


def test_stored_events_read_back_the_same_with_the_table():
    stored = [
        UserUttered("где мой заказ", {"name": "order_status", "confidence": 0.9}).as_dict(),
        ActionExecuted("action_answer_from_knowledge").as_dict(),
        SlotSet("kb_question", "где мой заказ").as_dict(),
        SessionStarted().as_dict(),
    ]
    by_rasa = deserialise_events(stored)
    install(select("event_types"))
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
    rasas = action_calls.RASA_CALL_FORMAT(action, tracker, domain)
    ours = action_calls.action_call_format(action, tracker, domain)
    assert ours["domain"]["responses"] == {"utter_greet": [], "utter_greet_named": []}
    assert {k: v for k, v in ours["domain"].items() if k != "responses"} == {
        k: v for k, v in rasas["domain"].items() if k != "responses"
    }
    assert {k: v for k, v in ours.items() if k != "domain"} == {
        k: v for k, v in rasas.items() if k != "domain"
    }
    assert rasas["domain"]["responses"]["utter_greet"] == [{"text": "Здравствуйте!"}]  # untouched
    assert action_calls.action_call_format(action, tracker, domain)["domain"] is ours["domain"]


def test_the_latest_messages_sentence_vector_goes_to_the_action_server_not_to_the_tracker():
    import numpy as np
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector, recent_vectors

    domain = Domain.from_dict({"intents": ["order_status"], "actions": ["action_x"]})
    action = RemoteAction("action_x", None)
    vector = np.arange(512, dtype=np.float32) / 512
    recent_vectors.remember("где мой заказ", KnownVector("usem3", "где мой заказ", vector))
    parse = {"text": "где мой заказ", "intent": {"name": "order_status", "confidence": 0.9}}
    question = UserUttered("где мой заказ", parse["intent"], [], parse)
    tracker = DialogueStateTracker.from_events(
        "customer", [ActionExecuted("action_listen"), question]
    )
    body = action_calls.action_call_format(action, tracker, domain)
    sent = KnownVector.from_json(body["tracker"]["latest_message"][KNOWN_VECTOR_KEY])
    assert sent is not None and sent.text == "где мой заказ" and np.array_equal(sent.vector, vector)
    assert KNOWN_VECTOR_KEY not in tracker.latest_message.parse_data  # the stored copy
    assert all(KNOWN_VECTOR_KEY not in str(e.as_dict()) for e in tracker.events)

    other = DialogueStateTracker.from_events(
        "other", [ActionExecuted("action_listen"), UserUttered("не помню пароль", parse["intent"])]
    )
    body = action_calls.action_call_format(action, other, domain)
    assert KNOWN_VECTOR_KEY not in body["tracker"]["latest_message"]
