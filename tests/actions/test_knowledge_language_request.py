"""A request to switch language before the question is not what the search is asked."""

from __future__ import annotations

import pytest

from actions.knowledge_language_request import without_language_request


@pytest.mark.parametrize(
    ("text", "searched"),
    [
        ("sorry, can we talk in English? where is my parcel", "where is my parcel"),
        ("English please. My card was declined", "My card was declined"),
        ("можно по-русски? не приходит код", "не приходит код"),
        ("пишите, пожалуйста, по-английски. как вернуть товар", "как вернуть товар"),
        # an apology for the wrong language asks nothing either
        (
            "ой извините не на том языке. заказ 58201937 когда приедет?",
            "заказ 58201937 когда приедет?",
        ),
        ("sorry, wrong language! where is my order?", "where is my order?"),
        # the language named before a colon, as a label of what follows
        ("по-русски: вы в Германию доставляете?", "вы в Германию доставляете?"),
        ("in English: do you ship to Germany?", "do you ship to Germany?"),
    ],
)
def test_the_question_after_a_language_request_is_searched(text: str, searched: str):
    assert without_language_request(text) == searched


@pytest.mark.parametrize(
    "text",
    [
        "do you speak english?",  # only the request: the article on languages answers it
        "can i see the site in english",  # about the site, not this chat
        "Can I call your hotline and speak English? Also are prices shown in euros?",
        "у меня coupon не применяется, пишет expired",
        "можно сменить язык на другой?",  # about the site's language: its article answers
        "сменить язык не получается",
        "",
    ],
)
def test_other_messages_are_searched_whole(text: str):
    assert without_language_request(text) == text
