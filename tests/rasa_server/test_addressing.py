"""The response generator addresses the customer by name once, in the first reply after the name
becomes known; replies that say the name themselves count; played on Rasa's own trackers."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_server.addressing import NameAddressing, address_form, addressed
from bot.supervisor.rasa_files import RESPONSE_GENERATOR

DOMAIN = Domain.from_dict(
    {
        "slots": {
            "customer_name": {"type": "text", "mappings": [{"type": "custom"}]},
            "requested_slot": {"type": "any", "mappings": [{"type": "custom"}]},
        },
        "forms": {"handoff_form": {"required_slots": ["customer_name"]}},
        "responses": {
            "utter_kb_answer": [{"text": "Вот что нашёл в справке: {title}"}],
            "utter_request_human": [{"text": "I'll bring in a specialist."}],
            "utter_ask_handoff_contact": [{"text": "{customer_name}, оставьте email."}],
            "utter_greet_named": [{"text": "Здравствуйте, {name}!"}],
            "utter_kb_ask_helpful": [{"text": "Это помогло?"}],
        },
    }
)


def conversation(*events: Any) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("w-1", list(events), slots=DOMAIN.slots)


async def say(
    generator: NameAddressing, tracker: DialogueStateTracker, response_name: str, **kw: Any
):
    """One reply: generated, then logged on the tracker as Rasa does."""
    response = await generator.generate(response_name, tracker, "gateway", **kw)
    assert response is not None
    tracker.update(BotUttered(response["text"]))
    return response["text"]


@pytest.fixture
def generator() -> NameAddressing:
    return NameAddressing(DOMAIN.responses)


async def test_the_first_reply_after_the_name_is_known_addresses_the_customer(generator):
    tracker = conversation(
        UserUttered("я Вера, посылка не пришла"), SlotSet("customer_name", "Вера")
    )
    assert await say(generator, tracker, "utter_kb_answer", title="«Где заказ»") == (
        "Вера, вот что нашёл в справке: «Где заказ»"
    )
    assert await say(generator, tracker, "utter_kb_ask_helpful") == "Это помогло?"
    tracker.update(UserUttered("нет"))
    assert (
        await say(generator, tracker, "utter_kb_answer", title="x") == "Вот что нашёл в справке: x"
    )


async def test_a_reply_that_says_the_name_itself_counts(generator):
    tracker = conversation(SlotSet("customer_name", "Андрей Кузнецов"))
    assert await say(generator, tracker, "utter_ask_handoff_contact") == "Андрей, оставьте email."
    assert await say(generator, tracker, "utter_kb_ask_helpful") == "Это помогло?"
    assert await say(generator, tracker, "utter_greet_named", name="Андрей Кузнецов") == (
        "Здравствуйте, Андрей!"
    )


async def test_english_keeps_its_capital_i(generator):
    tracker = conversation(SlotSet("customer_name", "Tom Baker"))
    assert await say(generator, tracker, "utter_request_human") == (
        "Tom, I'll bring in a specialist."
    )


async def test_a_new_name_is_used_once_again(generator):
    tracker = conversation(SlotSet("customer_name", "Вера"))
    await say(generator, tracker, "utter_kb_answer", title="x")
    tracker.update(SlotSet("customer_name", "Вера"))  # said again: nothing new
    assert (
        await say(generator, tracker, "utter_kb_answer", title="y") == "Вот что нашёл в справке: y"
    )
    tracker.update(SlotSet("customer_name", "Нина"))
    assert (await say(generator, tracker, "utter_kb_answer", title="z")).startswith("Нина, ")


async def test_an_action_may_ask_for_its_reply_to_address_the_customer(generator):
    """The handoff's introduction, after the name was used earlier."""
    tracker = conversation(SlotSet("customer_name", "Вера"))
    await say(generator, tracker, "utter_kb_answer", title="x")
    assert await say(generator, tracker, "utter_request_human", address_by_name=True) == (
        "Вера, I'll bring in a specialist."
    )
    assert await say(generator, tracker, "utter_kb_ask_helpful") == "Это помогло?"
    unnamed = conversation(UserUttered("позовите оператора"))
    assert await say(generator, unnamed, "utter_request_human", address_by_name=True) == (
        "I'll bring in a specialist."
    )


async def test_no_name_while_the_form_still_asks_for_it(generator):
    tracker = conversation(
        ActiveLoop("handoff_form"),
        SlotSet("requested_slot", "customer_name"),
        SlotSet("customer_name", "не скажу"),  # the raw answer the form is about to refuse
    )
    assert await say(generator, tracker, "utter_kb_ask_helpful") == "Это помогло?"


async def test_replies_of_one_action_address_the_customer_once(generator):
    """An action's replies are all generated from the tracker as it was before them."""
    tracker = conversation(SlotSet("customer_name", "Вера"))
    first = await generator.generate("utter_kb_answer", tracker, "gateway", title="x")
    second = await generator.generate("utter_kb_ask_helpful", tracker, "gateway")
    assert first is not None and first["text"].startswith("Вера, ")
    assert second is not None and second["text"] == "Это помогло?"


async def test_without_a_name_nothing_changes(generator):
    tracker = conversation(UserUttered("привет"))
    assert (
        await say(generator, tracker, "utter_kb_answer", title="x") == "Вот что нашёл в справке: x"
    )


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Андрей Кузнецов", "Андрей"),
        ("Кузнецов Андрей", "Андрей"),
        ("Галина Петровна", "Галина Петровна"),
        ("Григорий Павлович Орлов", "Григорий Павлович"),
        ("Tom Baker", "Tom"),
        # accented Latin letters are Latin: the first word, not the surname
        ("Ciarán Byrne", "Ciarán"),
        ("Zoë Clarke", "Zoë"),
        ("Вера", "Вера"),
        # surname first, where the surname also reads as a name's form ("Гусейн")
        ("Гусейнов Рамиль", "Рамиль"),
        ("Ким Виктория", "Виктория"),
        ("Богдан Сергеевич Ярошенко", "Богдан Сергеевич"),
        # initials say no first name: the surname
        ("Кравец В. П.", "Кравец"),
        ("В. П. Кравец", "Кравец"),
        # a title goes with the surname, never alone
        ("Mr Thompson", "Mr Thompson"),
        ("Dr Anna Rao", "Dr Rao"),
    ],
)
def test_the_name_as_a_person_is_addressed(name: str, form: str):
    assert address_form(name) == form


def test_the_first_word_keeps_a_capital_only_when_it_needs_one():
    assert addressed("Here's what I found", "Tom") == "Tom, here's what I found"
    assert addressed("LightMarket ships daily", "Tom") == "Tom, LightMarket ships daily"
    assert addressed("Москва далеко", "Вера") == "Вера, Москва далеко"
    assert addressed("«Лайтмаркет» рядом", "Вера") == "Вера, «Лайтмаркет» рядом"
    assert addressed("Лайтмаркет рядом", "Вера") == "Вера, Лайтмаркет рядом"
    assert addressed("К сожалению, нет", "Вера") == "Вера, к сожалению, нет"
    assert addressed("Об этом есть статья", "Вера") == "Вера, об этом есть статья"
    assert addressed("E-500 means", "Tom") == "Tom, E-500 means"


def test_rasa_builds_it_from_endpoints_yml_and_gives_it_each_models_responses():
    config = EndpointConfig(type=RESPONSE_GENERATOR)
    generator = NaturalLanguageGenerator.create(config, DOMAIN)
    assert isinstance(generator, NameAddressing)
    assert generator.responses == DOMAIN.responses
