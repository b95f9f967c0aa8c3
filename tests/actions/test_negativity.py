"""The negativity check: swearing alone, or two signs of anger, and nothing milder."""

from __future__ import annotations

import pytest

from actions.negativity import is_strongly_negative


@pytest.mark.parametrize(
    "text",
    [
        "бля, опять не работает",
        "вы обманщики, это ужасно",
        "this is a scam, terrible service",
        "WHY IS THIS SO TERRIBLE",
        "what the fuck is going on",
        "достали уже!!",
    ],
)
def test_strongly_negative(text: str):
    assert is_strongly_negative(text)


@pytest.mark.parametrize(
    "text",
    ["где мой заказ", "ужасно долго идёт доставка", "не могу войти!!", "the app is terrible", ""],
)
def test_not_strongly_negative(text: str):
    assert not is_strongly_negative(text)
