"""The one language guesser every process uses (retrieval/language.py)."""

from __future__ import annotations

import pytest

from retrieval.language import detect_language, guess_language

# Russian typed in Latin letters, the way customers write it from a phone without Cyrillic.
# Written before the guesser was run on them.
RUSSIAN_IN_LATIN = [
    "privet ne prihodit kod",
    "gde moy zakaz",
    "ne mogu voyti v akkaunt",
    "kak vernut tovar",
    "zdravstvuyte, u menya problema s oplatoy",
    "pochemu ne rabotaet prilozhenie",
    "hochu otmenit zakaz",
    "kogda privezut zakaz 45873921",
    "zabyl parol",
    "mne nuzhen operator",
    "dengi spisali a zakaz ne oformilsya",
    "kurer ne priehal",
    # chat thanks no dictionary holds
    "ok, spasibki",
    "ponjatno, spasib",
    "kak izmenit adres dostavki",
    "ya ne poluchil chek",
    "vernite dengi pozhaluysta",
    "pozovite cheloveka",
    "spasibo bolshoe",
    "zakaz prishel ne polnostyu",
    # "ы" typed as "y" ("платный", "вы"): added when the conversation bench showed the first
    "kurer platnyi?",
    "vy rabotaete v vyhodnye?",
]

# English that shares words with Russian once read in Cyrillic ("my" → "ми", "order" → "ордер").
ENGLISH_LOOKALIKES = [
    "order status",
    "my order is late",
    "promo code",
    "card declined",
    "problem with my bank card",
    "no",
    "to be honest it is not ok",
    "status of the return",
    "sms code never came",
    "i want a refund",
    "talk to a person",
    "not working on my phone",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("где мой заказ", "ru"),
        ("where is my order", "en"),
        # Words, not letters: a brand name in Latin does not make Russian English.
        ("не работает app LightMarket", "ru"),
        ("my заказ is late again, what happened", "en"),
        ("Заказ №45873921, где он?", "ru"),
        ("45873921", None),
        ("ok", None),
        ("Ок.", None),
        ("👍", None),
        ("olga.k@yandex.ru", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", RUSSIAN_IN_LATIN)
def test_russian_typed_in_latin_is_russian(text: str):
    assert detect_language(text) == "ru"


@pytest.mark.parametrize("text", ENGLISH_LOOKALIKES)
def test_english_that_reads_as_russian_in_cyrillic_stays_english(text: str):
    assert detect_language(text) == "en"


def test_guess_falls_back_only_when_there_is_nothing_to_go_by():
    assert guess_language("45873921", "en") == "en"
    assert guess_language("ok") == "ru"
    assert guess_language("where is my order", "ru") == "en"
    assert guess_language("где заказ", "en") == "ru"
