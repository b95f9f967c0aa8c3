"""Phoning the company is a contacts question, being called back is for a person."""

from __future__ import annotations

import pytest

from actions.knowledge_by_phone import wants_to_phone


@pytest.mark.parametrize(
    "text",
    [
        "whats your phone number, id rather just call someone",
        "дайте номер телефона поддержки, дозвониться не могу",
        "хочу поговорить с оператором по телефону",
        "можно позвонить вашему специалисту?",
    ],
)
def test_phoning_the_company_in_the_contacts_topic(text: str) -> None:
    assert wants_to_phone("contacts_hours", text)


@pytest.mark.parametrize(
    "text",
    [
        "позвоните мне, нужен оператор",
        "перезвоните пожалуйста",
        "can someone call me back",
        "соедините с оператором",
        # the number to call is given, and the company's line was tried
        "украли телефон. на 8 800 не дозвонился, всё занято. дайте сотрудника",
        "звоните жене +7 917 263-50-81, дайте сотрудника",
    ],
)
def test_a_call_back_or_a_chat_handoff_is_not_phoning(text: str) -> None:
    assert not wants_to_phone("contacts_hours", text)


def test_only_in_the_contacts_topic() -> None:
    assert not wants_to_phone("order_status", "whats your phone number, id rather call someone")
