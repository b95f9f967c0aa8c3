"""Which topic a handoff's problem message has: the NLU's first intent, else the help article the
search finds, else a topic ranked next, else the message's words."""

from __future__ import annotations

from collections.abc import Sequence

from actions.handoff_topic import no_articles, problem_topic, topic_of_words
from tests.actions.conftest import TOPICS

PUSH = "Перестали приходить пуш-уведомления о статусе заказа в приложении. Соедините с сотрудником"


def parse(*ranking: tuple[str, float]) -> dict:
    return {"intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}


def notifications(text: str, language: str) -> Sequence[str]:
    return ["Уведомления: настройка, отписка и если они не приходят notifications-ru"]


def test_a_request_for_a_person_takes_the_topic_of_the_article_the_search_finds():
    """The NLU ranks the order topic next to the request; the article is about the app."""
    reading = parse(("request_human", 0.8), ("order_status", 0.15))
    assert problem_topic(reading, PUSH, TOPICS, "ru", notifications) == "technical"
    assert problem_topic(reading, PUSH, TOPICS, "ru", no_articles) == "orders"


def test_the_nlus_own_topic_comes_first_and_the_search_is_not_asked():
    def fail(text: str, language: str) -> Sequence[str]:
        raise AssertionError("searched")

    reading = parse(("payment_failed", 0.9), ("request_human", 0.05))
    assert problem_topic(reading, "не проходит оплата", TOPICS, "ru", fail) == "payment"


def test_an_article_without_topic_words_leaves_the_ranking_and_the_words_to_decide():
    def contacts(text: str, language: str) -> Sequence[str]:
        return ["Как связаться с поддержкой contacts-ru"]

    reading = parse(("request_human", 0.9), ("order_status", 0.01))
    text = "курьер не приехал, позовите человека"
    assert problem_topic(reading, text, TOPICS, "ru", contacts) == "orders"
    assert problem_topic(reading, "позовите человека", TOPICS, "ru", contacts) is None


def test_a_promo_code_changes_what_an_order_costs_so_its_number_is_asked():
    def promo(text: str, language: str) -> Sequence[str]:
        return ["Как применить промокод promo-codes-ru"]

    reading = parse(("nlu_fallback", 0.9))
    text = "позовите сотрудника: промокод не применился"
    assert problem_topic(reading, text, TOPICS, "ru", promo) == "payment"
    assert topic_of_words("my promo code was rejected at checkout") == "payment"


def test_the_words_count_per_form_topic():
    assert topic_of_words("курьер не привёз заказ, оплата прошла") == "orders"
    assert topic_of_words("app crashes with an error after the payment") == "technical"
    assert topic_of_words("не могу войти в личный кабинет") == "account"
    assert topic_of_words("хочу поговорить с человеком") is None
