"""An item that fails is a store question whatever the NLU reads (actions/item_failure.py)."""

from __future__ import annotations

import pytest

from actions.answer_from_knowledge import question_placement
from actions.item_failure import tells_an_item_failing


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("посудомойка течет снизу, месяц как поставили. что делать", True),
        ("пылесос через 10 месяцев начал вонять горелым и сам вырубается", True),
        ("Посудомоечная машина после первого же запуска не сливает воду", True),
        ("my coffee machine stopped heating water after 8 months, what do I do?", True),
        ("the blender i got last month smells like something burnt", True),
        ("my kettle's started dripping from underneath", True),
        ("which robot vacuum is better for a small flat with carpets?", False),
        ("вы делаете гравировку на технике?", False),
        ("в анадырь возите вообще?", False),
        ("I won't be home on thursday", False),
    ],
)
def test_an_item_that_fails(text: str, failing: bool):
    assert tells_an_item_failing(text) is failing


def test_a_failing_item_the_nlu_puts_outside_is_searched():
    text = "my coffee machine stopped heating water after 8 months, what do I do?"
    assert question_placement("out_of_scope", 0.95, text) == "unplaced"
    advice = "which robot vacuum is better for a small flat with carpets?"
    assert question_placement("out_of_scope", 0.95, advice) == "off_topic"
    # how to use it is still the maker's
    use = "колонка не подключается к телевизору, как её подключить?"
    assert question_placement("out_of_scope", 0.95, use) == "off_topic"
