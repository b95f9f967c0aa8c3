"""An exception in an action becomes a polite reply and no events, in every action we have."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.utils import all_subclasses

import actions
from actions.safe import FAILED_RESPONSE, SafeAction
from tests.actions.conftest import tracker, user


class ActionBroken(SafeAction):
    def name(self) -> str:
        return "action_broken_for_test"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="half of an answer")
        raise KeyError("customer phone +79991234567")


async def test_a_failing_action_says_sorry_and_returns_no_events(caplog):
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.ERROR):
        events = await ActionBroken().run(dispatcher, tracker([user("hi", "greet")]), {})
    assert events == []
    assert [m.get("response") for m in dispatcher.messages] == [None, FAILED_RESPONSE]
    [record] = caplog.records
    assert record.getMessage().startswith("action.failed action=action_broken_for_test")
    assert "KeyError" in record.getMessage() and "w-0123" not in record.getMessage()


async def test_the_executor_answers_instead_of_failing():
    executor = ActionExecutor()
    executor.register_action(ActionBroken)
    request = {
        "next_action": "action_broken_for_test",
        "sender_id": "w-1",
        "tracker": {"sender_id": "w-1", "slots": {}, "latest_message": {}, "events": []},
        "domain": {},
        "version": "3.6.2",
    }
    answer = await executor.run(request)
    assert answer["events"] == []
    assert answer["responses"][-1]["response"] == FAILED_RESPONSE


def test_every_action_of_the_project_is_guarded_and_the_base_is_not_registered():
    for module in pkgutil.iter_modules(actions.__path__):
        if module.name != "__main__":  # the server's entry point, not an action
            importlib.import_module(f"actions.{module.name}")
    ours = [a for a in all_subclasses(Action) if a.__module__.startswith("actions.")]
    assert len(ours) >= 10
    for action in ours:
        assert issubclass(action, SafeAction), action
        assert action is SafeAction or getattr(action.run, "safe", False), action
    assert inspect.isabstract(SafeAction), "rasa-sdk skips abstract classes"
