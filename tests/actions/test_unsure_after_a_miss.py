"""Right after a question the bot had no answer to, an article the search was not sure of is no
answer (actions/answer_from_knowledge.py: unsure_after_a_miss)."""

from __future__ import annotations

from actions.answer_from_knowledge import unsure_after_a_miss
from actions.knowledge_answer import KnowledgeAnswer, Ranked
from tests.actions.conftest import bot, tracker, user

RANKED = (Ranked("installments", 0.01, 3.2, 2), Ranked("contacts", 0.001, 2.9, 0))


def replied(name: str) -> dict:
    event = bot("…")
    event["metadata"] = {"utter_action": name}
    return event


def conversation(previous_reply: str) -> list[dict]:
    return [
        user("does the garmin forerunner 265 work with an iphone?", "out_of_scope"),
        replied(previous_reply),
        user(
            "do you guys sponsor local running clubs? we are looking for partners", "contacts_hours"
        ),
    ]


def test_an_unsure_article_after_an_off_topic_question_is_no_answer():
    unsure = KnowledgeAnswer("abstain", (), RANKED)
    assert unsure_after_a_miss(unsure, tracker(conversation("utter_out_of_scope")))


def test_a_sure_article_or_another_reply_before_leaves_the_answer():
    sure = KnowledgeAnswer("answer", (), RANKED)
    assert not unsure_after_a_miss(sure, tracker(conversation("utter_out_of_scope")))
    # "а когда появится в наличии пылесос дайсон?" after TV advice: six signals of seven agree
    agreed = (Ranked("product-availability", 0.27, 3.97, 6), Ranked("faulty-goods", 0.02, 3.41, 0))
    agreed_answer = KnowledgeAnswer("abstain", (), agreed)
    assert not unsure_after_a_miss(agreed_answer, tracker(conversation("utter_out_of_scope")))
    unsure = KnowledgeAnswer("abstain", (), RANKED)
    assert not unsure_after_a_miss(unsure, tracker(conversation("utter_kb_answer")))


def test_an_unsure_article_after_a_store_question_left_unanswered_is_no_answer():
    unsure = KnowledgeAnswer("abstain", (), RANKED)
    assert unsure_after_a_miss(unsure, tracker(conversation("utter_kb_no_answer")))
