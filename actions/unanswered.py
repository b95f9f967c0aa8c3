"""Questions the bot could not answer, in a row: the second brings in a person.

"In a row" means the bot's reply to the customer's previous message was "no ready answer" too
(`utter_kb_no_answer` or `utter_out_of_scope`), so a greeting or a thanks in between breaks the
streak. A message the bot could not place at all (nlu_fallback: "do you take the old washing
machine away?") is also counted in the `low_confidence_count` slot; one it placed outside the help
center (out_of_scope: jobs, pizza, football; or a kind of question the help center has no article
for: "which laptop should I buy") is not.

What a person is brought in with depends on the questions: two the bot could not place start the
handoff, as they are store questions a person can answer; when either was off-topic, a person is
offered with a button, and the customer decides.
"""

from __future__ import annotations

from typing import Literal

from rasa_sdk import Tracker

from actions.conversation import previous_reply, reply_names

MISS_SLOT = "low_confidence_count"
NO_ANSWER_REPLIES = frozenset({"utter_kb_no_answer", "utter_out_of_scope"})
Miss = Literal["unknown", "off_topic"]


def previous_miss(tracker: Tracker) -> Miss | None:
    """How the customer's previous message went unanswered, or None when it did not."""
    turn = previous_reply(list(tracker.events or []))
    if not reply_names(turn) & NO_ANSWER_REPLIES:
        return None
    unplaced = any(
        e.get("event") == "slot" and e.get("name") == MISS_SLOT and (e.get("value") or 0) >= 1
        for e in turn
    )
    return "unknown" if unplaced else "off_topic"


def hand_over_now(current: Miss, previous: Miss | None) -> bool:
    """Two store questions in a row without an answer: a person takes over."""
    return current == "unknown" and previous == "unknown"
