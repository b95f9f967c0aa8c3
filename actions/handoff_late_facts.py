"""Facts a customer gives after their case was filed ("и ещё: если удобнее, можно ответить на
почту …"): they go into the open case, where the agent reads the case's fields, and the customer
is told so. Before, such a message was searched as a question and got the contacts article.
"""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.customer import stated_facts
from actions.gateway_client import GatewayClient, GatewayError, gateway
from actions.handoff_problem import fact_only
from bot.common.contacts import normalise_email
from bot.common.masking import conversation_ref

log = logging.getLogger(__name__)
# The facts an agent acts on; a name given late is no reason to change the case's.
LATE_FACTS = ("email", "phone", "order_number", "app_version")
FACTS_ADDED = "utter_handoff_facts_added"


def _given(tracker: Tracker) -> dict[str, str]:
    facts = stated_facts(tracker)
    if "email" in facts:
        facts["email"] = normalise_email(facts["email"]) or ""
    return {key: facts[key] for key in LATE_FACTS if facts.get(key)}


async def added_late_facts(
    dispatcher: CollectingDispatcher, tracker: Tracker, client: GatewayClient | None = None
) -> bool:
    """Adds the message's facts to the case filed in this conversation, if it is still open,
    and says so. True when the message gave only those facts: nothing is left to answer."""
    ticket = tracker.get_slot("handoff_ticket")
    given = _given(tracker) if ticket else {}
    if not given:
        return False
    try:
        ticket, added = await (client or gateway()).add_customer_facts(tracker.sender_id, given)
    except GatewayError as error:  # no open case any more, or the gateway is down
        log.info(
            "handoff.late_facts.skipped conversation=%s error=%s",
            conversation_ref(tracker.sender_id),
            error,
        )
        return False
    if not added:
        return False
    dispatcher.utter_message(response=FACTS_ADDED, ticket=ticket)
    return fact_only(str((tracker.latest_message or {}).get("text") or ""))
