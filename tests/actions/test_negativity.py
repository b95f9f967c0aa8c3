"""The negativity check: swearing alone, or two signs of anger, and nothing milder; a milder
complaint is told apart for a line of empathy."""

from __future__ import annotations

import pytest

from actions.negativity import is_complaint, is_strongly_negative, swears


@pytest.mark.parametrize(
    "text",
    [
        "бля, опять не работает",
        "вы обманщики, это ужасно",
        "this is a scam, terrible service",
        "WHY IS THIS SO TERRIBLE",
        "what the fuck is going on",
        "достали уже!!",
    ],
)
def test_strongly_negative(text: str):
    assert is_strongly_negative(text)


@pytest.mark.parametrize(
    "text",
    ["где мой заказ", "ужасно долго идёт доставка", "не могу войти!!", "the app is terrible", ""],
)
def test_not_strongly_negative(text: str):
    assert not is_strongly_negative(text)


@pytest.mark.parametrize(
    "text",
    [
        "this is ridiculous, i returned the blender 3 weeks ago and still no refund",
        "заказ оплатила в пн а он до сих пор собирается",
        "вы издеваетесь? третий раз переносите доставку",
        "опять не приходит код",
        "промокод снова не сработал",
        "the app is terrible",
        "бля, опять не работает",
        "почему с меня списали дважды?!",
        "the login screen keeps looping, it's driving me crazy",
        "обещали вернуть деньги за три дня, где они?",
        "why is my voucher rejected when your site says it works on sale items?",
    ],
)
def test_complaints_worth_a_line_of_empathy(text: str):
    assert is_complaint(text)


@pytest.mark.parametrize(
    "text",
    [
        "где мой заказ",
        "how do i return an item",
        "what are the messages in my account",
        "",
        "спасибо!! а когда привезут?",
        # "again" of the customer's own repeat, a condition or a question of stock
        "если удалю приложение и поставлю снова, заказы сохранятся?",
        "выходил из аккаунта и заходил снова",
        "когда снова появится в наличии эта кофемашина",
        "а если завтра опять не приедет?",
    ],
)
def test_plain_questions_are_no_complaint(text: str):
    assert not is_complaint(text)


def test_swearing_is_told_apart_from_anger():
    assert swears("где мой сраный заказ, бля")
    assert not swears("это ужас, безобразие!!")
