"""Handoff facts told in other words than the question's: an attempt told by its failed result or
a verb of fixing, a fact the customer cannot give now, a name written alone in lower case, and a
request to be put through to the agent written to."""

from __future__ import annotations

import pytest

from actions.form_words import denies_fact
from actions.handoff_reading import name_from
from actions.handoff_tried import reports_attempt
from actions.handoff_trigger import asks_for_person


@pytest.mark.parametrize(
    "text",
    [
        "Приложение вылетает при открытии корзины. Переустанавливала — не помогло.",
        "перезагрузила телефон, всё так же",
        "звонила в банк, без толку",
        "вышла из аккаунта и зашла снова — ничего не изменилось",
        "ok, still want the agent. I cleared the cache and reinstalled the app, same error",
        "logged out and back in, same error",
        "Cleared the cache, still crashing",
        # the noun before the verb is what was fixed, not who fixed it: they do not agree
        "я уже и в настройках их включала, и приложение переустанавливала",
    ],
)
def test_an_attempt_told_by_a_fix_or_its_failed_result(text: str):
    assert reports_attempt(text)


@pytest.mark.parametrize(
    "text",
    [
        "статья не помогла, позовите оператора",
        "это я уже читала, не помогает. Мне нужен живой сотрудник",
        "обновила приложение, и теперь вылетает",
        "мастер перезагрузил роутер, интернет пропал",
        "приложение перезагрузилось само",
        "я не перезагружала телефон",
        "не помогло",
        "the app crashes when I open my orders",
    ],
)
def test_a_problem_or_a_verdict_on_an_article_is_no_attempt(text: str):
    assert not reports_attempt(text)


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("версию не подскажу, телефон сейчас не со мной", True),
        ("не могу посмотреть", True),
        ("номер не запомнила", True),
        ("сейчас не смогу проверить", True),
        ("телефона рядом нет", True),
        ("can't check, don't have my phone on me", True),
        ("my phone isn't with me", True),
        ("sorry, can't look it up now", True),
        ("приложение не видит карту", False),
        ("курьер не нашёл адрес", False),
        ("не могу войти в приложение", False),
        ("the app can't find my order", False),
        ("it doesn't open", False),
    ],
)
def test_a_fact_the_customer_cannot_give_now(text: str, denies: bool):
    assert denies_fact(text) is denies


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("arjun", "Arjun"),
        ("arjun.", "Arjun"),
        ("arjun, 07700 900123", "Arjun"),
        ("nope", None),
        ("idk", None),
        ("anonymous", None),
        ("help", None),
        ("не скажу", None),
        ("???", None),
        ("www.example.com", None),
        ("4276 1234 5678 9012", None),
        ("arjun please", None),
    ],
)
def test_a_lone_lower_case_name_is_a_name(text: str, name: str | None):
    assert name_from(text) == name


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Добрый день, Татьяна! Вы вчера мне отвечали, переключите, пожалуйста, снова на вас.",
            True,
        ),
        ("можно меня перевести на вас?", True),
        ("свяжите меня, пожалуйста", True),
        ("please transfer me to you", True),
        ("switch me back to you", True),
        ("подключите меня к акции", False),
        ("переведите деньги на карту", False),
        ("как подключить вас к умному дому", False),
        ("где переключить язык приложения", False),
        ("transfer money to my card", False),
    ],
)
def test_a_request_to_be_put_through_in_other_words(text: str, asks: bool):
    assert asks_for_person(text) is asks


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ну ладно, Вадим. телефон 8-985-227-61-09, заказ 45 206 913", "Вадим"),
        ("хорошо. Вадим", "Вадим"),
        ("ok fine, Jack", "Jack"),
        ("Да, конечно. Анна Петрова", "Анна Петрова"),
        ("ну ладно, курьер не приехал. Москва", None),
        ("ок. www.example.com", None),
    ],
)
def test_a_name_given_after_a_word_or_two_that_lead_in(text: str, name: str | None):
    """Given after all, once the customer gives in: the lead-in is no part of the name."""
    assert name_from(text) == name
