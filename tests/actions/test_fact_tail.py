"""A phone corrected by its last digits (actions/fact_tail.py), read by the form."""

from __future__ import annotations

import pytest

from actions.fact_tail import corrected_by_ending
from tests.actions.test_handoff_form import ANNA, answer, slots_of


@pytest.mark.parametrize(
    ("text", "known", "corrected"),
    [
        (
            "ой, в номере ошиблась, в конце 380, а не 308. заказ 18 452 097",
            "+996555214308",
            "+996555214380",
        ),
        (
            "54 019 386. oh and the phone's wrong, it ends in 5521 not 5512",
            "+16473085512",
            "+16473085521",
        ),
        ("не 12, а 21 в конце", "+79161234512", "+79161234521"),
        # the ending named is not the known number's, or no ending is named
        ("в конце 380, а не 308", "+79161234567", None),
        ("заказ 12345678", "+79161234567", None),
        ("в конце 380, а не 308", None, None),
    ],
)
def test_a_phone_corrected_by_its_ending(text: str, known: str | None, corrected: str | None):
    assert corrected_by_ending(text, known) == corrected


async def test_the_form_keeps_the_order_number_and_mends_the_phone():
    slots = {**ANNA, "phone": "+996555214308"}
    text = "ой, в номере ошиблась, в конце 380, а не 308. заказ 18 452 097"
    _, events = await answer("handoff_order_number", text, slots)
    filled = slots_of(events)
    assert filled["phone"] == "+996555214380"
    assert filled["handoff_order_number"] == "18452097"
