"""The base of the actions that use a client: the one passed in, else the process's own, made
only when the action first needs it."""

from __future__ import annotations

import inspect

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge
from actions.client_action import ClientAction, GatewayAction
from actions.handoff_submit import ActionHandoffSubmit
from actions.safe import FAILED_RESPONSE
from actions.store_rating import ActionStoreRating
from tests.actions.conftest import tracker, user


class ActionCounting(ClientAction[list]):
    made = 0

    def name(self) -> str:
        return "action_counting_for_test"

    def shared_client(self) -> list:
        type(self).made += 1
        return ["shared"]

    async def run(self, dispatcher, tracker, domain):
        self.client.append("used")
        if tracker.latest_message.get("text") == "fail":
            raise RuntimeError("the client broke")
        return []


def test_a_given_client_is_used_even_when_it_is_falsy():
    ActionCounting.made = 0
    given: list = []
    action = ActionCounting(given)
    assert action.client is given
    assert ActionCounting.made == 0


def test_the_shared_client_is_made_on_use_not_on_construction():
    ActionCounting.made = 0
    action = ActionCounting()
    assert ActionCounting.made == 0
    assert action.client == ["shared"]
    assert ActionCounting.made == 1


async def test_a_client_action_is_still_guarded():
    dispatcher = CollectingDispatcher()
    events = await ActionCounting([]).run(dispatcher, tracker([user("fail", "greet")]), {})
    assert events == []
    assert dispatcher.messages[-1]["response"] == FAILED_RESPONSE


@pytest.mark.parametrize("base", [ClientAction, GatewayAction])
def test_the_bases_are_abstract_so_rasa_sdk_does_not_register_them(base):
    assert inspect.isabstract(base)


def test_the_actions_that_use_a_client_share_the_base():
    assert issubclass(ActionHandoffSubmit, GatewayAction)
    assert issubclass(ActionStoreRating, GatewayAction)
    assert issubclass(ActionAnswerFromKnowledge, ClientAction)
    for action in (ActionHandoffSubmit, ActionStoreRating, ActionAnswerFromKnowledge):
        assert "__init__" not in vars(action) and "client" not in vars(action)
