"""Yes and no mean different things depending on what the bot just asked.

After an article ("Did this help?") they are the customer's verdict, stored with the article; a
"no" then shows the other close articles, when the search had any, as buttons. After a clarifying
question "no" means none of the offered articles fits; otherwise they get the plain replies of the
affirm and deny intents, except a "yes" to a reply that offered to bring in a person ("...или я
передам вопрос специалисту." — "Да"), which accepts the offer. A yes or no that also asks for a
person in so many words ("ясно. тогда да, соединяйте" after an answer and an offer to go on with
the handoff), or one that takes the handoff back right after it was called off ("хотя нет,
давайте всё-таки"), brings one in, whatever the bot asked last. A message the NLU reads as a yes
or no that goes on to ask something ("а упд потом как получим" after an answer about an invoice)
is no verdict: it is searched as any other question, together with the question before it when
it follows one up (actions/answer_from_knowledge.py).

The second "not helpful" in a conversation, or an angry "no", brings in a person
(actions/handoff_trigger.py).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge, awaiting_verdict
from actions.conversation import previous_reply, reply_names
from actions.handoff_trigger import calls_back, hand_over, wants_person
from actions.knowledge_replies import human_button, language_of
from actions.negativity import is_strongly_negative
from actions.question_words import AFTER_VERDICT, asks

# Replies that end by offering a person in words: a "yes" to them accepts the offer.
OFFERS_OF_A_PERSON = frozenset(
    {
        "utter_kb_sorry_not_helped",
        "utter_kb_not_helped_told",
        "utter_kb_no_answer",
        "utter_handoff_offer_again",
    }
)


def offered_a_person(tracker: Tracker) -> bool:
    """The bot's reply to the customer's previous message offered to bring in a person."""
    return bool(reply_names(previous_reply(list(tracker.events or []))) & OFFERS_OF_A_PERSON)


class ActionReplyYesNo(ActionAnswerFromKnowledge):
    def name(self) -> str:
        return "action_reply_yes_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        yes = intent == "affirm"
        text = tracker.latest_message.get("text") or ""
        if not yes and is_strongly_negative(text):
            return hand_over("negative")
        if wants_person(text) or calls_back(list(tracker.events), text):
            return hand_over("requested")
        # "да, а долго ждать?" to an offer of a person takes the offer; the person answers it.
        if asks(text, AFTER_VERDICT) and not (yes and offered_a_person(tracker)):
            return await super().run(dispatcher, tracker, domain)
        if awaiting_verdict(tracker):
            return self._verdict(dispatcher, tracker, yes)
        if tracker.get_slot("kb_candidates") and not yes:
            dispatcher.utter_message(
                response="utter_kb_no_answer", buttons=[human_button(language_of(tracker))]
            )
            return [SlotSet("kb_candidates", None)]
        if yes and offered_a_person(tracker):
            return [SlotSet("kb_candidates", None), *hand_over("requested")]
        dispatcher.utter_message(response="utter_affirm" if yes else "utter_deny")
        return []
