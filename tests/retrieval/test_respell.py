"""Russian typed in Latin letters, respelled in Cyrillic (retrieval/respell.py)."""

from __future__ import annotations

import pytest

from retrieval.respell import respell, spellings


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("privet gde moi zakaz", "привет где мой заказ"),
        ("prilozhenie ne otkryvaetsya, belyi ekran", "приложение не открывается, белый экран"),
        ("a mozhno v rassrochku na 4 mesyaca", "а можно в рассрочку на 4 месяца"),
        ("zdravstvuite u menya vopros", "здравствуйте у меня вопрос"),
        ("podskazhite recept blinov", "подскажите рецепт блинов"),
        ("kurer ne priehal", "курьер не приехал"),
        ("dengi spisali", "деньги списали"),
        ("eshche ne prishlo, tsena izmenilas", "еще не пришло, цена изменилась"),
        ("kak obyedinit zakazy", "как объединит заказы"),
        # "e" first: "э" only before a "t" ("эго" is a word too)
        ("a na pochtu ego mozhno?", "а на почту его можно?"),
        ("eto na kakoi etazh", "это на какой этаж"),
    ],
)
def test_words_take_the_spelling_the_dictionary_knows(typed: str, meant: str):
    assert respell(typed) == meant


def test_numbers_addresses_codes_and_english_words_stay_as_typed():
    assert respell("nomer 40917733") == "номер 40917733"
    assert respell("pochta ivan.petrov@mail.ru, oshibka e-101 na iphone") == (
        "почта ivan.petrov@mail.ru, ошибка e-101 на iphone"
    )
    assert respell("versiya 5.4.2, sm. https://x.example/a") == (
        "версия 5.4.2, см. https://x.example/a"
    )
    assert respell("gde moi zakaz.") == "где мой заказ."


def test_ambiguous_letters_give_several_spellings_most_usual_first():
    assert spellings("tsena")[0] == "цена" and "тсена" in spellings("tsena")
    assert spellings("moi")[0] == "мой"  # "i" after a vowel at the end is "й" first
    assert len(spellings("shchyuyiyoyeyayu")) <= 48
