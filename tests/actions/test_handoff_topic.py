"""Which topic a handoff's problem message has: the NLU's first intent, else the help article the
search finds, else a topic ranked next, else the message's words."""

from __future__ import annotations

from collections.abc import Sequence

from actions.handoff_topic import (
    ArticleSearch,
    agreed_neighbour,
    no_articles,
    problem_topic,
    topic_of_words,
)
from tests.actions.conftest import TOPICS

PUSH = "Перестали приходить пуш-уведомления о статусе заказа в приложении. Соедините с сотрудником"


def parse(*ranking: tuple[str, float]) -> dict:
    return {"intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}


def finding(article: str) -> ArticleSearch:
    """A search that finds `article` (its title, tags and id) for any message."""

    def search(text: str, language: str) -> Sequence[str]:
        return [article]

    return search


notifications = finding("Уведомления: настройка, отписка и если они не приходят notifications-ru")


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
    contacts = finding("Как связаться с поддержкой contacts-ru")
    reading = parse(("request_human", 0.9), ("order_status", 0.01))
    text = "курьер не приехал, позовите человека"
    assert problem_topic(reading, text, TOPICS, "ru", contacts) == "orders"
    assert problem_topic(reading, "позовите человека", TOPICS, "ru", contacts) is None


def test_a_promo_code_changes_what_an_order_costs_so_its_number_is_asked():
    promo = finding("Как применить промокод promo-codes-ru")
    reading = parse(("nlu_fallback", 0.9))
    text = "позовите сотрудника: промокод не применился"
    assert problem_topic(reading, text, TOPICS, "ru", promo) == "payment"
    assert topic_of_words("my promo code was rejected at checkout") == "payment"


def test_words_that_name_only_another_topic_overrule_the_nlus_first_intent():
    """ "code" read as signing in: the words name a payment, so the order number is asked; words
    that also name the NLU's topic leave it first."""
    promo = "My promo code was accepted at checkout but I was charged the full price anyway"
    reading = parse(("account_login", 0.7), ("request_human", 0.2))
    assert problem_topic(reading, promo, TOPICS, "en", no_articles) == "payment"
    kettle = "мне привезли чайник не того цвета, заказывала белый, а пришёл красный"
    reading = parse(("return_item", 0.9))
    topics = {**TOPICS, "return_item": "returns"}
    assert problem_topic(reading, kettle, topics, "ru", no_articles) == "returns", (
        "orders ask the same"
    )
    profile = "Не могу изменить почту в профиле, при сохранении приложение пишет ошибку"
    reading = parse(("tech_app_crash", 0.8))
    assert problem_topic(reading, profile, TOPICS, "ru", no_articles) == "technical"


def test_words_that_name_only_another_topic_overrule_the_weaker_readings_too():
    tracking = finding("Трек-номер и отслеживание посылки order-tracking-ru")
    parcel = (
        "пришло смс, что посылка в пункте выдачи, а там говорят, что её нет. позовите оператора"
    )
    next_ranked = parse(("request_human", 0.8), ("account_code_not_received", 0.15))
    assert problem_topic(next_ranked, parcel, TOPICS, "ru", no_articles) == "orders"
    code = "не приходит смс с кодом для входа в аккаунт, позовите оператора"
    assert problem_topic(next_ranked, code, TOPICS, "ru", no_articles) == "account"
    promo = "My promo code was accepted but I was charged the full price, get me an agent"
    assert problem_topic(parse(("request_human", 0.9)), promo, TOPICS, "en", tracking) == "orders"


def test_the_words_count_per_form_topic():
    assert topic_of_words("курьер не привёз заказ, оплата прошла") == "orders"
    assert topic_of_words("app crashes with an error after the payment") == "technical"
    assert topic_of_words("не могу войти в личный кабинет") == "account"
    assert topic_of_words("хочу поговорить с человеком") is None


BROKEN = "сервиз пришёл с двумя разбитыми тарелками"
ORDER_NEIGHBOURS = [
    "Привезли не тот товар wrong-item-ru",
    "Посылка пришла повреждённой damaged-parcel-ru",
    "Привезли не весь заказ partial-delivery-ru",
]


def test_neighbours_that_agree_on_a_topic_give_it_when_no_article_fits():
    assert agreed_neighbour(BROKEN, ORDER_NEIGHBOURS) == [ORDER_NEIGHBOURS[0]]
    assert agreed_neighbour(BROKEN, ["Контакты contacts-ru", *ORDER_NEIGHBOURS[1:]]) == [
        ORDER_NEIGHBOURS[1]
    ]

    def abstains_near_orders(text: str, language: str) -> Sequence[str]:
        return agreed_neighbour(text, ORDER_NEIGHBOURS)

    reading = parse(("out_of_scope", 0.44), ("complaint", 0.06))
    assert problem_topic(reading, BROKEN, TOPICS, "ru", abstains_near_orders) == "orders"


def test_neighbours_that_disagree_or_name_no_topic_tell_nothing():
    mixed = [
        "Привезли не тот товар wrong-item-ru",
        "Ошибка приложения app-errors-ru",
        "Контакты contacts-ru",
    ]
    assert agreed_neighbour(BROKEN, mixed) == ()
    assert (
        agreed_neighbour(BROKEN, [ORDER_NEIGHBOURS[0], "Контакты contacts-ru", "О нас about-ru"])
        == ()
    )
    assert agreed_neighbour(BROKEN, []) == ()


def test_most_neighbours_asking_the_order_number_give_it():
    """A wrong item and a faulty one ask the same question; the account article is outvoted."""
    missing_dock = (
        "Получила робот-пылесос, а зарядной станции в коробке нет. Соедините с сотрудником"
    )
    neighbours = [
        "Привезли не тот товар wrong-item-ru",
        "Товар оказался бракованным или сломался возврат брак faulty-goods-ru",
        "Не получается войти в личный кабинет login-problems-ru",
    ]
    assert agreed_neighbour(missing_dock, neighbours) == [neighbours[0]]
    assert agreed_neighbour(missing_dock, [neighbours[0], neighbours[2]]) == ()


def test_a_technical_reading_of_a_device_that_broke_gives_way_to_the_article():
    """Taught on the app's crashes, the NLU reads a scooter that will not switch on as one."""

    faulty = finding("Товар оказался бракованным или сломался возврат брак faulty-goods-ru")
    reading = parse(("tech_app_crash", 0.9))
    scooter = "две недели покатался и всё, не включается совсем, даже индикатор заряда не горит"
    assert problem_topic(reading, scooter, TOPICS, "ru", faulty) == "returns"
    app = "приложение не включается, сразу закрывается"
    assert problem_topic(reading, app, TOPICS, "ru", faulty) == "technical"


def test_no_reading_of_a_device_that_broke_asks_for_the_app_version():
    """Its nearest articles (the app's crash first here) and the NLU's ranking read it as the
    app's problem too: neither may give it the technical topic."""
    crash = finding("Приложение вылетает или зависает приложение сбой app-crash-ru")
    reading = parse(("tech_app_crash", 0.58), ("order_status", 0.1))
    watch = "они перестали заряжаться, на зарядку вообще не реагируют"
    assert problem_topic(reading, watch, TOPICS, "ru", crash) != "technical"
    # a device that stopped charging is a faulty item's, whose order is looked up
    assert problem_topic(reading, watch, TOPICS, "ru", no_articles) == "returns"


def test_a_banks_app_is_not_the_stores():
    reading = parse(("nlu_fallback", 0.3))
    paid = "Both are completed in my banking app, not pending. I need a human to sort this out"
    assert problem_topic(reading, paid, TOPICS, "en", no_articles) is None


def test_a_question_the_help_center_cannot_answer_takes_no_topic_from_its_neighbours():
    """Asked before buying as often as after: no order number is asked for it."""
    assert agreed_neighbour("А подъём на 9 этаж без лифта у вас платный?", ORDER_NEIGHBOURS) == ()


def test_an_item_that_fails_is_a_faulty_items_before_a_request_for_a_call_is():
    contacts = finding("Как связаться с поддержкой contacts-en")
    reading = parse(("contacts_hours", 0.6), ("request_human", 0.2))
    text = "the hair straightener I got last week stopped heating. can someone call me?"
    assert problem_topic(reading, text, TOPICS, "en", contacts) == "returns"
    # the app failing is the app's
    assert problem_topic(reading, PUSH, TOPICS, "ru", notifications) == "technical"
