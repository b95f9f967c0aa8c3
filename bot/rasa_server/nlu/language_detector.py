"""Marks each message as Russian or English with a `language` entity.

The `language` slot fills from this entity, and every response has a variation per language
chosen by that slot. A message that says nothing about its language (an order number, "ok", an
email address, emoji) sets nothing, so the conversation keeps the language it had. The rules are
those of the project's one language guesser, retrieval/language.py.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.message_component import MessageComponent, add_entities
from retrieval.language import detect_language, prepare

ENTITY_NAME = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(MessageComponent):
    """Adds the detected language as an entity so that a slot mapping can pick it up."""

    @classmethod
    def prepare(cls) -> None:
        prepare()  # its dictionaries load with the model, not on the first Latin message

    def process_message(self, message: Message) -> None:
        language = detect_language(message.get(TEXT) or "")
        if language is not None:
            add_entities(message, type(self).__name__, [(ENTITY_NAME, language, 0, 0)])
