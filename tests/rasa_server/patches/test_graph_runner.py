"""The Rasa server runs the model's graph without dask and gets exactly what Rasa's own code
gets: the same parse of every message, the same next action, the same errors."""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    from rasa.core.agent import Agent
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_server.patches.graph_runner import run_in_order

MESSAGES = [
    "Здравствуйте, меня зовут Анна",
    "где мой заказ 123456?",
    "I was charged twice for one order",
    "позовите оператора",
    "asdkjh qwe",
]


@pytest.fixture(scope="module")
def agent(trained_model) -> Agent:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Agent.load(str(trained_model.path))


async def parses_and_predictions(agent: Agent) -> list:
    results = []
    for text in MESSAGES:
        parsed = await agent.parse_message(text)
        tracker = DialogueStateTracker.from_events(
            "customer",
            [
                ActionExecuted("action_listen"),
                UserUttered(text, parsed["intent"], parsed["entities"], parsed),
            ],
            agent.domain.slots,
        )
        prediction = agent.processor._predict_next_with_tracker(tracker)
        best = prediction.max_confidence_index
        results.append((parsed, agent.domain.action_names_or_texts[best], prediction.probabilities))
    return results


async def test_same_parses_and_next_actions_as_rasas_own_code(
    agent: Agent, monkeypatch: pytest.MonkeyPatch
):
    rasas = await parses_and_predictions(agent)
    monkeypatch.setattr(DaskGraphRunner, "run", run_in_order)
    ours = await parses_and_predictions(agent)
    assert ours == rasas
    assert {parsed["intent"]["name"] for parsed, _, _ in ours} >= {"greet", "order_status"}
    assert {action for _, action, _ in ours} >= {"action_respond_unless_article"}  # greet's reply


def test_a_node_that_fails_fails_as_under_dask(agent: Agent, monkeypatch: pytest.MonkeyPatch):
    runner = agent.processor.graph_runner
    node = next(n for n in runner._instantiated_nodes if "IntentEnsemble" in n)

    def broken(*_: object) -> None:
        raise RuntimeError("ensemble failed")

    monkeypatch.setitem(runner._instantiated_nodes, node, broken)
    targets = [agent.processor.model_metadata.nlu_target]
    errors = []
    for run in (DaskGraphRunner.run, run_in_order):
        with pytest.raises(GraphRunError) as error:
            run(runner, {"__message__": []}, targets)
        errors.append((str(error.value), str(error.value.__cause__)))
    assert errors[0] == errors[1] == ("Error running runner.", "ensemble failed")


def test_an_input_named_like_a_node_is_refused_as_under_dask(agent: Agent):
    runner = agent.processor.graph_runner
    node = agent.processor.model_metadata.nlu_target
    for run in (DaskGraphRunner.run, run_in_order):
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            run(runner, {"__message__": node}, [node])
