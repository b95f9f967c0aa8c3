"""The one fold of the action server: messages are read the way its patterns are written."""

from __future__ import annotations

import pytest

from actions.handoff_trigger import asks_for_person
from actions.text_fold import folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Всё ЕЩЁ жду", "все еще жду"),
        ("I’m WAITING", "i'm waiting"),
        ("Ёлка, don’t", "елка, don't"),
        ("", ""),
        (None, ""),
        # Russian typed in Latin letters, as the NLU and the search read it; e-mails as typed
        ("nomer zakaza ne pomnyu", "номер заказа не помню"),
        ("Snezhana, pochta s.kop@mail.ru", "снежана, почта s.kop@mail.ru"),
        ("never mind, found it", "never mind, found it"),
    ],
)
def test_lower_case_e_for_yo_and_a_plain_apostrophe(text, expected):
    assert folded(text) == expected


def test_a_typographic_apostrophe_reads_like_a_plain_one_in_a_pattern():
    # NOT_A_PERSON is written "i'?m ... manager": the customer's own job is no request for one.
    assert asks_for_person("I'm a manager, can I get an invoice for my company?") is False
    assert asks_for_person("I’m a manager, can I get an invoice for my company?") is False
