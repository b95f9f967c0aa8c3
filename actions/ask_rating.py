"""After a person closes the case (the gateway triggers intent handoff_closed), ask for a rating."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.safe import SafeAction


class ActionAskRating(SafeAction):
    def name(self) -> str:
        return "action_ask_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_rating")
        return [SlotSet("rating_requested", True), SlotSet("handoff_ticket", None)]
