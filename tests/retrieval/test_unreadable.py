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
        # languages the word lists do not list: the language identifier, or no English word
        ("Ciao! Come posso cambiare la lingua del sito?", "foreign"),
        ("Assalomu alaykum! Ilovani o'zbek tiliga o'tkazsa bo'ladimi?", "foreign"),
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
        # read by the identifier as Spanish, Esperanto or Italian: English, or Russian respelled
        "do you deliver to Chester?",
        "a esli mama na sebya oformit, pervyj vznos nado?",
        "a oni sgorayut voobshe ili net",
        "kakaya seichas poslednyaya versiya i gde svoyu posmotret?",
        "Wilhelmina Carter, mobile +61 412 387 905",  # a name and a phone at the form's question
    ],
)
def test_something_to_read(text: str):
    assert unreadable(text) is None
