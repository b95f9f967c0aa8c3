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

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.message_component import MessageComponent
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
class MessageNormaliser(MessageComponent):
    """Replaces the message text with what the classifiers should read."""

    handles_training_data = True

    @classmethod
    def prepare(cls) -> None:
        prepare()  # the dictionaries load with the model, not on the first Latin message

    def process_message(self, message: Message) -> None:
        normalise(message)
