"""Reads every customer message for the facts they state about themselves, as entities.

Name, email, phone, order number and app version come from `bot.common.facts.extract_facts`
(natasha's morphology for Russian names, email-validator, phonenumbers with Russia as the default
region), already normalised: "8 925 111-22-33" is "+79251112233", "заказ № 58 213 947" is
"58213947", "v5.4.1" is "5.4.1". Slots of the same names fill from these entities in domain.yml,
at any point of the conversation, so one message can fill several and nothing said before a
handoff is asked again. Card numbers are read too, only so that their digits never become a phone
or an order; they are never an entity.

A name read from inside an email address or a link, and standing nowhere else in the message, is
dropped: "oleg.smirnov@mail" (a mistyped address the email reader refused) names nobody.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.common.facts import Facts, extract_facts, preload
from bot.common.words import WORD
from bot.rasa_server.nlu.message_component import MessageComponent, add_entities

# Entity (and slot) names, in the order the facts are listed.
FACT_ENTITIES = ("customer_name", "email", "phone", "order_number", "app_version")
# Tokens that are addresses, not words: their letters are no one's name.
_ADDRESS_TOKEN = re.compile(r"\S*@\S*|\S*(?:https?://|www\.)\S*", re.IGNORECASE)


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def name_from_an_address(name: str, text: str) -> bool:
    """A word of the name is read from inside an email address or a link ("oleg.smirnov@mail",
    a mistyped address the email reader refused) and stands nowhere else in the message. Words
    are compared by their beginning: the name is given in the nominative ("Сашей" → "Саша")."""
    addresses = [_folded(token) for token in _ADDRESS_TOKEN.findall(text) if token]
    if not addresses:
        return False
    words = [_folded(word) for word in WORD.findall(_ADDRESS_TOKEN.sub(" ", text))]
    for part in name.split():
        stem = _folded(part)[:3]
        inside = any(stem in address for address in addresses)
        if inside and not any(word.startswith(stem[:2]) for word in words):
            return True
    return False


def fact_values(facts: Facts, text: str) -> dict[str, str]:
    """Entity name → value for what the message states."""
    values = {
        "customer_name": facts.name,
        "email": facts.email,
        "phone": facts.phone,
        "order_number": facts.order_number,
        "app_version": facts.app_version,
    }
    if facts.name and name_from_an_address(facts.name, text):
        values["customer_name"] = None
    return {entity: value for entity, value in values.items() if value}


def _span(value: str, text: str) -> tuple[int, int]:
    """Where the value is written as is ("Вера", an email), else the whole message: a phone or
    an order number is normalised and no longer matches the typed characters."""
    start = _folded(text).find(_folded(value))
    return (start, start + len(value)) if start >= 0 else (0, len(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class FactExtractor(MessageComponent):
    """Adds customer_name, email, phone, order_number and app_version entities."""

    @classmethod
    def prepare(cls) -> None:
        preload()  # the morphology loads with the model, not on the first customer's name

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        found = fact_values(extract_facts(text), text)
        add_entities(
            message,
            type(self).__name__,
            [(entity, value, *_span(value, text)) for entity, value in found.items()],
        )
