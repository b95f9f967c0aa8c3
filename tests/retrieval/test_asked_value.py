"""The kind of value a question asks for, and whether a sentence holds one
(retrieval/asked_value.py)."""

from __future__ import annotations

import pytest

from retrieval.asked_value import asked_kinds, gives


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("whats your phone number", "phone"),
        ("какой у вас номер телефона горячей линии", "phone"),
        ("какая почта у поддержки", "email"),
        ("what's your e-mail", "email"),
        ("во сколько работает поддержка в воскресенье", "hours"),
        ("are you open on weekends", "hours"),
        ("сколько стоит доставка курьером", "price"),
        ("how much is delivery", "price"),
        ("как долго идут деньги на карту", "duration"),
        ("how long does a refund take", "duration"),
    ],
)
def test_a_question_asks_for_its_kind_of_value(question: str, kind: str) -> None:
    assert kind in asked_kinds(question)


@pytest.mark.parametrize(
    "question",
    ["привезли не тот товар", "the app crashes when i open it", "как применить промокод"],
)
def test_most_questions_ask_for_no_value(question: str) -> None:
    assert asked_kinds(question) == frozenset()


def test_a_sentence_gives_a_value_by_its_form() -> None:
    assert gives("Телефон 8 800 555-35-35 работает с 09:00 до 21:00.", frozenset({"phone"}))
    assert gives("Call +44 20 7946 0958 any time.", frozenset({"phone"}))
    assert gives("Пишите на support@shop.example.", frozenset({"email"}))
    assert gives("Специалисты — с 08:00 до 22:00.", frozenset({"hours"}))
    assert gives("Доставка стоит 299 ₽.", frozenset({"price"}))
    assert gives("Delivery is free over $50.", frozenset({"price"}))
    assert gives("Деньги придут за 3–10 рабочих дней.", frozenset({"duration"}))
    assert gives("It takes 5 business days.", frozenset({"duration"}))
    assert not gives("Мы никогда не спрашиваем пароль и коды из SMS.", frozenset({"phone"}))
    assert not gives("Заказ 12345678 передан в доставку.", frozenset({"phone", "price"}))
    assert not gives("Доставка стоит 299 ₽.", frozenset())
