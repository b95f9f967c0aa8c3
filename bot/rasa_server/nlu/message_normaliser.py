"""Gives the NLU the customer's message as the help-article search reads it
(retrieval/normalise.py): Russian typed in Latin letters respelled in Cyrillic, a long story cut
to its question.

Runs first, before the tokenizer, so every featurizer and classifier reads the normalised text;
training examples are read the same way. The text as typed is kept on the message and put back
by bot/rasa_server/nlu/original_text.py after the intent classifiers, so what follows (facts,
entities) and the conversation record see what the customer wrote. A message with nothing to read
(emoji, "???", a third language) is marked for that component too.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from retrieval.normalise import read_message
from retrieval.respell import prepare

# Message keys read by OriginalText (not part of the NLU's output).
TYPED_TEXT = "text_as_typed"
UNREADABLE = "unreadable"


def normalise(message: Message) -> None:
    text = message.get(TEXT)
    if not isinstance(text, str) or not text:
        return
    reading = read_message(text)
    if reading.unreadable is not None:
        message.set(UNREADABLE, reading.unreadable)
    if reading.text != text:
        message.set(TYPED_TEXT, text)
        message.set(TEXT, reading.text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MessageNormaliser(GraphComponent):
    """Replaces the message text with what the classifiers should read."""

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
    ) -> MessageNormaliser:
        prepare()  # the dictionaries load with the model, not on the first Latin message
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            normalise(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            normalise(message)
        return messages
