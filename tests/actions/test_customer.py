"""Contacts, order numbers and versions as customers type them."""

from __future__ import annotations

import pytest

from actions.customer import app_version_in, normalise_email, normalise_phone, order_number_in


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8 912 345-67-89", "+79123456789"),
        ("+7 (912) 345 67 89", "+79123456789"),
        ("89123456789", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("мой номер 8(495)123-45-67, звоните после 18", "+74951234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("123-45", None),
        ("позвоните мне", None),
        ("20 7946 0958", None),
    ],
)
def test_phone_numbers_are_normalised(typed: str, expected: str | None):
    assert normalise_phone(typed) == expected


def test_email_is_found_and_lowercased():
    assert (
        normalise_email("пишите на Anna.Petrova@Example.COM, спасибо") == "anna.petrova@example.com"
    )
    assert normalise_email("anna at example dot com") is None
    assert normalise_email(None) is None


def test_order_number_and_app_version():
    assert order_number_in("заказ №45873921") == "45873921"
    assert order_number_in("4587 3921") == "45873921"
    assert order_number_in("1234567") is None
    assert order_number_in("123456789") is None
    assert app_version_in("версия 5.4.2 на андроиде") == "5.4.2"
    assert app_version_in("последняя") is None
