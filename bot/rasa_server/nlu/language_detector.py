"""Marks each message as Russian or English with a `language` entity.

The `language` slot fills from this entity, and every response has a variation per language
chosen by that slot. A message that says nothing about its language (an order number, "ok", an
email address, emoji) sets nothing, so the conversation keeps the language it had. The rules are
those of the project's one language guesser, retrieval/language.py.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from retrieval.language import detect_language, prepare

ENTITY_NAME = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds the detected language as an entity so that a slot mapping can pick it up."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        prepare()  # its dictionaries load with the model, not on the first Latin message
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            language = detect_language(message.get(TEXT) or "")
            if language is None:
                continue
            entity = {
                "entity": ENTITY_NAME,
                "value": language,
                "start": 0,
                "end": 0,
                "confidence": 1.0,
                "extractor": type(self).__name__,
            }
            message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
