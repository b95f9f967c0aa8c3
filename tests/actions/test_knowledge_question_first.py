"""An irritated question is answered first; a request for a person, a demand, swearing, a
reproach or irritation that asks nothing still goes to a person at once."""

from __future__ import annotations

import pytest

from actions.handoff_trigger import wants_person
from actions.knowledge_question_first import answered_first, asks_for_information, irritated


@pytest.mark.parametrize(
    "text",
    [
        "уже неделю жду, где мой заказ?!",
        "I've been waiting for 10 days, where is my parcel??",
        "ужасный сервис! как мне вернуть товар?",
        "сколько можно ждать возврат денег? прошло две недели!",
        "третий день жду курьера, когда его ждать?!",
    ],
)
def test_an_irritated_question_is_answered_first(text: str):
    assert wants_person(text)  # the signals alone would take it to a person
    assert answered_first(text)
    assert irritated(text)  # ... so the answer comes with empathy and a person beside it


@pytest.mark.parametrize(
    "text",
    [
        "Разберитесь, пожалуйста, заказ не пришёл уже неделю",  # a demand
        "уже неделю жду заказ, где он?! позовите оператора",  # a person in so many words
        "где мой сраный заказ, бля?!",  # swearing
        "курьер третий день не приезжает! Я с работы отпрашиваюсь!",  # asks nothing
        "Почему курьер третий день обещает приехать и не приезжает? Я с работы отпрашиваюсь!",
        "This is ridiculous. My delivery has been rescheduled three times and nobody tells me why",
        "Какого чёрта вы списали с меня деньги два раза?! Верните немедленно",
    ],
)
def test_a_person_at_once(text: str):
    assert not answered_first(text)


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("где мой заказ", True),
        ("ну и когда привезут", True),
        ("what's the status of my refund", True),
        ("можно вернуть без чека", True),
        ("это безобразие, почему курьер опять не приехал?", False),
        ("why is my refund still not here?!", False),
        ("курьер не приехал!", False),
        ("", False),
    ],
)
def test_asks_for_information(text: str, asking: bool):
    assert asks_for_information(text) is asking


def test_a_plain_question_is_not_irritated():
    assert not irritated("где мой заказ?")
