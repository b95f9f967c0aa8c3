"""The one vocabulary of topic words: Russian stems, whole English words with their endings."""

from __future__ import annotations

import pytest

from actions.topic_words import topic_hits, topic_of_word


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
