"""Chat spelling of Russian in Latin letters read back word by word, with the real dictionary."""

from __future__ import annotations

import pytest

from retrieval.chat_spelling import chat_reading, readings
from retrieval.word_lists import word_lists


@pytest.fixture(scope="module")
def is_known():
    lists = word_lists()
    assert lists is not None, "pymorphy's dictionary ships with the project"
    return lists[0]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (
            "hochu obmenyat elektrochainik na drugoi cvet",
            "хочу обменят электрочайник на другой цвет",
        ),
        ("belyi ne podoshel k kuhne", "белый не подошел к кухне"),
        ("seichas ne mogu voiti v lichnyi kabinet", "сейчас не могу войти в личный кабинет"),
        ("privet ne prihodit kod v sms", "привет не приходит код в смс"),
        ("zdravstvuite, kak vernut den'gi?", "здравствуйте, как вернут деньги?"),
    ],
)
def test_chat_spelling_is_read_as_the_dictionary_knows_it(is_known, typed: str, read: str):
    assert chat_reading(typed, is_known) == read


def test_a_word_the_dictionary_knows_in_no_reading_keeps_its_first():
    assert chat_reading("zzqx 5", lambda word: False) == "ззккс 5"


def test_each_word_has_its_usual_reading_first_and_a_soft_sign_after_it():
    assert readings("cvet")[0] == "цвет"
    assert readings("obmenyat")[:2] == ["обменят", "обменять"]
    assert readings("naïve") == []  # not chat spelling: left as typed
