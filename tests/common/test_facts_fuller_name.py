"""A first name written again later in the same message with its surname is the name the message
gives: "I'm Rachel. Rachel Goldberg, ¶"; the same word inside an address is no name."""

from __future__ import annotations

import pytest

from bot.common.facts import extract_facts


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I'm Rachel. Rachel Goldberg, +7 903 210 88 46", "Rachel Goldberg"),
        ("Я Вера. Вера Соколова, 8 903 210 88 46", "Вера Соколова"),
        ("I'm Victoria, I live on Victoria Street, order 60 317 294", "Victoria"),
        ("Меня зовут Аня. Анна Смирнова, anna@mail.ru", "Аня"),
    ],
)
def test_the_fuller_form_of_the_same_name_counts(text: str, name: str):
    assert extract_facts(text).name == name
