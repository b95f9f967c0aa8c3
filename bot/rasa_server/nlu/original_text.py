"""The second half of bot/rasa_server/nlu/message_normaliser.py: after the intent classifiers, the
message gets back the text the customer typed, and a message with nothing to read gets
`nlu_fallback` whatever the classifiers guessed.

Placed right after the last intent classifier: the fact and entity extractors after it read the
customer's own words (an order number inside a long story is still there), and so does everything
Rasa records. "???" or "😡😡😡" resemble a greeting to a classifier; as `nlu_fallback` they reach
the knowledge action, which asks what the customer needs instead of greeting them again or
picking an article (actions/answer_from_knowledge.py).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.message_component import MessageComponent
from bot.rasa_server.nlu.message_normaliser import TYPED_TEXT, UNREADABLE


def restore(message: Message) -> None:
    typed = message.get(TYPED_TEXT)
    if isinstance(typed, str):
        message.set(TEXT, typed)
    if message.get(UNREADABLE):
        fallback = {
            INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
            PREDICTED_CONFIDENCE_KEY: 1.0,
        }
        ranking = [
            r
            for r in message.get(INTENT_RANKING_KEY) or []
            if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ]
        message.set(INTENT, fallback, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OriginalText(MessageComponent, IntentClassifier):
    """Puts back the customer's text; an unreadable message becomes `nlu_fallback`."""

    def process_message(self, message: Message) -> None:
        restore(message)
