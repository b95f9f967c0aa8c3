"""Messages with nothing to read (retrieval/unreadable.py)."""

from __future__ import annotations

import pytest

from retrieval.unreadable import unreadable


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("😡😡😡", "no_words"),
        ("???", "no_words"),
        ("...!!!", "no_words"),
        ("а", "one_letter"),
        ("x?", "one_letter"),
        ("помогите " * 300, "repeated"),
        ("please " * 280, "repeated"),
        ("a" * 1999, "no_words"),  # one "word" longer than any word
        ("Hallo, wo ist meine Bestellung?", "foreign"),
        ("¿Dónde está mi pedido?", "foreign"),
        ("Bonjour, où est ma commande", "foreign"),
        ("Merhaba siparişim nerede", "foreign"),
        ("你好，我的订单在哪里", "foreign"),
        ("Де моє замовлення?", "foreign"),
    ],
)
def test_nothing_to_read(text: str, reason: str):
    assert unreadable(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "45873921",  # an order number answers a question
        "+7 912 345-67-89",
        "ok",
        "ок",
        "где мой заказ",
        "where is my order",
        "ne prihodit kod",  # Russian in Latin letters, not a third language
        "no no no",
        "да да да да",
        "заказ так и не пришел 😡😡😡",
        "у меня coupon не применяется, пишет expired",
        "E500",
    ],
)
def test_something_to_read(text: str):
    assert unreadable(text) is None
