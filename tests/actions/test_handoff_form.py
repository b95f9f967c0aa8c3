"""handoff_form asks only for what is missing, validates and normalises answers, and lets the
customer skip optional questions or cancel at any point."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_form import QUESTIONS, SKIPPED, ValidateHandoffForm, name_from
from bot.common.settings import PROJECT_ROOT
from tests.actions.conftest import slot, tracker, user

FORM_SLOTS = [
    "customer_name",
    "handoff_contact",
    "handoff_order_number",
    "handoff_app_version",
    "handoff_problem",
    "handoff_tried",
]
DOMAIN = {"forms": {"handoff_form": {"required_slots": FORM_SLOTS}}, "slots": {}}


async def required(slots: dict[str, Any]) -> list[str]:
    form = ValidateHandoffForm()
    return await form.required_slots(FORM_SLOTS, CollectingDispatcher(), tracker([], slots), {})


async def answer(slot_name: str, text: str, slots: dict[str, Any] | None = None):
    """Run the validation action the way Rasa does after the customer answered `slot_name`."""
    slots = {"requested_slot": slot_name, **(slots or {})}
    events = [user(text, "nlu_fallback"), {"event": "slot", "name": slot_name, "value": text}]
    dispatcher = CollectingDispatcher()
    state = tracker(events, {**slots, slot_name: text})
    result = await ValidateHandoffForm().run(dispatcher, state, DOMAIN)
    return [m.get("response") for m in dispatcher.messages], result


async def test_everything_is_asked_for_a_stranger_on_a_payment_topic():
    assert await required({"handoff_topic": "payment"}) == [
        "customer_name",
        "handoff_contact",
        "handoff_order_number",
        "handoff_problem",
        "handoff_tried",
    ]


async def test_known_contact_order_number_and_name_are_skipped():
    slots = {
        "handoff_topic": "orders",
        "customer_name": "Анна",
        "phone": "+79123456789",
        "order_number": "45873921",
    }
    missing = [s for s in await required(slots) if slots.get(s) is None]
    assert missing == ["handoff_problem", "handoff_tried"]


async def test_technical_topics_ask_for_the_app_version_not_the_order():
    slots = {"handoff_topic": "technical", "email": "a@b.ru"}
    assert "handoff_app_version" in await required(slots)
    assert "handoff_order_number" not in await required(slots)
    assert "handoff_contact" not in await required(slots)


async def test_phone_is_normalised_and_the_next_question_follows():
    replies, events = await answer("handoff_contact", "8 912 345-67-89", {"customer_name": "Анна"})
    assert replies == []
    assert slot(events, "phone") == "+79123456789"
    assert slot(events, "handoff_contact") == "+79123456789"
    assert slot(events, "requested_slot") == "handoff_problem"


async def test_email_is_lowercased():
    _, events = await answer("handoff_contact", "Anna@Example.com", {"customer_name": "Анна"})
    assert slot(events, "email") == "anna@example.com"


async def test_invalid_contact_is_asked_again_with_an_example():
    replies, events = await answer("handoff_contact", "позвоните мне", {"customer_name": "Анна"})
    assert replies == ["utter_handoff_invalid_contact"]
    assert slot(events, "handoff_contact") is None
    assert slot(events, "requested_slot") == "handoff_contact"


async def test_optional_order_number_accepts_i_dont_know():
    slots = {"customer_name": "Анна", "email": "a@b.ru", "handoff_topic": "orders"}
    _, events = await answer("handoff_order_number", "не знаю", slots)
    assert slot(events, "handoff_order_number") == SKIPPED
    assert slot(events, "requested_slot") == "handoff_problem"
    replies, events = await answer("handoff_order_number", "12345", slots)
    assert replies == ["utter_handoff_invalid_order_number"]
    _, events = await answer("handoff_order_number", "№ 4587 3921", slots)
    assert slot(events, "order_number") == "45873921"


async def test_cancel_ends_the_form_at_any_question():
    for slot_name in ("customer_name", "handoff_contact", "handoff_problem", "handoff_tried"):
        _, events = await answer(slot_name, "Отмена", {"handoff_topic": "orders"})
        assert slot(events, "handoff_cancelled") is True
        assert slot(events, "requested_slot") is None


async def test_last_answer_completes_the_form():
    slots = {"customer_name": "Анна", "email": "a@b.ru", "handoff_problem": "не приходит код"}
    _, events = await answer("handoff_tried", "skip", slots)
    assert slot(events, "handoff_tried") == SKIPPED
    assert slot(events, "requested_slot") is None


def test_names_as_people_write_them():
    assert name_from("меня зовут анна") == "Анна"
    assert name_from("My name is John Smith") == "John Smith"
    assert name_from("Мария-Луиза") == "Мария-Луиза"
    assert name_from("не знаю") is None
    assert name_from("anna@example.com") is None
    assert name_from("у меня не проходит оплата по карте") is None
    assert name_from("позовите оператора") is None
    assert name_from("/affirm") is None


def test_every_question_of_the_form_has_a_row_in_the_table():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert list(QUESTIONS) == domain["forms"]["handoff_form"]["required_slots"] == FORM_SLOTS
    form = ValidateHandoffForm()
    assert all(callable(getattr(form, f"validate_{slot}")) for slot in FORM_SLOTS)
    assert not hasattr(form, "validate_email")


@pytest.mark.parametrize(
    ("slot_name", "text", "expected", "reply"),
    [
        ("customer_name", "  меня зовут анна ", "Анна", None),
        ("customer_name", "оператора", None, "utter_handoff_invalid_name"),
        ("handoff_app_version", "версия 5.4.2", "5.4.2", None),
        ("handoff_app_version", "последняя", "последняя", None),
        ("handoff_app_version", "не знаю", SKIPPED, None),
        ("handoff_problem", "не знаю", None, "utter_handoff_need_problem"),
        ("handoff_problem", "/affirm", None, "utter_handoff_need_problem"),
        ("handoff_problem", "  не приходит код  ", "не приходит код", None),
        ("handoff_tried", "/affirm", SKIPPED, None),
        ("handoff_tried", "перезагрузила телефон", "перезагрузила телефон", None),
    ],
)
async def test_each_question_parses_skips_and_rejects_by_its_row(
    slot_name: str, text: str, expected: Any, reply: str | None
):
    slots = {"customer_name": "Анна", "email": "a@b.ru", "handoff_topic": "technical"}
    replies, events = await answer(slot_name, text, slots)
    assert slot(events, slot_name) == expected
    assert replies == ([reply] if reply else [])


async def test_an_app_version_is_remembered_for_the_case_too():
    slots = {"customer_name": "Анна", "email": "a@b.ru", "handoff_topic": "technical"}
    _, events = await answer("handoff_app_version", "5.4", slots)
    assert slot(events, "app_version") == "5.4"


async def test_an_invalid_contact_forgets_a_half_understood_one():
    _, events = await answer("handoff_contact", "мой номер 123", {"customer_name": "Анна"})
    assert slot(events, "email") is None and slot(events, "phone") is None
