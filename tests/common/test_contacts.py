"""Emails and phones as customers type them: one pattern and one normaliser for all."""

from __future__ import annotations

import pytest

from bot.common.contacts import find_email, normalise_email, normalise_phone
from bot.common.masking import mask_personal_data


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8 912 345-67-89", "+79123456789"),
        ("+7 (912) 345 67 89", "+79123456789"),
        ("89123456789", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("мой номер 8(495)123-45-67, звоните после 18", "+74951234567"),
        ("8-800-555-35-35", "+78005553535"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 202 555 0143", "+12025550143"),
        ("123-45", None),
        ("+7 916 12", None),  # with its + code, still too short to be a phone
        ("позвоните мне", None),
        # Without its + code a number must be a valid Russian one.
        ("20 7946 0958", None),
        ("заказ 45873921", None),
        ("карта 4111 1111 1111 1111", None),
        (None, None),
    ],
)
def test_phone_numbers_are_normalised(typed: str | None, expected: str | None):
    assert normalise_phone(typed) == expected


def test_another_default_region_reads_national_numbers_as_its_own():
    assert normalise_phone("020 7946 0958", region="GB") == "+442079460958"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("пишите на Anna.Petrova@Example.COM, спасибо", "Anna.Petrova@Example.COM"),
        ("anna.petrova+shop@example.co.uk.", "anna.petrova+shop@example.co.uk"),
        ("ivan_100%@mail.ru", "ivan_100%@mail.ru"),
        ("ольга@почта.рф", "ольга@почта.рф"),
        ("anna at example dot com", None),
        ("oleg.smirnov@mail", None),
        ("user@host.123", None),
    ],
)
def test_email_is_found_as_written(text: str, expected: str | None):
    assert find_email(text) == expected


def test_email_is_normalised_to_lower_case():
    assert normalise_email("пишите на Anna.Petrova@Example.COM") == "anna.petrova@example.com"
    assert normalise_email(None) is None


def test_logs_mask_the_same_addresses_the_bot_reads():
    text = "пишите ольга@почта.рф или ivan_100%@mail.ru"
    assert mask_personal_data(text) == "пишите [email] или [email]"
