"""Answers a question from the help articles: an answer with its source, a clarifying question when
two or three articles compete, or an honest "I don't know" with a way to a person.

When the knowledge base abstains on a known topic, the topic's own reply (utter_<intent>) is used:
it is short and always true. Every article offered is remembered in `kb_offered` so that a handoff
can tell the agent what the customer has already read and what they thought of it.

A person is brought in instead (actions/handoff_trigger.py) when the message is strongly negative,
or when the bot could not place the customer's message twice in a row: the first time it says so
and asks them to rephrase, the second time it stops guessing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.client_action import ClientAction
from actions.conversation import recent_turns
from actions.handoff_trigger import LOW_CONFIDENCE_LIMIT, hand_over
from actions.knowledge_answer import Article, KnowledgeBase
from actions.knowledge_provider import knowledge_base
from actions.negativity import is_strongly_negative
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector

log = logging.getLogger(__name__)
CHOOSE_INTENT = "kb_choose"
RATE_INTENT = "rate"  # a bare number after a clarifying question is a choice, not a rating
FALLBACK_INTENT = "nlu_fallback"
ORDINALS = {
    "1": 0,
    "перв": 0,
    "first": 0,
    "one": 0,
    "2": 1,
    "втор": 1,
    "second": 1,
    "two": 1,
    "3": 2,
    "трет": 2,
    "third": 2,
    "three": 2,
}
BUTTON_TEXTS = {
    "ru": {
        "yes": "Да, помогло",
        "no": "Нет",
        "none": "Ничего из этого",
        "human": "Позвать специалиста",
    },
    "en": {
        "yes": "Yes, it helped",
        "no": "No",
        "none": "None of these",
        "human": "Talk to a person",
    },
}


def language_of(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if language in BUTTON_TEXTS else "ru"


def chosen_index(text: str) -> int | None:
    """'второй вариант' / 'the first one' / '2' → position in the offered list."""
    for word in re.findall(r"\w+", text.lower()):
        for stem, index in ORDINALS.items():
            if word.startswith(stem):
                return index
    return None


def low_confidence_streak(tracker: Tracker, intent: str) -> int:
    """How many messages in a row before this one the bot could not place (0 when this message
    had a confident intent: a known topic with no article is not a miss)."""
    turns = recent_turns(tracker)
    if intent != FALLBACK_INTENT or len(turns) < 2 or turns[-2].intent != FALLBACK_INTENT:
        return 0
    return int(tracker.get_slot("low_confidence_count") or 0)


def offered_entry(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "url": article.url, "verdict": None}


class ActionAnswerFromKnowledge(ClientAction[KnowledgeBase]):
    def name(self) -> str:
        return "action_answer_from_knowledge"

    def shared_client(self) -> KnowledgeBase:
        return knowledge_base()

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = language_of(tracker)
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name") or ""
        text = message.get("text") or ""
        choosing = intent == RATE_INTENT and tracker.get_slot("kb_candidates")
        if intent == CHOOSE_INTENT or choosing:
            chosen = self._chosen_article(tracker, text)
            if chosen is not None:
                return self._answer(dispatcher, tracker, chosen, language)
            dispatcher.utter_message(response="utter_kb_nothing_to_choose")
            return []
        if is_strongly_negative(text):
            return hand_over("negative")
        known = KnownVector.from_json(message.get(KNOWN_VECTOR_KEY))
        answer = self.client.ask(text, language, known)
        log.info(
            "kb.search outcome=%s candidates=%d nlu_vector=%s",
            answer.outcome,
            len(answer.articles),
            known is not None,
        )
        events: list[EventType] = [SlotSet("kb_question", text[:500])]
        if answer.outcome != "abstain":
            events.append(SlotSet("low_confidence_count", 0.0))
        if answer.outcome == "answer":
            return events + self._answer(dispatcher, tracker, answer.articles[0], language)
        if answer.outcome == "clarify":
            return events + self._clarify(dispatcher, answer.articles, language)
        return events + self._abstain(dispatcher, tracker, intent, domain, language)

    def _chosen_article(self, tracker: Tracker, text: str) -> Article | None:
        candidates = tracker.get_slot("kb_candidates") or []
        wanted = next(tracker.get_latest_entity_values("kb_article"), None)
        if wanted is None:
            index = chosen_index(text)
            if index is not None and index < len(candidates):
                wanted = candidates[index]
        if not isinstance(wanted, str):
            return None
        return self.client.article(wanted, tracker.get_slot("kb_question") or text)

    def _answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, article: Article, language: str
    ) -> list[EventType]:
        response = (
            "utter_kb_answer" if article.lang == language else "utter_kb_answer_other_language"
        )
        dispatcher.utter_message(
            response=response,
            title=article.title,
            excerpt=article.excerpt,
            url=article.url,
            json_message={
                "type": "article",
                "id": article.id,
                "title": article.title,
                "excerpt": article.excerpt,
                "url": article.url,
                "lang": article.lang,
            },
        )
        texts = BUTTON_TEXTS[language]
        dispatcher.utter_message(
            response="utter_kb_ask_helpful",
            buttons=[
                {"title": texts["yes"], "payload": "/affirm"},
                {"title": texts["no"], "payload": "/deny"},
            ],
        )
        offered = [e for e in tracker.get_slot("kb_offered") or [] if e.get("id") != article.id]
        return [
            SlotSet("kb_last_article", article.id),
            SlotSet("kb_awaiting_verdict", True),
            SlotSet("kb_candidates", None),
            SlotSet("kb_offered", [*offered, offered_entry(article)]),
        ]

    def _clarify(
        self, dispatcher: CollectingDispatcher, articles: tuple[Article, ...], language: str
    ) -> list[EventType]:
        buttons = [
            {"title": a.title, "payload": f'/{CHOOSE_INTENT}{{"kb_article": "{a.id}"}}'}
            for a in articles[:3]
        ]
        buttons.append({"title": BUTTON_TEXTS[language]["none"], "payload": "/deny"})
        dispatcher.utter_message(response="utter_kb_clarify", buttons=buttons)
        return [
            SlotSet("kb_candidates", [a.id for a in articles[:3]]),
            SlotSet("kb_awaiting_verdict", False),
        ]

    def _abstain(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        intent: str,
        domain: dict[str, Any],
        language: str,
    ) -> list[EventType]:
        topic_reply = f"utter_{intent}"
        if intent and topic_reply in domain.get("responses", {}):
            dispatcher.utter_message(response=topic_reply)
            return [
                SlotSet("kb_awaiting_verdict", False),
                SlotSet("kb_candidates", None),
                SlotSet("low_confidence_count", 0.0),
            ]
        misses = low_confidence_streak(tracker, intent) + 1
        if misses >= LOW_CONFIDENCE_LIMIT:
            return [SlotSet("low_confidence_count", 0.0), *hand_over("low_confidence")]
        dispatcher.utter_message(
            response="utter_kb_no_answer",
            buttons=[{"title": BUTTON_TEXTS[language]["human"], "payload": "/request_human"}],
        )
        return [
            SlotSet("kb_awaiting_verdict", False),
            SlotSet("kb_candidates", None),
            SlotSet("low_confidence_count", float(misses)),
        ]
