"""DIET's intent scores through numpy are DIET's own: the same for every test example of every
intent, and any DIET or message the numpy path does not cover gets Rasa's path, results and
errors."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import numpy as np
import pytest
import scipy.sparse

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 on SQLAlchemy 1.4 warns about 2.0 at import
    import tensorflow as tf
    from rasa.core.agent import Agent
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message
    from rasa.utils.tensorflow.constants import ENTITY_RECOGNITION, SENTENCE
    from rasa.utils.tensorflow.layers import RandomlyConnectedDense
    from rasa.utils.tensorflow.rasa_layers import RasaSequenceLayer

from bot.common.build.intent_files import load_content, plain_text
from bot.common.settings import PROJECT_ROOT
from bot.rasa_server.patches import diet_intents

EDGE_CASES = ["?!", "12345", "ыыыы", "Привет! Где мой заказ 12345?", "a" * 300]


@pytest.fixture(scope="module")
def agent(trained_model) -> Agent:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Agent.load(str(trained_model.path))


@pytest.fixture
def diet(agent: Agent) -> DIETClassifier:
    nodes = agent.processor.graph_runner._instantiated_nodes
    return next(node._component for name, node in nodes.items() if "DIETClassifier" in name)


def messages_to_compare() -> list[str]:
    content = load_content(PROJECT_ROOT / "intents")
    examples = [
        plain_text(example)
        for intent in content.intents
        for examples in intent.test_examples.values()
        for example in examples
    ]
    return examples + EDGE_CASES


async def test_every_test_example_scores_as_in_rasa(
    agent: Agent, diet: DIETClassifier, monkeypatch: pytest.MonkeyPatch
):
    compared: list[tuple[np.ndarray, np.ndarray]] = []
    original = diet_intents.RASA_PREDICT
    rasa_calls = []

    def counting(classifier: DIETClassifier, message: Message) -> Any:
        rasa_calls.append(message)
        return original(classifier, message)

    def both(classifier: DIETClassifier, message: Message) -> Any:
        rasas = original(classifier, message)
        ours = diet_intents.predict(classifier, message)
        compared.append((rasas["i_scores"].reshape(-1), ours["i_scores"].reshape(-1)))
        return rasas

    monkeypatch.setattr(diet_intents, "RASA_PREDICT", counting)
    monkeypatch.setattr(DIETClassifier, "_predict", both)
    messages = messages_to_compare()
    for text in messages:
        await agent.parse_message(text)
    assert not rasa_calls  # every message went through numpy
    assert len(compared) == len(messages) > 200
    for rasas, ours in compared:
        assert ours.shape == rasas.shape == (len(diet.index_label_id_mapping),)
        np.testing.assert_allclose(ours, rasas, atol=1e-5)
        assert ours.argmax() == rasas.argmax()


async def test_the_parse_is_rasas(agent: Agent, monkeypatch: pytest.MonkeyPatch):
    texts = messages_to_compare()[::7]
    monkeypatch.setattr(DIETClassifier, "_predict", diet_intents.RASA_PREDICT)
    rasas = [await agent.parse_message(text) for text in texts]
    monkeypatch.setattr(DIETClassifier, "_predict", diet_intents.predict)
    ours = [await agent.parse_message(text) for text in texts]
    for mine, theirs in zip(ours, rasas, strict=True):
        assert mine["intent"]["name"] == theirs["intent"]["name"]
        assert [r["name"] for r in mine["intent_ranking"]] == [
            r["name"] for r in theirs["intent_ranking"]
        ]
        assert mine["intent"]["confidence"] == pytest.approx(
            theirs["intent"]["confidence"], abs=1e-5
        )


async def test_a_message_diet_cannot_take_fails_with_rasas_own_error(
    agent: Agent, monkeypatch: pytest.MonkeyPatch
):
    errors = []
    for predict in (diet_intents.RASA_PREDICT, diet_intents.predict):
        monkeypatch.setattr(DIETClassifier, "_predict", predict)
        with pytest.raises(Exception) as error:
            await agent.parse_message("")  # no sentence vector: not DIET's input
        errors.append((type(error.value), str(error.value)))
    assert errors[0] == errors[1]


def sentence_message(diet: DIETClassifier, dense_units: int) -> Message:
    """A message with a sentence vector of `dense_units` and one sparse count."""
    message = Message({TEXT: "x"})
    sparse_units = next(s.units for s in diet.model.data_signature[TEXT][SENTENCE] if s.is_sparse)
    counts = scipy.sparse.coo_matrix(([1.0], ([0], [3])), shape=(1, sparse_units))
    message.add_features(Features(counts, SENTENCE, TEXT, "counts"))
    vector = np.ones((1, dense_units), dtype=np.float32)
    message.add_features(Features(vector, SENTENCE, TEXT, "sentence_vector"))
    return message


def test_features_of_another_size_go_to_rasa(diet: DIETClassifier):
    path = diet_intents.intent_path(diet)
    assert path is not None
    dense_units = next(
        s.units for s in diet.model.data_signature[TEXT][SENTENCE] if not s.is_sparse
    )
    assert path.scores(sentence_message(diet, dense_units), []) is not None
    assert path.scores(sentence_message(diet, dense_units + 1), []) is None
    assert path.scores(Message({TEXT: "no features"}), []) is None
    sparse_only = dataclasses.replace(path, inputs=tuple(i for i in path.inputs if i[0]))
    assert sparse_only.scores(sentence_message(diet, dense_units), []) is None  # unseen dense


def test_a_diet_with_transformer_layers_or_entities_is_not_covered(
    diet: DIETClassifier, monkeypatch: pytest.MonkeyPatch
):
    sequence_layer = diet.model._tf_layers[f"sequence_layer.{TEXT}"]
    assert isinstance(sequence_layer, RasaSequenceLayer)
    with monkeypatch.context() as patch:
        patch.setattr(sequence_layer, "_has_transformer", True)
        patch.delitem(diet.__dict__, diet_intents.PATH_KEY, raising=False)
        assert diet_intents.intent_path(diet) is None
    with monkeypatch.context() as patch:
        patch.setitem(diet.component_config, ENTITY_RECOGNITION, True)
        patch.delitem(diet.__dict__, diet_intents.PATH_KEY, raising=False)
        assert diet_intents.intent_path(diet) is None
    diet.__dict__.pop(diet_intents.PATH_KEY, None)
    assert diet_intents.intent_path(diet) is not None


def test_diagnostic_data_is_left_to_rasa(diet: DIETClassifier, monkeypatch: pytest.MonkeyPatch):
    calls = []
    monkeypatch.setattr(diet_intents, "RASA_PREDICT", lambda *args: calls.append(args))
    monkeypatch.setattr(diet._execution_context, "should_add_diagnostic_data", True)
    diet_intents.predict(diet, Message({TEXT: "x"}))
    assert len(calls) == 1


@pytest.mark.parametrize("density", [1.0, 0.4])
def test_a_hidden_layer_computes_as_in_tensorflow(density: float):
    tf.random.set_seed(7)
    layer = RandomlyConnectedDense(units=16, density=density, activation=tf.nn.gelu)
    x = np.random.default_rng(3).normal(size=(2, 24)).astype(np.float32)
    expected = layer(x).numpy()
    np.testing.assert_allclose(diet_intents.Layer.of(layer)(x), expected, atol=1e-5)


def test_an_activation_other_than_gelu_is_not_covered():
    layer = tf.keras.layers.Dense(4, activation="relu")
    layer.build((None, 3))
    with pytest.raises(diet_intents.NotEligible):
        diet_intents.Layer.of(layer)
