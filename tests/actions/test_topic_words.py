"""The one vocabulary of topic words: Russian stems, whole English words with their endings."""

from __future__ import annotations

import pytest

from actions.topic_words import on_the_website_only, topic_hits, topic_of_word


@pytest.mark.parametrize(
    ("word", "topic"),
    [
        ("доставкой", "delivery"),
        ("курьер", "delivery"),
        ("списали", "payment"),
        ("возврата", "return"),
        ("приложении", "app"),
        ("уведомления", "app"),
        ("аккаунт", "account"),
        ("заказа", "order"),
        ("refunds", "return"),
        ("charged", "payment"),
        ("crashes", "app"),
        ("notifications", "app"),
        ("delivered", "delivery"),
        ("logging", "account"),
    ],
)
def test_words_name_their_topic(word, topic):
    assert topic_of_word(word) == topic


@pytest.mark.parametrize("word", ["apple", "appreciate", "signal", "аккумулятор", "платье"])
def test_words_that_only_begin_like_a_topic_word_name_none(word):
    assert topic_of_word(word) is None


def test_hits_are_found_in_order_with_yo_read_as_e():
    assert topic_hits("Платёж прошёл, а заказ не доставлен") == [(0, "payment"), (3, "order")]


def test_a_banks_app_names_no_topic_of_the_store():
    assert topic_hits("both are completed in my banking app") == []
    assert topic_hits("в приложении банка два списания") == [(4, "payment")]
    assert topic_hits("приложение банка") == []
    assert topic_hits("в вашем приложении нет кнопки") == [(2, "app")]


def test_the_app_where_an_orders_status_is_seen_names_no_topic():
    assert topic_hits("а в приложении обе позиции «получено»") == []
    assert topic_hits("the app shows status shipped") == []
    assert topic_hits("в приложении пишет ошибка") == [(1, "app"), (3, "app")]


def test_the_site_where_something_is_gives_way_to_the_topic_named():
    assert topic_hits("the cordless vacuum on your site, I haven't ordered yet") == [(9, "order")]
    assert topic_hits("на сайте не проходит оплата") == [(4, "payment")]
    assert topic_hits("на сайте не открывается корзина") == [(1, "app")]  # nothing else named
    assert topic_hits("сайт не грузится, заказ не оформить") == [(0, "app"), (3, "order")]


def test_a_problem_on_the_website_only():
    assert on_the_website_only(["your website shows a blank page", "other sites load fine"])
    assert not on_the_website_only(["сайт не грузится", "и в приложении тоже"])
    assert not on_the_website_only(["the app crashes"])
    assert on_the_website_only(["сайт не открывает оформление", "приложением не пользуюсь"])
    assert on_the_website_only(["The website shows a blank page", "it's the website, not the app"])
    # the app named only to say it works
    assert on_the_website_only(["on your website the language resets", "the app is fine btw"])
    assert on_the_website_only(["на сайте не нажимается «В корзину», в приложении всё норм"])


def test_promos_are_messages_and_a_promo_code_is_payment():
    assert topic_hits("Stop texting me your promos! I switched SMS offers off") == []
    assert topic_hits("promo emails every day, unsubscribe me") == []
    assert [topic for _, topic in topic_hits("the promo code SPRING15 is not valid")] == ["payment"]
    assert [topic for _, topic in topic_hits("my promo doesn't work")] == ["payment"]
