"""Searching a message that may continue the question just answered (issue 18).

Right after an answer, a short question often leans on the one before it. One that refers back ("а
если он уже уехал?", "то есть с этого телефона уже никак?") is searched together with that question,
unless that search is unsure and the message alone has an article most signals agree on. One that
does not ("а пересылку кто оплачивает, я или вы?" after an answer about an exchange) was searched
alone, found nothing, and got an intent's stock reply (here the bot introducing itself): a short
question that alone finds nothing at all is now searched with the question before it too, and that
search answers when it finds something; so is one that alone the search is unsure of with no article
its signals agree on, and that search answers when it is sure. A message the NLU places in a topic
of its own with confidence, or in a topic while it asks nothing ("now it's showing E-101" says what
happened next), is no follow-up, unless it asks what becomes of something ("what happens to the
bonuses i still have?" after deleting the account: the NLU reads the bonuses' topic).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rasa_sdk import Tracker

from actions.answer_choice import (
    MAX_CHOICE,
    Choice,
    Placement,
    agreed_over_off_topic,
    choose,
    clear_best,
)
from actions.conversation import RESUME_SLOT, previous_reply, reply_names
from actions.form_words import asks_where_to_find
from actions.handoff_problem import PROBLEM_SLOT, turns_to_another_matter
from actions.knowledge_answer import KnowledgeAnswer, KnowledgeBase
from actions.knowledge_precedence import asked
from actions.knowledge_replies import language_of
from actions.message_kinds import (
    LEANING_WORDS,
    asks_what_becomes,
    asks_what_if,
    follows_up,
    short_message,
)
from retrieval.known_vector import KnownVector
from retrieval.normalise import read_message

# An error code as apps show it and customers retype it: "E-101", "E101", "е-101" (Cyrillic е).
ERROR_CODE = re.compile(r"(?<![\w-])(?:[A-Za-zЕе]-?\d{2,5}|[A-Za-z]{2,3}-\d{2,5})(?![\w-])")
# A follow-up whose search puts the article just given this close to its best (fused) asks about
# that answer's own terms.
STAY_WINDOW = 0.3
# A message the NLU puts in a topic this confidently is a question of its own; below it, the
# intent is likely read from the follow-up's few words ("а через браузер тогда можно?" as
# account_login).
FOLLOW_UP_OWN_TOPIC = 0.8
# A statement this long after an answer tells something of its own; a shorter one ("ну ладно")
# only takes the answer in.
STATEMENT_WORDS = 5


# The facts the form asks that the help center tells where to find, named as a customer asks
# where: what "where do I even find that?" at their question is about.
FACTS_NAMED = {
    "handoff_app_version": {
        "ru": "где посмотреть версию приложения",
        "en": "where to find the app version",
    },
    "handoff_order_number": {
        "ru": "где найти номер заказа",
        "en": "where to find the order number",
    },
}


# The bot's short question back after a vague opener: the opener is the question before the
# answer to it ("здравствуйте вопрос по бонусам" — "можно ими доставку оплатить?").
WHAT_HAPPENED = frozenset({"utter_kb_what_happened", "utter_kb_what_happened_topic"})


def asked_what_happened(tracker: Tracker) -> bool:
    """The bot's reply to the previous message asked what happened (WHAT_HAPPENED)."""
    return bool(WHAT_HAPPENED & reply_names(previous_reply(list(tracker.events))))


def question_before(
    tracker: Tracker, text: str, placed: Placement, confidence: float = 0.0
) -> str | None:
    """The question just answered, read as the search reads it, when `text` may follow it up:
    a short message right after an answer, or after the question back to a vague opener, that
    the NLU does not place in a topic of its own.
    Asked inside the handoff form, a question about what becomes of something follows up the
    problem being handed over ("а бонусы после удаления сгорят?" while deleting the account), and
    one that asks where to find "it" the fact the form asked for ("where do I even find that?" at
    the app version's question)."""
    before = tracker.get_slot("kb_question")
    asked_at = tracker.get_slot(RESUME_SLOT)
    if asked_at in FACTS_NAMED and follows_up(text) and asks_where_to_find(text):
        return FACTS_NAMED[asked_at][language_of(tracker)]  # "where do I even find that?"
    answered = tracker.get_slot("kb_awaiting_verdict") or asked_what_happened(tracker)
    if not (answered and isinstance(before, str)):
        before = tracker.get_slot(PROBLEM_SLOT)
        if not (asked_at and isinstance(before, str) and asks_what_becomes(text)):
            return None
    if names_a_new_code(text, before):
        return None  # "and on the metro it just says E-101" after E-404: the code's own question
    own_topic = placed == "topic" and (confidence >= FOLLOW_UP_OWN_TOPIC or not asked(text))
    # the NLU reads its subject's topic, or its condition's
    own_topic = own_topic and not (asks_what_becomes(text) or asks_what_if(text))
    if own_topic or not short_message(text, LEANING_WORDS) or turns_to_another_matter(text):
        return None  # "и ещё вопрос: ..." asks anew
    return read_message(before).text  # a long question is cut at its end


