"""A restart of each process in the middle of a handoff loses nothing: the action server and then
the Rasa server are killed (SIGKILL) while the bot's form is collecting the case; the supervisor
brings each back, the customer goes on answering, and the case reaches the gateway complete.
(The gateway's own restart mid-handoff: tests/gateway/test_restart.py and the widget's browser
test.)

Its own stack: killing processes of the session's shared stack would count as restarts there."""

from __future__ import annotations

import os
import secrets
import signal
import time
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import create_engine, select

from bot.common.build.training import TrainedModel
from bot.gateway.store.schema import handoffs, messages
from tests.conftest import RunningStack, loopback_settings, supervised
from tests.e2e.test_handoff_gateway import ANSWERS, requested_slot, say

BACK_UP_SECONDS = 300


@pytest.fixture(scope="module")
def own_stack(trained_model: TrainedModel, tmp_path_factory) -> Iterator[RunningStack]:
    settings = loopback_settings(tmp_path_factory.mktemp("restarts"))
    with supervised(settings, trained_model.path) as running:
        yield running


def kill_and_wait_back(stack: RunningStack, name: str, health_url: str) -> None:
    supervisor = stack.supervisor
    before = supervisor.restarts(name)
    pid = supervisor.pid(name)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + BACK_UP_SECONDS
    while time.monotonic() < deadline:
        if supervisor.restarts(name) > before and supervisor.is_running(name):
            try:
                if requests.get(health_url, timeout=2).ok:
                    return
            except requests.RequestException:
                pass
        time.sleep(1)
    raise AssertionError(f"the {name} did not come back within {BACK_UP_SECONDS} s")


def answer_next(stack: RunningStack, conversation: str) -> str | None:
    slot = requested_slot(stack, conversation)
    if slot is not None:
        say(stack, conversation, ANSWERS[slot])
    return slot


def test_killing_the_action_server_and_rasa_mid_form_loses_nothing(own_stack: RunningStack):
    settings = own_stack.settings
    conversation = "w-" + secrets.token_hex(16)
    say(own_stack, conversation, "хочу поговорить с оператором")
    assert answer_next(own_stack, conversation) == "customer_name"

    kill_and_wait_back(own_stack, "action server", f"{settings.actions_url}/health")
    assert answer_next(own_stack, conversation) == "handoff_contact"

    kill_and_wait_back(own_stack, "Rasa server", f"{settings.rasa_url}/status")
    answered = [answer_next(own_stack, conversation) for _ in range(len(ANSWERS))]
    assert "handoff_problem" in answered, answered
    assert requested_slot(own_stack, conversation) is None, "the form finished"

    engine = create_engine(f"sqlite:///{settings.data_dir / 'gateway.db'}")
    with engine.connect() as connection:
        case = connection.execute(
            select(handoffs.c.case_json, handoffs.c.state).where(
                handoffs.c.conversation == conversation
            )
        ).one()
        said = connection.execute(
            select(messages.c.text).where(
                messages.c.conversation == conversation, messages.c.author == "customer"
            )
        ).scalars()
        customer_texts = list(said)
    assert case.state in ("waiting", "ticket")
    assert "Анна" in case.case_json and "anna.test@example.com" in case.case_json
    assert ANSWERS["handoff_problem"] in case.case_json
    assert customer_texts[:3] == ["хочу поговорить с оператором", "Анна", "anna.test@example.com"]
    assert own_stack.supervisor.restarts("action server") == 1
    assert own_stack.supervisor.restarts("Rasa server") == 1
