"""Sends the finished case to the gateway and tells the customer the ticket and what happens next.

If the gateway is down or refuses the case, the customer is told the truth that matters to them
(the request is saved, a person will write to the contact they left), the case stays in the
`handoff_pending_case` slot, and the next request for a person sends it again. A cancelled form
ends here too, with no case.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import language_of
from actions.client_action import GatewayAction
from actions.gateway_client import GatewayError
from actions.handoff_case import build_case, contact_of
from bot.common.masking import conversation_ref

log = logging.getLogger(__name__)
# Reset after a case is sent or cancelled, so the next handoff starts afresh; what the customer
# told about themselves (name, contact, order number) is kept.
CASE_SLOTS = (
    "handoff_reason",
    "handoff_priority",
    "handoff_topic",
    "handoff_intent",
    "handoff_contact",
    "handoff_order_number",
    "handoff_app_version",
    "handoff_problem",
    "handoff_tried",
    "handoff_cancelled",
    "handoff_pending_case",
)


def fresh_start() -> list[EventType]:
    return [
        *(SlotSet(slot, None) for slot in CASE_SLOTS),
        SlotSet("low_confidence_count", 0.0),
        SlotSet("kb_unhelpful_count", 0.0),
    ]


class ActionHandoffSubmit(GatewayAction):
    def name(self) -> str:
        return "action_handoff_submit"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = conversation_ref(tracker.sender_id)
        if tracker.get_slot("handoff_cancelled"):
            log.info("handoff.cancelled conversation=%s", reference)
            dispatcher.utter_message(response="utter_handoff_cancelled")
            return fresh_start()
        case = build_case(tracker)
        try:
            receipt = await self.client.submit_handoff(case)
        except GatewayError as error:
            log.warning("handoff.submit.failed conversation=%s error=%s", reference, error)
            dispatcher.utter_message(response="utter_handoff_saved", contact=contact_of(case))
            return [SlotSet("handoff_pending_case", case)]
        log.info(
            "handoff.submitted conversation=%s ticket=%s state=%s",
            reference,
            receipt.ticket,
            receipt.state,
        )
        offline = receipt.state == "ticket"
        dispatcher.utter_message(
            response="utter_handoff_ticket" if offline else "utter_handoff_queued",
            ticket=receipt.ticket,
            expected=receipt.expected.get(language_of(tracker), ""),
        )
        return [*fresh_start(), SlotSet("handoff_ticket", receipt.ticket)]
