"""How any action hands the conversation to a person: remember why, then run action_handoff_start.

Kept apart so the knowledge and yes/no actions can trigger a handoff without knowing the form.
"""

from __future__ import annotations

from typing import Literal

from rasa_sdk.events import EventType, FollowupAction, SlotSet

Reason = Literal[
    "requested", "low_confidence", "not_helpful", "complaint", "negative", "always_human"
]
START_ACTION = "action_handoff_start"
# Two answers in a row the bot could not place, or two articles the customer said did not help.
LOW_CONFIDENCE_LIMIT = 2
NOT_HELPFUL_LIMIT = 2


def hand_over(reason: Reason) -> list[EventType]:
    return [SlotSet("handoff_reason", reason), FollowupAction(START_ACTION)]
