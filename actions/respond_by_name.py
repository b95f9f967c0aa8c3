"""Greets, thanks and says goodbye by name when the name is known; a greeting or thanks that also
asks for a person ("спасибо, но соедините с человеком") starts the handoff instead.

Rasa's conditional responses cannot test "slot is set", so the choice between `utter_X` and
`utter_X_named` is made here.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_trigger import hand_over, wants_person
from actions.safe import SafeAction


class ActionRespondByName(SafeAction):
    def name(self) -> str:
        return "action_respond_by_name"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if wants_person(str(tracker.latest_message.get("text") or "")):
            return hand_over("requested")
        utter_by_name(dispatcher, tracker, domain)
        return []


def utter_by_name(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> None:
    """The intent's `utter_X_named` with the customer's name when both exist, else `utter_X`."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or "greet"
    name = tracker.get_slot("customer_name")
    named = f"utter_{intent}_named"
    if name and named in domain.get("responses", {}):
        dispatcher.utter_message(response=named, name=name)
    else:
        dispatcher.utter_message(response=f"utter_{intent}")
