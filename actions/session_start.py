"""Starts a session and takes the customer's name and email from the website, so nobody asks for
them twice."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.customer import clean_name
from actions.safe import SafeAction
from bot.common.contacts import normalise_email

METADATA_SLOT = "session_started_metadata"
CARRIED_SLOTS = ("language", "customer_name", "order_number", "email", "phone", "app_version")


class ActionSessionStart(SafeAction):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        for slot in CARRIED_SLOTS:
            value = tracker.get_slot(slot)
            if value is not None:
                events.append(SlotSet(slot, value))
        metadata = tracker.get_slot(METADATA_SLOT) or {}
        if isinstance(metadata, dict):
            name = clean_name(metadata.get("name"))
            if name:
                events.append(SlotSet("customer_name", name))
            email = normalise_email(metadata.get("email"))
            if email:
                events.append(SlotSet("email", email))
        events.append(ActionExecuted("action_listen"))
        return events
