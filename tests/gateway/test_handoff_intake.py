"""Validation of the case the action server posts, and its readable summary."""

from __future__ import annotations

import json

import pytest

from bot.common.masking import mask_cards
from bot.gateway.handoff.intake import IntakeError, parse_handoff, parse_rating
from bot.gateway.handoff.summary import summary_text
from tests.gateway.conftest import case_body


def parse(**overrides):
    return parse_handoff(json.dumps(case_body(**overrides)).encode())


def test_a_good_case_is_parsed():
    case = parse()
    assert (case.conversation, case.reason, case.priority, case.topic) == (
        "w-1",
        "requested",
        "normal",
        "payment",
    )
    assert case.customer["email"] == "anna@example.com" and case.customer["order_number"] is None


@pytest.mark.parametrize("reason", ["complaint", "negative"])
def test_complaints_are_high_priority(reason: str):
    assert parse(reason=reason).priority == "high"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"conversation": "a b"}, "conversation"),
        ({"reason": "bored"}, "reason"),
        ({"language": "de"}, "language"),
        ({"priority": "urgent"}, "priority"),
        ({"topic": "Payment!"}, "topic"),
        ({"intent": {"name": "x", "confidence": 2}}, "intent.confidence"),
        ({"customer": {"name": "A", "ssn": "1"}}, "customer"),
        ({"customer": {"email": 5}}, "customer.email"),
        ({"articles": [{"id": "a", "verdict": "meh"}]}, "articles[0].verdict"),
        ({"transcript": [{"author": "hacker", "text": "x"}]}, "transcript[0].author"),
        ({"page": "javascript:alert(1)"}, "page"),
        ({"problem": "x" * 5000}, "problem"),
        ({"extra": 1}, "body"),
    ],
)
def test_bad_cases_name_the_field(overrides: dict, field: str):
    with pytest.raises(IntakeError) as caught:
        parse(**overrides)
    assert caught.value.field == field


@pytest.mark.parametrize("body", [b"{", b"[]", b"\xff", b"null"])
def test_non_objects_are_refused(body: bytes):
    with pytest.raises(IntakeError):
        parse_handoff(body)


def test_ratings():
    assert parse_rating(b'{"conversation": "w-1", "rating": 5}') == ("w-1", 5)
    for bad in (
        b'{"conversation": "w-1", "rating": 6}',
        b'{"conversation": "w-1", "rating": true}',
    ):
        with pytest.raises(IntakeError):
            parse_rating(bad)


def test_summary_masks_cards_but_not_contacts_and_speaks_the_case_language():
    text = summary_text(parse(), "billing")
    assert "4111 1111 1111 1111" not in text and "**** **** **** 1111" in text
    assert "anna@example.com" in text and "+79991234567" in text
    assert "Проблема" in text and "payment_failed (0.93)" in text and "Оплата" in text
    english = summary_text(parse(language="en"), "billing")
    assert "Problem" in english and "customer asked for a person" in english


def test_mask_keeps_order_numbers_and_non_cards():
    assert mask_cards("заказ 45873921") == "заказ 45873921"
    assert mask_cards("12345678 90123456") == "12345678 90123456"  # not grouped as a card
    # Typed as a card (four groups of four): masked even with a mistyped check digit.
    assert mask_cards("1234 5678 9012 3456") == "**** **** **** 3456"
    assert mask_cards("card 5500-0000-0000-0004!") == "card **** **** **** 0004!"
