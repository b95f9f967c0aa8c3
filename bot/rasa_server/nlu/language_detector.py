"""Marks each message as Russian or English with a `language` entity.

The `language` slot fills from this entity, and every response has a variation per language
chosen by that slot. A message with no letters of either alphabet (an order number, "ok", emoji)
sets nothing, so the conversation keeps the language it had.
"""

from __future__ import annotations

from typing import Any, Literal

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

Language = Literal["ru", "en"]
ENTITY_NAME = "language"
# Words that carry no language signal on their own.
NEUTRAL_WORDS = frozenset({"ok", "okay", "ок", "хм", "hm", "hmm"})


def detect_language(text: str) -> Language | None:
    """Count words written in Cyrillic against words in Latin; None when there are none.

    Words, not letters: Russian customers write brand names in Latin ("не работает LightMarket").
    A tie goes to Russian, the first language.
    """
    cyrillic = latin = 0
    for word in text.lower().split():
        if word.strip(".,!?") in NEUTRAL_WORDS:
            continue
        if any("а" <= c <= "я" or c == "ё" for c in word):
            cyrillic += 1
        elif any("a" <= c <= "z" for c in word):
            latin += 1
    if cyrillic == latin == 0:
        return None
    return "ru" if cyrillic >= latin else "en"


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
