"""A real question inside the form is answered even when it also says the answer is not to hand:
"а пароль как сменить? я его не помню, поэтому номер заказа и не вижу" wants an answer, not a
skipped question."""

from __future__ import annotations

from actions.handoff_form import PAUSED_SLOT
from actions.handoff_questions import SKIPPED
from tests.actions.conftest import slot
from tests.actions.test_handoff_form import answer, slots_of

KNOWN = {"customer_name": "Филипп", "phone": "+79604417283", "handoff_topic": "orders"}


async def test_a_question_that_says_the_number_is_not_to_hand_pauses_the_form():
    text = "а как пароль поменять в личном кабинете? я его не помню, поэтому номер заказа и не вижу"
    replies, events = await answer("handoff_order_number", text, KNOWN, "account_password_reset")
    assert replies == []
    assert slot(events, PAUSED_SLOT) is True
    assert slots_of(events).get("handoff_order_number") is None


async def test_a_skip_without_a_question_still_skips():
    text = "номер заказа не помню, не могу найти"
    _, events = await answer("handoff_order_number", text, KNOWN)
    assert slot(events, "handoff_order_number") == SKIPPED
    assert PAUSED_SLOT not in slots_of(events)
