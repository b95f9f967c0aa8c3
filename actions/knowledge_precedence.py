"""Whether an intent's own reply or a help article answers a message (issue 21, item 4).

Intents that do not search the articles (a handoff such as complaint or delete_personal_data, a
stock reply such as chitchat) used to pre-empt an article that answers the message better: "как
удалить аккаунт?" started a handoff although an article says how, "курьер опять не приехал, что
делать?" went to a person instead of the answer with a line of empathy. Decided with both scores:
- a clear request keeps the intent's own reply without a search: a message that asks no question
  under a confident intent with a stock reply ("привет"); a topic that must always go to a person
  (legal_threat) keeps `reply: action_handoff_start` in its intent file and never comes here;
- otherwise the search runs once, and a confident article wins, or, when the NLU is unsure of
  the intent, the article an ordinary question would get; an unsure search leaves the intent's
  own reply. So a complaint or a request that asks nothing still gets the article the search is
  sure of ("посылка пришла вся мокрая и коробка порвана": the damaged-parcel article with a line
  of empathy; "удалите мой профиль и все данные обо мне": how to delete it oneself), with a
  person one button away; "ну и сервис у вас" finds no article and goes to a person, and so does
  any message that asks for one in so many words.
Pure functions, so the rule is tested without a search or a tracker.
"""

from __future__ import annotations

import re
from typing import Literal

from actions.answer_choice import INTENT_UNSURE, agreed_over_off_topic, choose
from actions.knowledge_answer import KnowledgeAnswer
from actions.question_words import ANY_QUESTION, INFORMATION, asks
from actions.text_fold import folded

Precedence = Literal["own", "article", "search"]

# A question of how to do something: an article may say how to do it oneself.
HOW_TO = re.compile(r"\b(?:как|how)\b")
# An intent this confident, on a message that is not a question, is a clear request.
INTENT_SURE = 0.8


def asked(text: str) -> bool:
    """The message asks a question rather than asks for something: a question mark, a question
    word or pair of words, or a clause that opens like a question."""
    return asks(text, ANY_QUESTION)


def clear_request(confidence: float, text: str, hands_over: bool = False) -> bool:
    """The intent's own reply stands without asking the search: a message that asks nothing under
    a confident intent whose reply is a stock one. A reply that brings in a person waits for the
    search: an article that says what to do helps sooner than a person would."""
    return not asked(text) and not hands_over and confidence >= INTENT_SURE


def search_sure(answer: KnowledgeAnswer) -> bool:
    """The search itself is confident of one article (its own verdict, which asks for a lead)."""
    return answer.outcome == "answer" and bool(answer.ranked or answer.articles)


def article_wins(
    answer: KnowledgeAnswer, confidence: float, informative: bool = False, how_to: bool = False
) -> bool:
    """A sure search wins; over an intent the NLU is unsure of, so does the article the bot would
    answer an ordinary question under that intent with ("and can i see the prices in tenge" read
    as feedback at 0.3, "курьер привёз рваную коробку, брать или отказаться?" as a complaint at
    0.4, a long story that ends asking what the gold level needs as a complaint at 0.48). A
    question that asks for information (`informative`: not a reproach) under an intent the NLU is
    not sure of gets the article a question the NLU could not place would get ("что это за
    лайтпэй такой у вас, зачем он мне" read as a complaint at 0.52: neither a stock reply nor a
    handoff answers). A question of how to do something (`how_to`) gets the article most of the
    search's signals rank first by a clear lead, however sure the NLU is of its own reply: "как
    снести свой акк у вас насовсем, чтоб и данные мои стёрли" (delete_personal_data at 0.96) is
    the delete-account article by six signals, which says how to do it oneself; a person stays
    one button away."""
    if search_sure(answer) or (how_to and agreed_over_off_topic(answer.ranked)):
        return True
    if confidence < INTENT_UNSURE and choose(answer, "topic", confidence).decision == "answer":
        return True
    return (
        informative and confidence < INTENT_SURE and choose(answer, "unplaced").decision == "answer"
    )


def precedence(
    confidence: float, text: str, answer: KnowledgeAnswer | None = None, hands_over: bool = False
) -> Precedence:
    """'own' (the intent's reply), 'article', or 'search' when the search's verdict is needed
    first (`answer` is None)."""
    if clear_request(confidence, text, hands_over):
        return "own"
    if answer is None:
        return "search"
    informative = asks(text, INFORMATION)
    how_to = bool(HOW_TO.search(folded(text)))
    return "article" if article_wins(answer, confidence, informative, how_to) else "own"
