"""Russian written by ear is spelled as the dictionary has it; words it knows are never changed."""

from __future__ import annotations

import pytest

from retrieval.misspelling import spelled, spelled_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("как атписаца от смс с акцыями", "как отписаться от смс с акциями"),
        ("а патратить их можна на аплату доставки?", "а потратить их можно на оплату доставки?"),
        ("заказ палучила 5 дней назат", "заказ получила 5 дней назад"),
        ("Приложение вылитает при запуске", "Приложение вылетает при запуске"),
        ("курьер пришол без звонка", "курьер пришел без звонка"),
    ],
)
def test_words_written_by_ear_are_spelled(text: str, expected: str):
    assert spelled_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ссылка из смс протухла походу",  # every word known
        "забыл пасс от акка",  # short slang
        "приложение крашится и лагает",  # chat words that sound like others
        "у меня coupon не применяется, пишет expired",  # Latin words
        "Здравствуйте, я Ахтенберг, заказ 45873921",  # a surname no change makes known
        "это Стася, заказ не пришёл",  # a name inside a sentence
        "щас сфоткаю и отправлю",  # voiced and voiceless alike only at a word's end
    ],
)
def test_known_short_chat_and_foreign_words_stay_as_typed(text: str):
    assert spelled_text(text) == text


def test_a_known_word_is_never_changed_even_if_another_is_likelier():
    assert spelled("кот") == "кот"
    assert spelled("код") == "код"
