"""The base of the actions that let a closer help article answer before an intent's own reply
(actions/knowledge_precedence.py decides): a clear request gets the intent's reply at once, any
other message is searched once and a confident article answers it, with a line of empathy when
the message complains; an unsure search leaves the intent's own reply. A follow-up that refers
back to the answer just given is searched with the question before it, as in every other answer
("то есть с этого телефона уже ничего не закажу?" read as a complaint). A message that asks for a
person in so many words gets one, as in every other answer.

An intent file chooses this with its `reply:` (action_handoff_unless_article,
action_respond_unless_article); the subclasses say what the intent's own reply is.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_choice import choose
from actions.answer_from_knowledge import (
    KEEP_QUESTION_CHARS,
    ActionAnswerFromKnowledge,
    unsure_after_a_miss,
    verdict_told,
)
from actions.follow_up_search import asked_what_happened, question_before, search_in_context
from actions.handoff_late_facts import added_late_facts
from actions.handoff_trigger import hand_over, person_now
from actions.knowledge_precedence import precedence
from actions.knowledge_question_first import answered_first, irritated
from actions.knowledge_replies import closing_events, language_of
from actions.message_kinds import closing
from actions.negativity import COMPLAINT_INTENT
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector
from retrieval.normalise import read_message

log = logging.getLogger(__name__)


class ArticleOrOwnReply(ActionAnswerFromKnowledge):
    # The intent's own reply brings in a person: a message that also asks for one gets it.
    hands_over = False

    @abstractmethod
    def own_reply(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """What the intent does when no article answers before it."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if await added_late_facts(dispatcher, tracker):
            return []
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name") or ""
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        text = message.get("text") or ""
        question_first = answered_first(text)  # an irritated question: answered first
        if person_now(list(tracker.events), text, question_first):
            return (
                self.own_reply(dispatcher, tracker, domain)
                if self.hands_over
                else hand_over("requested")
            )
        if asked_what_happened(tracker):
            # the answer to "what happened?" after a vague opener is what happened, however the
            # NLU reads it ("оно меня постоянно выкидывает" as a complaint): searched as any
            # question, with the opener
            return await ActionAnswerFromKnowledge.run(self, dispatcher, tracker, domain)
        reading = read_message(text)
        if verdict_told(tracker, reading.text):  # "сегодня то же самое"
            return self._verdict(dispatcher, tracker, helpful=False, told=True)
        said_only_thanks = closing(text) is not None  # "ясно, спасибо, хорошего дня"
        if said_only_thanks or precedence(confidence, text, hands_over=self.hands_over) == "own":
            return self.own_reply(dispatcher, tracker, domain)
        language = language_of(tracker)
        known = KnownVector.from_json(message.get(KNOWN_VECTOR_KEY))
        before = question_before(tracker, reading.text, "topic", confidence)
        searched = search_in_context(self.client, reading.text, before, language, "topic", known)
        answer = searched.answer
        # Which search answers is decided as for any follow-up; its article is chosen with the
        # NLU's confidence, as precedence weighs it: under an intent the NLU is unsure of, a
        # well-scored best answers (actions/answer_choice.py).
        choice = choose(answer, "topic", confidence)
        if choice.decision == "answer" and unsure_after_a_miss(answer, tracker):
            # "посоветуйте мультиварку" — "а в днс на них скидки есть?" read as a complaint: an
            # unsure article right after a miss is no answer, as for any other question, and
            # the second miss offers a person
            return await ActionAnswerFromKnowledge.run(self, dispatcher, tracker, domain)
        tail = self._closes_after_answer(tracker, text, answer)
        if tail is not None:
            return closing_events(dispatcher, tracker, tail)
        verdict = precedence(confidence, text, answer, self.hands_over)
        log.info("kb.precedence intent=%s confidence=%.2f verdict=%s", intent, confidence, verdict)
        articles = self._articles(choice.articles[:1], answer, reading.text)
        if verdict != "article" or choice.decision != "answer" or not articles:
            return self.own_reply(dispatcher, tracker, domain)
        complained = intent == COMPLAINT_INTENT or irritated(text)
        if complained:
            dispatcher.utter_message(response="utter_kb_empathy")
        events: list[EventType] = [
            SlotSet("kb_question", searched.question_to_keep(reading.text)[:KEEP_QUESTION_CHARS]),
            SlotSet("low_confidence_count", 0.0),
        ]
        others = list(choice.others)
        # the intent's own reply would have brought in a person: one stays a button away
        offer_person = complained or self.hands_over
        return events + self._answer(
            dispatcher, tracker, articles[0], language, others, offer_person=offer_person
        )
