"""Yes and no mean different things depending on what the bot just asked.

After an article ("Did this help?") they are the customer's verdict, stored with the article; after
a clarifying question "no" means none of the offered articles fits; otherwise they get the plain
replies of the affirm and deny intents.

The second "not helpful" in a conversation, or an angry "no", brings in a person
(actions/handoff_trigger.py).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import BUTTON_TEXTS, language_of
from actions.handoff_trigger import NOT_HELPFUL_LIMIT, hand_over
from actions.negativity import is_strongly_negative
from actions.safe import SafeAction

log = logging.getLogger(__name__)


def with_verdict(offered: list[dict[str, Any]], article_id: str, helpful: bool) -> list[dict]:
    return [
        {**entry, "verdict": "helpful" if helpful else "not_helpful"}
        if entry.get("id") == article_id
        else entry
        for entry in offered
    ]


class ActionReplyYesNo(SafeAction):
    def name(self) -> str:
        return "action_reply_yes_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        yes = intent == "affirm"
        if not yes and is_strongly_negative(tracker.latest_message.get("text") or ""):
            return hand_over("negative")
        article_id = tracker.get_slot("kb_last_article")
        if tracker.get_slot("kb_awaiting_verdict") and article_id:
            log.info("kb.verdict article=%s helpful=%s", article_id, yes)
            offered = with_verdict(tracker.get_slot("kb_offered") or [], article_id, yes)
            unhelpful = (tracker.get_slot("kb_unhelpful_count") or 0) + (0 if yes else 1)
            events: list[EventType] = [
                SlotSet("kb_offered", offered),
                SlotSet("kb_awaiting_verdict", False),
                SlotSet("kb_unhelpful_count", float(unhelpful)),
            ]
            if unhelpful >= NOT_HELPFUL_LIMIT and not yes:
                return [*events, *hand_over("not_helpful")]
            dispatcher.utter_message(
                response="utter_kb_glad_helped" if yes else "utter_kb_sorry_not_helped"
            )
            return events
        if tracker.get_slot("kb_candidates") and not yes:
            dispatcher.utter_message(
                response="utter_kb_no_answer",
                buttons=[
                    {
                        "title": BUTTON_TEXTS[language_of(tracker)]["human"],
                        "payload": "/request_human",
                    }
                ],
            )
            return [SlotSet("kb_candidates", None)]
        dispatcher.utter_message(response="utter_affirm" if yes else "utter_deny")
        return []
