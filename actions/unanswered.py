"""Questions the bot could not answer, in a row: the second offers a person, the third brings one.

"In a row" means the bot's reply to the customer's previous message was "no ready answer" too
(`utter_kb_no_answer` or `utter_out_of_scope`), so a greeting or a thanks in between breaks the
streak. Messages the bot could not place at all (nlu_fallback: "do you take the old washing
machine away?") are counted in the `low_confidence_count` slot; one it placed outside the help
center (out_of_scope: jobs, pizza, football; or a kind of question the help center has no article
for: "which laptop should I buy") is not, and ends the count.

The second question left without an answer offers a person with a button, and the customer
decides (issue 18: "two unanswered questions in a row offer a person with a button"); before, two
store questions started the handoff unasked. A third store question in a row, the offer not
taken, means the customer is getting nowhere: a person takes over.
"""

from __future__ import annotations

from typing import Literal

from rasa_sdk import Tracker

from actions.conversation import previous_reply, reply_names

MISS_SLOT = "low_confidence_count"
NO_ANSWER_REPLIES = frozenset({"utter_kb_no_answer", "utter_out_of_scope"})
Miss = Literal["unknown", "off_topic"]


# The store questions in a row without an answer after which a person takes over.
HAND_OVER_AFTER = 3


def unplaced_in_a_row(tracker: Tracker) -> int | None:
    """None when the customer's previous message was answered; else how many store questions in a
    row went unanswered up to it (0: it was off-topic). The events are read once for both."""
    turn = previous_reply(list(tracker.events or []))
    if not reply_names(turn) & NO_ANSWER_REPLIES:
        return None
    counts = [
        e.get("value") for e in turn if e.get("event") == "slot" and e.get("name") == MISS_SLOT
    ]
    return int(counts[-1] or 0) if counts else 0


def miss_of(unplaced: int | None) -> Miss | None:
    """How a message went unanswered, from `unplaced_in_a_row`; None when it did not."""
    if unplaced is None:
        return None
    return "unknown" if unplaced >= 1 else "off_topic"


def previous_miss(tracker: Tracker) -> Miss | None:
    """How the customer's previous message went unanswered, or None when it did not."""
    return miss_of(unplaced_in_a_row(tracker))


def misses_now(current: Miss, unplaced_before: int | None) -> int:
    """The store questions in a row without an answer, this one included."""
    return (unplaced_before or 0) + 1 if current == "unknown" else 0


def hand_over_now(misses: int) -> bool:
    """A third store question in a row without an answer: a person takes over."""
    return misses >= HAND_OVER_AFTER
