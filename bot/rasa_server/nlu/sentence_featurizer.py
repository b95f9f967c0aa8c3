"""Dense sentence features from the same multilingual encoder that retrieval uses.

DIET gets character n-grams (typos, Russian morphology) from CountVectorsFeaturizer and meaning from
this featurizer, which is what lets an English-trained intent understand a Russian paraphrase.
The vector of each message it parses is remembered for the help-article search
(retrieval/known_vector.py), which then need not encode the same text again. It is remembered by
the text as typed, which is what the conversation records and the action call is looked up by; the
vector itself is of the text this featurizer read (after bot/rasa_server/nlu/message_normaliser.py),
and says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_server.nlu.message_normaliser import TYPED_TEXT
from retrieval.encoder import DEFAULT_ENCODER, Encoder, load_encoder
from retrieval.known_vector import KnownVector, recent_vectors

ENCODER_KEY = "encoder"
BATCH_SIZE = 256


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds one sentence-level feature vector per message text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), ENCODER_KEY: DEFAULT_ENCODER}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if not isinstance(config.get(ENCODER_KEY), str) or not config[ENCODER_KEY].strip():
            raise ValueError(
                f"'{ENCODER_KEY}' must name a sentence-transformers model or '{DEFAULT_ENCODER}', "
                f"got {config.get(ENCODER_KEY)!r}."
            )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(config, execution_context.node_name)

    def __init__(self, config: dict[str, Any], name: str, encoder: Encoder | None = None) -> None:
        super().__init__(name, config)
        self._encoder = encoder or load_encoder(config[ENCODER_KEY])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [m for m in training_data.training_examples if m.get(TEXT)]
        for start in range(0, len(examples), BATCH_SIZE):
            self._featurize(examples[start : start + BATCH_SIZE])
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        with_text = [m for m in messages if m.get(TEXT)]
        for message, vector in zip(with_text, self._featurize(with_text), strict=True):
            read = message.get(TEXT)
            known = KnownVector(self._encoder.name, read, np.asarray(vector, dtype=np.float32))
            recent_vectors.remember(typed_text(message), known)
        return messages

    def _featurize(self, messages: list[Message]) -> np.ndarray:
        if not messages:
            return np.zeros((0, self._encoder.dimension), dtype=np.float32)
        vectors = self._encoder.encode([m.get(TEXT) for m in messages])
        for message, vector in zip(messages, vectors, strict=True):
            self.add_features_to_message(
                sequence=None,
                sentence=np.expand_dims(vector, 0),
                attribute=TEXT,
                message=message,
            )
        return vectors


def typed_text(message: Message) -> str:
    """The message's text as the customer typed it, also once the normaliser replaced it."""
    typed = message.get(TYPED_TEXT)
    return typed if isinstance(typed, str) else str(message.get(TEXT))
