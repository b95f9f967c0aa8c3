"""Calling the handoff off by doing it oneself, in free words: "ладно, попробую поменять в
приложении", "actually no, I'll just try changing it in the app"; a problem that tells of an
attempt is no such thing."""

from __future__ import annotations

import pytest

from actions.form_words import cancels_request


@pytest.mark.parametrize(
    "text",
    [
        "actually no, I'll just try changing it in the app",
        "ok, I'll try resetting it myself",
        "ладно, попробую поменять в приложении",
        "нет, тогда сама попробую",
    ],
)
def test_doing_it_oneself_calls_the_request_off(text: str):
    assert cancels_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "когда попробую войти, пишет ошибку",
        "I tried changing it in the app twice",
        "I'll try something else if you tell me what",
        "попробую оплатить снова — ошибка",
    ],
)
def test_an_attempt_told_in_a_problem_is_no_change_of_mind(text: str):
    assert not cancels_request(text)
