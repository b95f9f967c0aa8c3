"""Skip and cancel are whole answers, never words inside a longer answer."""

from __future__ import annotations

import pytest

from actions.form_words import means_cancel, means_skip


@pytest.mark.parametrize("text", ["Отмена", "отмена!", "cancel", "Передумал.", "never mind"])
def test_cancel(text: str):
    assert means_cancel(text)


@pytest.mark.parametrize("text", ["отмена заказа не проходит", "cancel my order", "оператор"])
def test_not_cancel(text: str):
    assert not means_cancel(text)


@pytest.mark.parametrize("text", ["не знаю", "Не знаю.", "skip", "пропустить", "I don't know", "-"])
def test_skip(text: str):
    assert means_skip(text)


def test_an_answer_is_not_a_skip():
    assert not means_skip("не знаю, что делать с заказом 45873921")
