"""A request for a person that says the answer did not help, with a word between ("that doesn't
really help, can I speak to someone?"), goes on from the message before: the problem stays."""

from __future__ import annotations

import pytest

from actions.handoff_problem import continues


@pytest.mark.parametrize(
    "text",
    [
        "That doesn't really help, can I speak to someone?",
        "this didn't actually work, put me through please",
        "it doesn't help",
    ],
)
def test_an_answer_that_did_not_help_goes_on_from_the_message_before(text: str):
    assert continues(text)


def test_a_new_problem_does_not_go_on():
    assert not continues("the app doesn't open at all")
