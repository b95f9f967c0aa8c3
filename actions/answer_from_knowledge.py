"""Answers a question from the help articles, answer first: the article that is clearly best with
"did this help?" and the other close ones a button away; a choice only between articles that are
genuinely close (actions/answer_choice.py); an honest "no ready answer" otherwise.

Before the search, the message is read as the NLU read it (retrieval/normalise.py: Latin-typed
Russian in Cyrillic, a long story cut to its question), a request to switch language said before
the question is left out of the search (actions/knowledge_language_request.py), and what is not
a question is answered as
what it is (actions/message_kinds.py): nothing to read ("???", emoji, a third language) gets a
short question about what is needed, a vague opener ("у меня проблема") a question about what
happened with the common topics as buttons (a word or two more is allowed when the NLU is sure it
is one), a thanks or goodbye a polite close (right after an answer, so does a message that ends
with one when its search finds nothing sure), a topic's bare name ("доставка") the article the
search is sure of or else a choice of its top ones. A
complaint gets one line of empathy before its answer and a person offered beside it; a question
asked with irritation ("уже неделю жду, где мой заказ?!") is answered so too, rather than taken
straight to a person (actions/knowledge_question_first.py). A wish to phone someone rather than
chat gets the contacts with a person a button away, not the chat's handoff
(actions/knowledge_by_phone.py).

A question the help center has no article for gets an honest "no ready answer" with a person a
button away, never a stock reply that does not answer it; the topic's own reply (utter_<intent>)
stands in only when the search itself cannot run. Every article offered is remembered in
`kb_offered` so that a handoff can tell the agent what the customer has already read and what
they thought of it (a "👍" counts as "it helped").
The second question in a row left without an answer offers a person with a button, and the third
brings one in (actions/unanswered.py); a strongly negative message, or one that asks for a person
in so many words, does at once (actions/handoff_trigger.py).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_choice import Choice, Placement, agreed_over_off_topic, choose_for_topic_name
from actions.client_action import ClientAction
from actions.conversation import FALLBACK_INTENT, OFF_TOPIC_INTENT, RESUME_SLOT
from actions.follow_up_search import leaning_on_the_answer, question_before, search_in_context
from actions.handoff_late_facts import added_late_facts
from actions.handoff_trigger import NOT_HELPFUL_LIMIT, hand_over, person_now
from actions.item_failure import tells_an_item_failing
from actions.knowledge_answer import Article, KnowledgeAnswer, KnowledgeBase
from actions.knowledge_by_phone import wants_to_phone
from actions.knowledge_language_request import without_language_request
from actions.knowledge_provider import knowledge_base
from actions.knowledge_question_first import answered_first, irritated
from actions.knowledge_replies import (
    BUTTON_TEXTS,
    article_buttons,
    closing_events,
    human_button,
    language_of,
    utter_article,
)
from actions.message_kinds import (
    TOPIC_QUERIES,
    Closing,
    approving,
    asks_for_other_articles,
    asks_how_to_use,
    asks_store_service,
    chosen_index,
    closing,
    closing_tail,
    not_helped,
    tells_a_purchase,
    vague_opener,
)
from actions.negativity import COMPLAINT_INTENT, is_strongly_negative
from actions.unanswered import (
    Miss,
    hand_over_now,
    miss_of,
    misses_now,
    previous_miss,
    unplaced_in_a_row,
)
from actions.verdicts import with_verdict
from bot.common.facts.extract import without_facts
from bot.common.sentences import asking_sentences
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector
from retrieval.normalise import read_message

__all__ = ["BUTTON_TEXTS", "ActionAnswerFromKnowledge", "chosen_index", "language_of"]

log = logging.getLogger(__name__)
CHOOSE_INTENT = "kb_choose"
OTHER_ARTICLES_INTENT = "kb_other_articles"
VAGUE_INTENT = "vague_problem"
RATE_INTENT = "rate"  # a bare number after a clarifying question is a choice, not a rating
# Intents whose messages are not about a support topic, even when they reach this action (a yes
# or no that goes on to ask something: actions/yes_no.py).
NOT_ON_TOPIC = frozenset(
    {FALLBACK_INTENT, OFF_TOPIC_INTENT, VAGUE_INTENT, CHOOSE_INTENT, "affirm", "deny"}
)
# An out_of_scope below this confidence may still be a store question ("а в минск доставляете?").
OFF_TOPIC_SURE = 0.7
KEEP_QUESTION_CHARS = 500
# The NLU this sure of a vague opener lets it hold a word or two of its own (message_kinds.py).
VAGUE_SURE = 0.85


def placement(intent: str, confidence: float) -> Placement:
    if intent == OFF_TOPIC_INTENT:
        return "off_topic" if confidence >= OFF_TOPIC_SURE else "doubtful"
    return "unplaced" if intent in NOT_ON_TOPIC else "topic"


def question_placement(intent: str, confidence: float, text: str) -> Placement:
    """Where a question stands for the answer: the NLU's placing, except that an item bought
    here, or one that fails, is a store question whatever the NLU makes of it ("увлажнитель,
    который у вас брала, течёт", "my coffee machine stopped heating water"), unless it asks how
    to use the item ("купил у вас телевизор, как к нему алису подключить"). A service around a
    purchase that the NLU leans to put outside, or could not place at all, is outside however
    unsure it is ("купил у вас сплит систему, нужен монтаж",
    "старый заберете на утилизацию?", "а подключение варочной панели делаете?"): no article
    describes one, and an article sharing a word or two with it is no answer; most signals
    agreeing on one still are, and a person can answer it (the miss is a store question's,
    actions/unanswered.py)."""
    placed = placement(intent, confidence)
    if placed == "topic":
        return placed
    if asks_store_service(text):
        return "off_topic"
    if placed == "unplaced":
        return placed
    store_question = tells_a_purchase(text) or tells_an_item_failing(text)
    store_question = store_question and not asks_how_to_use(text)
    return "unplaced" if store_question else placed


def questions_of(text: str) -> str:
    """The sentences that ask, where a message also tells: inside the form, what a message giving
    facts tells beside them is about the facts ("это номер заказа был. телефон ¶. а вообще сколько
    по правилам деньги идут?"), and only its question is for the help center."""
    return " ".join(asking_sentences(text)) or text


def unsure_after_a_miss(answer: KnowledgeAnswer, tracker: Tracker) -> bool:
    """Right after a question the bot had no answer to, an article the search itself was not
    sure of is no answer unless most of its signals agree on it (`agreed_over_off_topic`): "do
    you guys sponsor local running clubs? we are looking for partners" after a question about a
    sports watch found the instalments article ("our partner bank"), and "а упаковку курьер с
    собой заберёт?" after carrying a fridge upstairs the wrong-item article, while "а когда
    появится в наличии пылесос дайсон?" after TV advice is the restock article by six signals of
    seven. The second miss in a row then offers a person (actions/unanswered.py)."""
    unsure = answer.outcome == "abstain" and not agreed_over_off_topic(answer.ranked)
    return unsure and previous_miss(tracker) is not None


def awaiting_verdict(tracker: Tracker) -> bool:
    """An article was just given and "did this help?" asked."""
    return bool(tracker.get_slot("kb_awaiting_verdict") and tracker.get_slot("kb_last_article"))


def verdict_told(tracker: Tracker, text: str) -> bool:
    """Right after an article, the customer says it did not help or that the problem goes on,
    and asks nothing new (`not_helped`): whatever the NLU reads in it, it is the verdict. Swearing
    or anger still brings in a person."""
    return awaiting_verdict(tracker) and not_helped(text) and not is_strongly_negative(text)


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
        if await added_late_facts(dispatcher, tracker):
            return []
        language = language_of(tracker)
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name") or ""
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        text = message.get("text") or ""
        choosing = intent == RATE_INTENT and tracker.get_slot("kb_candidates")
        if intent == CHOOSE_INTENT or choosing:
            chosen = self._chosen_article(tracker, text)
            if chosen is not None:
                return self._answer(dispatcher, tracker, chosen, language)
            dispatcher.utter_message(response="utter_kb_nothing_to_choose")
            return []
        if intent == OTHER_ARTICLES_INTENT:
            if asks_for_other_articles(text):
                return self._other_articles(dispatcher, tracker, language)
            intent = FALLBACK_INTENT  # "any other way to get in?" is a question of its own
        reading = read_message(text)
        if approving(text):
            return self._approved(dispatcher, tracker)
        if reading.unreadable is not None:
            foreign = reading.unreadable == "foreign"
            dispatcher.utter_message(
                response="utter_kb_foreign_language" if foreign else "utter_kb_unreadable"
            )
            return [SlotSet("kb_candidates", None), SlotSet("kb_awaiting_verdict", False)]
        # An irritated question is answered first, a person beside it (knowledge_question_first).
        question_first = answered_first(text)
        if is_strongly_negative(text) and not question_first:
            return hand_over("negative")
        # Phoning the company rather than chatting: the contacts, a person beside them.
        by_phone = wants_to_phone(intent, text)
        if person_now(list(tracker.events), text, question_first or by_phone):
            return hand_over("requested")
        said_goodbye = closing(reading.text)
        if said_goodbye is not None:
            return closing_events(dispatcher, tracker, said_goodbye)
        if verdict_told(tracker, reading.text):
            return self._verdict(dispatcher, tracker, helpful=False, told=True)
        said_vague = intent == VAGUE_INTENT
        sure = said_vague and confidence >= VAGUE_SURE
        vague = vague_opener(reading.text, said_vague=said_vague, sure=sure)
        events: list[EventType] = [SlotSet("kb_question", text[:KEEP_QUESTION_CHARS])]
        if vague is not None and vague.topic is None:  # the common topics are its buttons
            dispatcher.utter_message(response="utter_kb_what_happened")
            return [*events, SlotSet("kb_candidates", None), SlotSet("kb_awaiting_verdict", False)]
        if vague is not None and vague.topic is not None and not vague.bare:
            # "something is wrong with my order": the order topic's common articles as buttons.
            query = TOPIC_QUERIES[vague.topic][language]
            common = self.client.ask(query, language)
            ids = tuple(r.id for r in common.ranked[:3]) or tuple(a.id for a in common.articles)
            articles = self._articles(ids, common, query)
            return events + self._clarify(
                dispatcher, articles, language, "utter_kb_what_happened_topic"
            )
        known = KnownVector.from_json(message.get(KNOWN_VECTOR_KEY))
        placed = question_placement(intent, confidence, reading.text)
        topic_intent = intent if placed == "topic" else None
        if vague is not None and vague.bare:  # only a topic's name: no intent's articles to lean on
            answer = self.client.ask(reading.text, language, known)
            choice = choose_for_topic_name(answer)
        else:
            # "can we talk in English? where…"; "меня зовут Эльвира, заказ 57 263 019 …"
            asked = without_facts(without_language_request(reading.text))
            if tracker.get_slot(RESUME_SLOT) and asked != reading.text:
                asked = questions_of(asked)  # asked inside the form beside the facts it gives
            before = question_before(tracker, asked, placed, confidence)
            searched = search_in_context(
                self.client, asked, before, language, placed, known, topic_intent, confidence
            )
            if before is not None:
                searched = leaning_on_the_answer(searched, tracker.get_slot("kb_last_article"))
            answer, choice = searched.answer, searched.choice
            kept = searched.question_to_keep(asked)  # a long story as its question
            events = [SlotSet("kb_question", kept[:KEEP_QUESTION_CHARS])]
        tail = self._closes_after_answer(tracker, text, answer)
        if tail is not None:
            return closing_events(dispatcher, tracker, tail)
        if choice.decision == "answer" and unsure_after_a_miss(answer, tracker):
            choice = Choice("abstain")
        log.info(
            "kb.search outcome=%s decision=%s candidates=%d respelled=%s shortened=%s spelled=%s",
            answer.outcome,
            choice.decision,
            len(answer.ranked),
            reading.respelled,
            reading.shortened,
            reading.spelled,
        )
        if choice.decision == "abstain":
            # The topic's stock reply only stands in for a search that could not run at all.
            topic = intent if placed == "topic" and not answer.ranked else None
            # An unsure out_of_scope may be a store question it could not place (OFF_TOPIC_SURE);
            # so is a service around a purchase, however sure ("do you offer gift wrapping?"):
            # a person can answer it, so two in a row bring one in (actions/unanswered.py).
            if placed == "off_topic" and asks_store_service(reading.text):
                placed = "unplaced"
            miss: Miss = "off_topic" if placed == "off_topic" or choice.no_article else "unknown"
            return events + self._abstain(
                dispatcher, tracker, miss, placed, topic, domain, language
            )
        complained = intent == COMPLAINT_INTENT or irritated(text)
        if complained:
            dispatcher.utter_message(response="utter_kb_empathy")
        events.append(SlotSet("low_confidence_count", 0.0))
        articles = self._articles(choice.articles, answer, reading.text)
        if choice.decision == "clarify":
            return events + self._clarify(dispatcher, articles, language)
        if not articles:
            topic = intent if placed == "topic" else None
            return events + self._abstain(
                dispatcher, tracker, "unknown", placed, topic, domain, language
            )
        others = list(choice.others)
        return events + self._answer(
            dispatcher, tracker, articles[0], language, others, offer_person=complained or by_phone
        )

    def _closes_after_answer(
        self, tracker: Tracker, text: str, answer: KnowledgeAnswer
    ) -> Closing | None:
        """Right after an answer, a message that ends with a thanks or goodbye and in which the
        search finds nothing sure closes ("ааа, я правда не забрала заказы... ладно, спасибо")."""
        if answer.outcome == "answer" or not tracker.get_slot("kb_awaiting_verdict"):
            return None
        return closing_tail(text)

    def _verdict(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, helpful: bool, told: bool = False
    ) -> list[EventType]:
        """The customer's verdict on the article just given, kept with it; a "no" shows the other
        close articles, the second one brings in a person. `told`: the "no" came with what the
        customer already did or saw ("не помогло, кэш чистил, в хроме и в яндексе одно и то
        же"), so a person is offered at once rather than asked for more detail."""
        article_id = tracker.get_slot("kb_last_article")
        log.info("kb.verdict article=%s helpful=%s", article_id, helpful)
        offered = with_verdict(tracker.get_slot("kb_offered") or [], article_id, helpful)
        unhelpful = (tracker.get_slot("kb_unhelpful_count") or 0) + (0 if helpful else 1)
        events: list[EventType] = [
            SlotSet("kb_offered", offered),
            SlotSet("kb_awaiting_verdict", False),
            SlotSet("kb_unhelpful_count", float(unhelpful)),
        ]
        if unhelpful >= NOT_HELPFUL_LIMIT and not helpful:
            return [*events, *hand_over("not_helpful")]
        if helpful:
            dispatcher.utter_message(response="utter_kb_glad_helped")
            return [*events, SlotSet("kb_candidates", None)]
        others = self._others(tracker)
        language = language_of(tracker)
        buttons = article_buttons(others, language) if others else []
        if told:
            buttons.append(human_button(language))
        response = "utter_kb_not_helped_told" if told else "utter_kb_sorry_not_helped"
        dispatcher.utter_message(response=response, buttons=buttons)
        return [*events, SlotSet("kb_candidates", [a.id for a in others] or None)]

    def _others(self, tracker: Tracker) -> list[Article]:
        """The other close articles kept with the answer, with their titles."""
        question = tracker.get_slot("kb_question") or ""
        ids = [i for i in tracker.get_slot("kb_candidates") or [] if isinstance(i, str)]
        return [a for i in ids if (a := self.client.article(i, question)) is not None]

    def _approved(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """A thumbs-up: the verdict on the article just given, else a plain "you're welcome"."""
        if not awaiting_verdict(tracker):
            return closing_events(dispatcher, tracker, "thanks")
        return self._verdict(dispatcher, tracker, helpful=True)

    def _articles(
        self, ids: tuple[str, ...], answer: KnowledgeAnswer, question: str
    ) -> tuple[Article, ...]:
        """The articles with their excerpts: those the search made, else made now."""
        made = {a.id: a for a in answer.articles}
        found = [made.get(i) or self.client.article(i, question, answer.question) for i in ids]
        return tuple(a for a in found if a is not None)

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

    def _other_articles(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[EventType]:
        question = tracker.get_slot("kb_question") or ""
        ids = [i for i in tracker.get_slot("kb_candidates") or [] if isinstance(i, str)]
        articles = tuple(a for i in ids if (a := self.client.article(i, question)) is not None)
        if not articles:
            dispatcher.utter_message(
                response="utter_kb_no_other_articles", buttons=[human_button(language)]
            )
            return [SlotSet("kb_candidates", None), SlotSet("kb_awaiting_verdict", False)]
        return self._clarify(dispatcher, articles, language)

    def _answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        article: Article,
        language: str,
        others: list[str] | None = None,
        offer_person: bool = False,
    ) -> list[EventType]:
        """The article and "did this help?"; a customer who complained is also offered a person
        at once, beside the answer, rather than after it fails."""
        utter_article(dispatcher, article, language)
        texts = BUTTON_TEXTS[language]
        buttons = [
            {"title": texts["yes"], "payload": "/affirm"},
            {"title": texts["no"], "payload": "/deny"},
        ]
        if others:
            buttons.append({"title": texts["other"], "payload": f"/{OTHER_ARTICLES_INTENT}"})
        if offer_person:
            buttons.append(human_button(language))
        dispatcher.utter_message(response="utter_kb_ask_helpful", buttons=buttons)
        offered = [e for e in tracker.get_slot("kb_offered") or [] if e.get("id") != article.id]
        return [
            SlotSet("kb_last_article", article.id),
            SlotSet("kb_awaiting_verdict", True),
            SlotSet("kb_candidates", others or None),
            SlotSet("kb_offered", [*offered, offered_entry(article)]),
        ]

    def _clarify(
        self,
        dispatcher: CollectingDispatcher,
        articles: tuple[Article, ...],
        language: str,
        response: str = "utter_kb_clarify",
    ) -> list[EventType]:
        shown = articles[:3]
        buttons = article_buttons(shown, language)
        dispatcher.utter_message(response=response, buttons=buttons)
        return [
            SlotSet("kb_candidates", [a.id for a in shown]),
            SlotSet("kb_awaiting_verdict", False),
        ]

    def _abstain(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        current: Miss,
        placed: Placement,
        topic: str | None,
        domain: dict[str, Any],
        language: str,
    ) -> list[EventType]:
        """No article: the topic's own reply when there is one (`topic`), else an honest "no
        ready answer" with a person a button away, and a person brought in after the third store
        question in a row (actions/unanswered.py)."""
        topic_reply = f"utter_{topic}"
        cleared = [SlotSet("kb_awaiting_verdict", False), SlotSet("kb_candidates", None)]
        if topic and topic_reply in domain.get("responses", {}):
            dispatcher.utter_message(response=topic_reply)
            return [*cleared, SlotSet("low_confidence_count", 0.0)]
        unplaced_before = unplaced_in_a_row(tracker)
        previous = miss_of(unplaced_before)
        misses = misses_now(current, unplaced_before)
        if hand_over_now(misses):
            return [*cleared, SlotSet("low_confidence_count", 0.0), *hand_over("low_confidence")]
        if placed == "off_topic":
            dispatcher.utter_message(response="utter_out_of_scope")
            if previous is not None:
                dispatcher.utter_message(
                    response="utter_kb_offer_human", buttons=[human_button(language)]
                )
        else:
            dispatcher.utter_message(
                response="utter_kb_no_answer", buttons=[human_button(language)]
            )
        return [*cleared, SlotSet("low_confidence_count", float(misses))]
