"""A past verb that agrees with a subject told in the clause before is that subject's doing, not
the customer's: "сборщик пришёл и ушёл, сказал, что перенесут" tells nothing the customer tried."""

from __future__ import annotations

import pytest

from actions.handoff_tried import tells_what_was_tried


@pytest.mark.parametrize(
    "text",
    [
        "а сборщик пришёл без инструментов и ушёл, сказал, что перенесут. Заказ 29 883 051",
        "курьер приехал поздно, позвонил за минуту, отдал не ту коробку",
    ],
)
def test_the_verbs_of_someone_named_before_are_not_what_the_customer_tried(text: str):
    assert not tells_what_was_tried(text)


@pytest.mark.parametrize(
    "text",
    [
        "заказ не пришёл, звонила в банк",
        "приложение вылетает, переустанавливал его дважды",
        "курьер не приехал, я звонил в службу доставки",
        "деньги не вернулись, писала в поддержку",
    ],
)
def test_a_verb_that_does_not_agree_with_the_subject_before_is_the_customers(text: str):
    assert tells_what_was_tried(text)