def codes(text: str) -> set[str]:
    """The error codes a message names, written one way ("е-101", "E101" → "E101")."""
    return {c.upper().replace("-", "").replace("Е", "E") for c in ERROR_CODE.findall(text)}


def names_a_new_code(text: str, before: str) -> bool:
    """The message names an error code the question before it did not: a new error is a
    question of its own, however it leans on the one before."""
    return bool(codes(text) - codes(before))


class Searched(NamedTuple):
    """A search of a message and the bot's choice from it; `together`: the message was searched
    with the question before it (`question` is what was searched)."""

    answer: KnowledgeAnswer
    choice: Choice
    question: str
    together: bool = False

    def question_to_keep(self, message: str) -> str:
        """What the next follow-up leans on: the message as it was searched (a long story cut to
        its question, which a story's first 500 characters may not reach), or both it and the
        question before it when they were searched together ("а если его уже привезли?", then
        "а деньгами никак?" after a price drop)."""
        return self.question if self.together else message


def search_in_context(
    client: KnowledgeBase,
    text: str,
    before: str | None,
    language: str,
    placed: Placement,
    known: KnownVector | None = None,
    intent: str | None = None,
    confidence: float | None = None,
) -> Searched:
    """The search that answers `text`, alone or together with the question `before` it, and the
    bot's choice from it (actions/answer_choice.py, with the NLU's `confidence`): the choice that
    decided which search to keep is the one the caller acts on. The NLU's vector is of the
    follow-up alone, so the search together does not use it."""
    together_text = f"{text} {before}"
    if before is not None and follows_up(text):
        together = client.ask(together_text, language, None, intent)
        searched = Searched(together, choose(together, placed, confidence), together_text, True)
        if together.outcome == "answer":
            return searched
        # together the search is unsure, while alone most of its signals agree on an article by
        # a clear lead: "а если так и не сдвинется, можно от него отказаться?" after a tracking
        # question is about cancelling, which the tracking question's words drown
        alone = client.ask(text, language, known, intent)
        if agreed_over_off_topic(alone.ranked):
            return Searched(alone, choose(alone, placed, confidence), text)
        return searched
    alone = client.ask(text, language, known, intent)
    alone_choice = choose(alone, placed, confidence)
    found_nothing = alone_choice.decision == "abstain"
    # alone the search is unsure, and its signals agree on no article: "а если муж заберёт, ему
    # что нужно показать?" after keeping an order at a pickup point ("а упд потом как получим"
    # after an invoice is found alone: it is about the documents, not the invoice)
    unsure = alone.outcome != "answer" and not clear_best(alone.ranked)
    # a statement that alone finds nothing goes on from the answer too: "oh wait, I asked for
    # like three of them and clicked the first email" after the password-reset link's answer
    telling = len(text.split()) >= STATEMENT_WORDS  # not "ну ладно"
    if before is None or not (
        (found_nothing and (asked(text) or telling)) or (unsure and asked(text))
    ):
        return Searched(alone, alone_choice, text)
    together = client.ask(together_text, language, None, intent)
    together_choice = choose(together, placed, confidence)
    if found_nothing and together_choice.decision != "abstain":
        return Searched(together, together_choice, together_text, True)
    if together.outcome == "answer" and together_choice.decision == "answer":
        return Searched(together, together_choice, together_text, True)  # sure together
    return Searched(alone, alone_choice, text)


def leaning_on_the_answer(searched: Searched, last_article: str | None) -> Searched:
    """A follow-up whose search ranks the article just given among its first, this close to the
    best, is answered with that article again, at the passage it asks about: "а если та, кто
    дарила, вернёт его вам, ей деньги отдадут?" after the gift-card answer, rather than the
    wrong-item article a hair ahead of it."""
    choice, ranked = searched.choice, searched.answer.ranked
    if not last_article or not ranked or choice.decision not in ("answer", "clarify"):
        return searched
    if choice.articles[:1] == (last_article,):
        return searched
    best = ranked[0].fused
    for item in ranked[:MAX_CHOICE]:
        if item.id == last_article and best - item.fused <= STAY_WINDOW:
            return searched._replace(choice=Choice("answer", (last_article,)))
    return searched
