"""Stores the customer's 1-5 rating of a closed case with the gateway and thanks them.

The rating comes from a button (`/rate{"rating": "4"}`) or is typed ("4", "ставлю пятёрку",
"4 out of 5"). A number typed when no rating was asked may be the choice of an article after a
clarifying question, or a question with a number in it, so the knowledge action answers it here.
It is run inside this action, not named as the next one: no rule follows it after this action, and
Rasa's fallback would add "I seem to have lost the thread" after the answer.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge
from actions.client_action import GatewayAction
from actions.gateway_client import GatewayError
from bot.common.masking import conversation_ref

log = logging.getLogger(__name__)
GOOD_RATING = 4
_DIGIT = re.compile(r"(?<![\d.,])[1-5](?![\d.,]*\d)")
WORDS = {
    1: ("один", "одна", "единиц", "кол", "one"),
    2: ("два", "две", "двойк", "двоечк", "two"),
    3: ("три", "тройк", "троечк", "three"),
    4: ("четыр", "четверк", "четвёрк", "four"),
    5: ("пять", "пятерк", "пятёрк", "five"),
}


def rating_in(text: str, entity: Any = None) -> int | None:
    """1-5 from a button's entity, a digit, or a number word; None if there is none."""
    if str(entity or "").strip() in {"1", "2", "3", "4", "5"}:
        return int(str(entity).strip())
    match = _DIGIT.search(text)
    if match:
        return int(match.group(0))
    for word in re.findall(r"\w+", text.lower()):
        for rating, stems in WORDS.items():
            if word.startswith(stems):
                return rating
    return None


class ActionStoreRating(GatewayAction):
    def name(self) -> str:
        return "action_store_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not tracker.get_slot("rating_requested"):
            return await ActionAnswerFromKnowledge().run(dispatcher, tracker, domain)
        text = tracker.latest_message.get("text") or ""
        rating = rating_in(text, next(tracker.get_latest_entity_values("rating"), None))
        if rating is None:
            dispatcher.utter_message(response="utter_rating_unclear")
            return []
        reference = conversation_ref(tracker.sender_id)
        try:
            await self.client.submit_rating(tracker.sender_id, rating)
        except GatewayError as error:
            log.warning("rating.submit.failed conversation=%s error=%s", reference, error)
        else:
            log.info("rating.stored conversation=%s rating=%d", reference, rating)
        thanks = "utter_rating_thanks_high" if rating >= GOOD_RATING else "utter_rating_thanks_low"
        dispatcher.utter_message(response=thanks)
        return [SlotSet("rating_requested", False)]
