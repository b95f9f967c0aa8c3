"""actions/handoff_signals.py: a customer who has had enough is told from one who asks, by the
kinds of signal in the message rather than its wording."""

from __future__ import annotations

import pytest

from actions.handoff_signals import demands_action, escalates, grievance_signals, grieves


@pytest.mark.parametrize(
    "text",
    [
        "Это безобразие! Третью неделю жду возврат",
        "Pathetic. I've been writing to you for two weeks and no one replies",
        "почему курьер второй день не приезжает? я весь день дома!",
        "the parcel was promised for Friday, still nothing. Ridiculous",
        "Разберитесь с моим заказом, пожалуйста",
        "please sort this out, the wrong size came twice",
    ],
)
def test_escalates(text: str):
    assert escalates(text)


@pytest.mark.parametrize(
    "text",
    [
        # plain questions, "why" ones too, are answered
        "почему не приходит код на почту?",
        "why was my order split into two parcels?",
        "Здравствуйте! Почему заказ в статусе «Собирается»?",
        # one signal only: answered with a line of empathy
        "списали деньги ДВА раза за один заказ!!! верните вторую оплату",
        "каждый день приложение просит войти заново, задолбало",
        "курьер опять не приехал, что делать?",
        "I'll sort it out myself, thanks",
        "помогите разобраться с бонусами",
        # the item's age is no wait
        "Смарт-часы перестали заряжаться через 8 месяцев, сервисный центр отказал. А часы "
        "вообще-то водонепроницаемые!",
    ],
)
def test_does_not_escalate(text: str):
    assert not escalates(text)


def test_signals_are_counted_by_kind_not_by_word():
    assert grievance_signals("ужас, кошмар, отвратительно") == 1
    assert grievance_signals("ужас! уже две недели") == 3


@pytest.mark.parametrize(
    "text",
    [
        "You charged me twice, I want someone now",
        "срочно нужен сотрудник, деньги списали дважды",
        "верните деньги, это уже третий день",
    ],
)
def test_a_grievance_beside_a_request_for_a_person(text: str):
    assert grieves(text)


@pytest.mark.parametrize("text", ["хочу вернуть наушники, позовите сотрудника", "agent please"])
def test_no_grievance(text: str):
    assert not grieves(text)


def test_only_the_company_is_told_to_act():
    assert demands_action("Разберитесь уже!")
    assert not demands_action("не могу разобраться, как вернуть товар")
