"""The triggers that bring in a person from other actions: two messages in a row the bot could
not place, two articles that did not help, and strongly negative messages."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge
from actions.knowledge_answer import Article, KnowledgeAnswer
from actions.yes_no import ActionReplyYesNo
from tests.actions.conftest import followup, slot, tracker, user

ARTICLE = Article("login-ru", "Не получается войти", "https://h/login", "ru", "Войдите.", 0.9)


class FakeKb:
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome

    def ask(self, question: str, language: str, known: object = None) -> KnowledgeAnswer:
        return KnowledgeAnswer(self.outcome, (ARTICLE,) if self.outcome != "abstain" else ())

    def article(self, article_id: str, question: str) -> Article | None:
        return None


async def run(action, events, slots=None):
    dispatcher = CollectingDispatcher()
    result = await action.run(dispatcher, tracker(events, slots), {"responses": {}})
    return [m.get("response") for m in dispatcher.messages], result


async def test_second_unplaced_message_in_a_row_hands_over():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    first = [user("фывапр олдж", "nlu_fallback", 0.2)]
    replies, events = await run(action, first)
    assert replies == ["utter_kb_no_answer"] and followup(events) is None
    assert slot(events, "low_confidence_count") == 1.0
    second = [*first, user("ячсмить", "nlu_fallback", 0.1)]
    replies, events = await run(action, second, {"low_confidence_count": 1.0})
    assert replies == []
    assert slot(events, "handoff_reason") == "low_confidence"
    assert followup(events) == "action_handoff_start"


async def test_a_confident_message_in_between_breaks_the_streak():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    events = [
        user("фывапр олдж", "nlu_fallback", 0.2),
        user("привет", "greet"),
        user("ячсмить", "nlu_fallback", 0.1),
    ]
    replies, result = await run(action, events, {"low_confidence_count": 1.0})
    assert replies == ["utter_kb_no_answer"] and followup(result) is None


async def test_an_answer_resets_the_streak():
    action = ActionAnswerFromKnowledge(FakeKb("answer"))
    _, events = await run(action, [user("не могу войти", "account_login")])
    assert slot(events, "low_confidence_count") == 0.0


async def test_second_not_helpful_verdict_hands_over():
    offered = [
        {"id": "a", "title": "A", "url": "u", "verdict": "not_helpful"},
        {"id": "login-ru", "title": "B", "url": "u", "verdict": None},
    ]
    slots = {
        "kb_awaiting_verdict": True,
        "kb_last_article": "login-ru",
        "kb_offered": offered,
        "kb_unhelpful_count": 1.0,
    }
    replies, events = await run(ActionReplyYesNo(), [user("/deny", "deny")], slots)
    assert replies == []
    assert [e["verdict"] for e in slot(events, "kb_offered")] == ["not_helpful", "not_helpful"]
    assert slot(events, "handoff_reason") == "not_helpful"
    assert followup(events) == "action_handoff_start"


async def test_swearing_question_goes_to_a_person_not_to_the_articles():
    action = ActionAnswerFromKnowledge(FakeKb("answer"))
    replies, events = await run(
        action, [user("какого хрена не приходит сука код", "account_login")]
    )
    assert replies == []
    assert slot(events, "handoff_reason") == "negative"
    assert followup(events) == "action_handoff_start"
