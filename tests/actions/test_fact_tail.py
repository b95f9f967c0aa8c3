"""A phone corrected by its last digits (actions/fact_tail.py), read by the form."""

from __future__ import annotations

import pytest

from actions.fact_tail import corrected_by_ending, corrected_in_part
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


@pytest.mark.parametrize(
    ("text", "known", "corrected"),
    [
        ("ой, не gmial, а gmail конечно, опечаталась", "asya.r@gmial.com", "asya.r@gmail.com"),
        ("sorry, it's outlook not outloook", "ezra@outloook.com", "ezra@outlook.com"),
        ("not ezra.w but ezra.wh", "ezra.w@outlook.com", "ezra.wh@outlook.com"),
        # no part of the known address named, or nothing known
        ("не надо, а вот номер заказа", "asya.r@gmial.com", None),
        ("не gmial, а gmail", None, None),
    ],
)
def test_an_email_corrected_by_the_part_typed_wrong(
    text: str, known: str | None, corrected: str | None
):
    assert corrected_in_part(text, known) == corrected


async def test_the_form_mends_the_email_where_the_order_number_is_asked():
    slots = {**ANNA, "email": "asya.r@gmial.com"}
    _, events = await answer("handoff_order_number", "ой, не gmial, а gmail конечно", slots)
    assert slots_of(events)["email"] == "asya.r@gmail.com"
