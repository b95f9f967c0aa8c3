"""A conversation's dialogue states, kept between two looks at the same tracker, are Rasa's own,
and a changed tracker is replayed anew."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

from bot.common.settings import PROJECT_ROOT
from bot.rasa_server.patches import states_cache
from bot.rasa_server.patches.registry import install, select


@pytest.fixture(scope="module")
def domain() -> Domain:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(Path(PROJECT_ROOT) / "domain.yml")


def conversation(domain: Domain) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("привет", {"name": "greet", "confidence": 0.9}),
        ActionExecuted("action_respond_by_name"),
        ActionExecuted("action_listen"),
        UserUttered("где мой заказ 12345", {"name": "order_status", "confidence": 0.8}),
        SlotSet("language", "ru"),
    ]
    return DialogueStateTracker.from_events("c1", events, domain.slots)


OPTIONS = [
    {},
    {"ignore_rule_only_turns": True, "rule_only_data": {"slots": ["language"], "loops": []}},
    {"omit_unset_slots": True},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_states_are_rasas_and_each_caller_gets_its_own_copy(domain: Domain, options: dict):
    tracker = conversation(domain)
    expected = states_cache.RASA_PAST_STATES(tracker, domain, **options)
    first = states_cache.past_states(tracker, domain, **options)
    assert first == expected
    first[-1].get("user", {}).clear()  # the featurizer edits states in place
    first.append({})
    assert states_cache.past_states(tracker, domain, **options) == expected


def test_the_second_look_is_not_replayed_and_a_change_is(
    domain: Domain, monkeypatch: pytest.MonkeyPatch
):
    calls = []
    rasas = states_cache.RASA_PAST_STATES

    def counted(*args, **kwargs):
        calls.append(1)
        return rasas(*args, **kwargs)

    monkeypatch.setattr(states_cache, "RASA_PAST_STATES", counted)
    monkeypatch.setattr(states_cache, "_last_states", states_cache.LastStates())
    tracker = conversation(domain)
    states_cache.past_states(tracker, domain)
    states_cache.past_states(tracker, domain)
    assert len(calls) == 1
    states_cache.past_states(tracker, domain, ignore_rule_only_turns=True)
    assert len(calls) == 2  # other options: computed
    for _ in range(2):  # RulePolicy passes an equal, newly built rule_only_data on every call
        rule_only = {"slots": ["language"], "loops": []}
        states_cache.past_states(tracker, domain, rule_only_data=rule_only)
    assert len(calls) == 3
    states_cache.past_states(tracker, domain, rule_only_data={"slots": [], "loops": []})
    assert len(calls) == 4  # different rule-only data: computed
    tracker.update(ActionExecuted("action_answer_from_knowledge"))
    after = states_cache.past_states(tracker, domain)
    assert len(calls) == 5 and after == rasas(tracker, domain)  # new event: replayed
    twin = conversation(domain)
    states_cache.past_states(twin, domain)
    assert len(calls) == 6  # another tracker with the same events: computed


def test_install_routes_trackers_through_the_cache(domain: Domain):
    assert DialogueStateTracker.past_states is states_cache.RASA_PAST_STATES
    install(select("states_cache"))
    tracker = conversation(domain)
    assert tracker.past_states(domain) == states_cache.RASA_PAST_STATES(tracker, domain)
    assert DialogueStateTracker.past_states is states_cache.past_states
