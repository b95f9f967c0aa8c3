"""A problem with something the customer bought is about an order, whatever the NLU made of it:
its number is what the agent looks up ("Пылесос, купленный у вас месяц назад, перестал
включаться")."""

from __future__ import annotations

import pytest

from actions.handoff_topic import no_articles, problem_topic, topic_of_words
from tests.actions.conftest import TOPICS


@pytest.mark.parametrize(
    "text",
    [
        "Пылесос, купленный у вас месяц назад, перестал включаться. Нужен специалист",
        "у меня вопрос по наушникам, которые я у вас покупал: левый не заряжается",
        "приобрела утюг, он не греет",
        "I bought a kettle from you last week and it leaks",
        "здравствуйте, получила вчера от вас робот-пылесос",
    ],
)
def test_verbs_of_buying_in_any_form_name_the_order_topic(text: str):
    assert topic_of_words(text) == "orders"


def test_a_fault_the_nlu_put_out_of_scope_asks_for_the_order():
    """The NLU's next guess for a faulty vacuum (a product question) asks nothing that fits."""
    ranking = [("out_of_scope", 0.7), ("account_login", 0.2)]
    reading = {"intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}
    text = "Пылесос, купленный у вас месяц назад, перестал включаться. Нужен специалист"
    assert problem_topic(reading, text, TOPICS, "ru", no_articles) == "orders"


def test_words_without_buying_or_a_topic_name_none():
    assert topic_of_words("соедините с человеком, пожалуйста") is None
    assert topic_of_words("получила смс с кодом") is None, "received, but not from the shop"
