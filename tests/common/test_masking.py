"""Personal data masked in free text and in every log record of a process."""

from __future__ import annotations

import logging

import pytest

from bot.common.masking import (
    conversation_ref,
    install_log_masking,
    mask_cards,
    mask_personal_data,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("карта 4111 1111 1111 1111, спасибо", "карта **** **** **** 1111, спасибо"),
        ("паспорт 45 06 123456 выдан", "паспорт [passport] выдан"),
        ("passport 4506123456.", "passport [passport]."),
        ("звоните +7 (999) 123-45-67", "звоните [phone]"),
        ("call 8 999 123 45 67 today", "call [phone] today"),
        ("+79991234567", "[phone]"),
        ("+44 20 7946 0958", "[phone]"),
        ("пишите anna.petrova+shop@example.co.uk", "пишите [email]"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "заказ 45873921",
        "2026-11-22T10:00:00.123Z",
        "2026-12-04 23:49:58,520 INFO retrieval.build.progress articles=35/104",
        "case=17 ms=135 replies=2",
        "версия 5.4.2",
        "12345678901234567890123",  # 23 digits: neither a card nor a phone
        "conversation=3fa9c1d2e4b5",
    ],
)
def test_ordinary_numbers_stay_readable(text):
    assert mask_personal_data(text) == text


def test_cards_alone_are_masked_for_the_agent():
    text = "карта 5500-0000-0000-0004, тел. +79991234567, anna@example.com"
    assert mask_cards(text) == "карта **** **** **** 0004, тел. +79991234567, anna@example.com"


@pytest.fixture
def masked_logging():
    previous = logging.getLogRecordFactory()
    install_log_masking()
    install_log_masking()  # a second call does not wrap twice
    yield
    logging.setLogRecordFactory(previous)


def test_log_records_of_any_logger_are_masked(masked_logging, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("rasa_sdk.executor").info("customer wrote %s", "карта 4111111111111111")
        try:
            raise ValueError("bad phone +7 999 123 45 67")
        except ValueError:
            logging.getLogger("gateway").exception("gateway.failed email=%s", "a@b.ru")
    first, second = caplog.records
    assert first.getMessage() == "customer wrote карта **** **** **** 1111"
    assert second.getMessage() == "gateway.failed email=[email]"
    assert "[phone]" in caplog.text and "999 123" not in caplog.text


def test_a_broken_format_string_does_not_break_the_caller(masked_logging):
    make = logging.getLogRecordFactory()
    record = make("gateway", logging.WARNING, __file__, 1, "%d items", ("x",), None)
    assert (record.msg, record.args) == ("%d items", ("x",))


def test_conversations_are_named_by_a_stable_hash_not_by_the_sender_id():
    reference = conversation_ref("anna.petrova@example.com")
    assert reference == conversation_ref("anna.petrova@example.com")
    assert len(reference) == 12 and "anna" not in reference
    assert reference != conversation_ref("anna.petrova@example.org")


def test_a_mistyped_card_is_masked_like_a_valid_one():
    # Four groups of four that fail the check digit, and digits right after "карта": still cards.
    assert mask_cards("карта 4276 3800 1234 5678 не проходит") == (
        "карта **** **** **** 5678 не проходит"
    )
    assert mask_cards("номер карты: 42763800123456") == "номер карты: **** **** **** 3456"


def test_order_numbers_and_phones_are_not_taken_for_cards():
    text = "заказ 58213947, тел. 8 925 111-22-33"
    assert mask_cards(text) == text
