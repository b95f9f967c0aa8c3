"""The actions that let a closer article answer before an intent's own reply."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked
from actions.knowledge_or_handoff import ActionHandoffUnlessArticle
from actions.knowledge_or_reply import ActionRespondUnlessArticle

DELETE = Article("delete-account-ru", "Как удалить аккаунт", "https://h/d", "ru", "В профиле.", 0.9)
SURE = KnowledgeAnswer("answer", (DELETE,), (Ranked(DELETE.id, 0.9, 0.8, 3),))
UNSURE = KnowledgeAnswer("abstain", (), (Ranked(DELETE.id, 0.2, 0.2, 0),))
DOMAIN = {
    "responses": {
        "utter_greet": [{"text": "x"}],
        "utter_greet_named": [{"text": "x"}],
        "utter_thanks": [{"text": "x"}],
        "utter_feedback": [{"text": "x"}],
    }
}


class FakeKb:
    def __init__(self, answer: KnowledgeAnswer) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def ask(self, question: str, language: str, known: object = None, intent: object = None):
        self.questions.append(question)
        return self.answer

    def article(self, article_id: str, question: str, known: object = None) -> Article | None:
        return DELETE if article_id == DELETE.id else None


def tracker(
    text: str,
    intent: str,
    confidence: float,
    name: str | None = None,
    slots: dict[str, Any] | None = None,
) -> Tracker:
    return Tracker(
        "c1",
        {"language": "ru", "customer_name": name, **(slots or {})},
        {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []},
        [],
        False,
        None,
        {},
        "action_listen",
    )


async def run(action: Any, text: str, intent: str, confidence: float, **kw: Any):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(text, intent, confidence, **kw), DOMAIN)
    return dispatcher.messages, events


def followup(events: list[dict]) -> str | None:
    return next((e["name"] for e in events if e.get("event") == "followup"), None)


async def test_a_request_an_article_answers_gets_the_article_with_a_person_a_button_away():
    kb = FakeKb(SURE)
    messages, events = await run(
        ActionHandoffUnlessArticle(kb), "удалите мои данные", "delete_personal_data", 0.97
    )
    assert followup(events) is None and kb.questions == ["удалите мои данные"]
    assert messages[0]["response"] == "utter_kb_answer" and messages[0]["url"] == DELETE.url
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert "/request_human" in payloads


async def test_a_request_no_article_answers_goes_to_a_person():
    kb = FakeKb(UNSURE)
    messages, events = await run(
        ActionHandoffUnlessArticle(kb), "удалите мои данные", "delete_personal_data", 0.97
    )
    assert followup(events) == "action_handoff_start" and messages == []
    assert not any(e.get("name") == "handoff_reason" for e in events)


async def test_a_question_an_article_answers_gets_the_article():
    kb = FakeKb(SURE)
    messages, events = await run(
        ActionHandoffUnlessArticle(kb), "как удалить аккаунт?", "delete_personal_data", 0.97
    )
    assert followup(events) is None
    assert messages[0]["response"] == "utter_kb_answer" and messages[0]["url"] == DELETE.url
    assert kb.questions == ["как удалить аккаунт?"]


async def test_a_complaint_with_a_question_gets_empathy_then_the_article():
    messages, events = await run(
        ActionHandoffUnlessArticle(FakeKb(SURE)), "опять не приехал, что делать?", "complaint", 0.6
    )
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]
    assert followup(events) is None


async def test_a_complaint_that_asks_nothing_gets_empathy_and_the_article_the_search_is_sure_of():
    kb = FakeKb(SURE)
    messages, events = await run(
        ActionHandoffUnlessArticle(kb),
        "кошмарный сервис, курьер так и не приехал",
        "complaint",
        0.6,
    )
    assert followup(events) is None
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]
    _, events = await run(
        ActionHandoffUnlessArticle(FakeKb(UNSURE)), "ну и сервис", "complaint", 0.9
    )
    assert followup(events) == "action_handoff_start"


async def test_an_unsure_search_leaves_the_handoff():
    messages, events = await run(
        ActionHandoffUnlessArticle(FakeKb(UNSURE)), "как это вообще?", "complaint", 0.6
    )
    assert followup(events) == "action_handoff_start" and messages == []


async def test_a_greeting_gets_its_reply_by_name_without_a_search():
    kb = FakeKb(SURE)
    messages, _ = await run(ActionRespondUnlessArticle(kb), "привет", "greet", 0.99, name="Анна")
    assert messages[0]["response"] == "utter_greet_named" and messages[0]["name"] == "Анна"
    assert kb.questions == []


async def test_a_greeting_with_a_question_an_article_answers_gets_the_article():
    messages, _ = await run(
        ActionRespondUnlessArticle(FakeKb(SURE)), "привет, как удалить аккаунт", "greet", 0.7
    )
    assert messages[0]["response"] == "utter_kb_answer"


async def test_an_unsure_search_leaves_the_stock_reply():
    messages, _ = await run(ActionRespondUnlessArticle(FakeKb(UNSURE)), "как дела?", "greet", 0.9)
    assert [m["response"] for m in messages] == ["utter_greet"]


async def test_thanks_that_only_closes_is_thanked_without_a_search_even_when_unsure():
    kb = FakeKb(SURE)
    messages, _ = await run(ActionRespondUnlessArticle(kb), "ясно, спасибо", "thanks", 0.4)
    assert [m["response"] for m in messages] == ["utter_thanks"] and kb.questions == []


async def test_thanks_or_feedback_with_a_question_gets_the_article():
    thanks = "спасибо! а как удалить аккаунт"
    messages, _ = await run(ActionRespondUnlessArticle(FakeKb(SURE)), thanks, "thanks", 0.9)
    assert messages[0]["response"] == "utter_kb_answer"
    clear = KnowledgeAnswer(
        "abstain", (DELETE,), (Ranked(DELETE.id, 0.2, 4.0, 5), Ranked("other", 0.0, 3.0, 1))
    )
    feedback = "and can i delete my account from the app"
    messages, _ = await run(ActionRespondUnlessArticle(FakeKb(clear)), feedback, "feedback", 0.3)
    assert messages[0]["response"] == "utter_kb_answer"
    # a question for information: the article an unplaced question gets, unless the NLU is sure
    messages, _ = await run(ActionRespondUnlessArticle(FakeKb(clear)), feedback, "feedback", 0.7)
    assert messages[0]["response"] == "utter_kb_answer"
    messages, _ = await run(ActionRespondUnlessArticle(FakeKb(clear)), feedback, "feedback", 0.85)
    assert [m["response"] for m in messages] == ["utter_feedback"]


async def test_a_greeting_that_asks_for_a_person_starts_the_handoff():
    kb = FakeKb(SURE)
    _, events = await run(
        ActionRespondUnlessArticle(kb), "привет, позовите оператора", "greet", 0.9
    )
    assert followup(events) == "action_handoff_start" and kb.questions == []


async def test_a_complaint_that_asks_for_a_person_keeps_its_own_handoff():
    kb = FakeKb(SURE)
    _, events = await run(
        ActionHandoffUnlessArticle(kb),
        "курьер не приехал что делать, дайте оператора",
        "complaint",
        0.6,
    )
    assert followup(events) == "action_handoff_start" and kb.questions == []
    assert not any(e.get("name") == "handoff_reason" for e in events)


async def test_an_irritated_question_gets_the_article_with_a_person_beside_it():
    kb = FakeKb(SURE)
    text = "третий день жду, как удалить аккаунт?!"
    messages, events = await run(ActionHandoffUnlessArticle(kb), text, "complaint", 0.6)
    assert followup(events) is None and kb.questions == [text]
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]
    assert "/request_human" in [b["payload"] for b in messages[-1]["buttons"]]


async def test_a_follow_up_read_as_an_unsure_complaint_is_searched_with_the_question_before():
    kb = FakeKb(SURE)
    answered = {"kb_awaiting_verdict": True, "kb_question": "как удалить аккаунт"}
    text = "то есть его уже не вернуть?"
    await run(ActionHandoffUnlessArticle(kb), text, "complaint", 0.6, slots=answered)
    await run(ActionHandoffUnlessArticle(kb), text, "complaint", 0.6)  # no answer before it
    assert kb.questions == [f"{text} как удалить аккаунт", text]


WELL_SCORED = KnowledgeAnswer(
    "abstain", (DELETE,), (Ranked(DELETE.id, 0.02, 3.35, 4), Ranked("x", 0.01, 3.29, 1))
)


async def test_a_complaint_the_nlu_is_unsure_of_gets_the_article_its_question_would_get():
    question = (
        "Объясните пожалуйста, почему уровень стал ниже и что нужно, чтобы снова было золото?"
    )
    messages, events = await run(
        ActionHandoffUnlessArticle(FakeKb(WELL_SCORED)), question, "complaint", 0.48
    )
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]
    assert followup(events) is None
    _, sure = await run(ActionHandoffUnlessArticle(FakeKb(WELL_SCORED)), question, "complaint", 0.6)
    assert followup(sure) == "action_handoff_start"


async def test_a_complaint_that_the_problem_goes_on_after_an_article_is_its_verdict():
    """Right after an article, "сегодня то же самое" read as a complaint is the customer's "no"
    with what they saw: a person is offered, not started, and the article is marked unhelpful."""
    offered = [{"id": DELETE.id, "title": "t", "url": "u", "verdict": None}]
    slots = {"kb_awaiting_verdict": True, "kb_last_article": DELETE.id, "kb_offered": offered}
    kb = FakeKb(UNSURE)
    text = "вчера весь вечер пытался, сегодня то же самое, ни одной смски"
    action = ActionHandoffUnlessArticle(kb)
    messages, events = await run(action, text, "complaint", 0.9, slots=slots)
    assert followup(events) is None and kb.questions == []
    assert messages[0]["response"] == "utter_kb_not_helped_told"
    assert messages[0]["buttons"][-1]["payload"] == "/request_human"
    verdicts = [e["value"] for e in events if e.get("name") == "kb_offered"]
    assert verdicts[0][0]["verdict"] == "not_helpful"
    _, events = await run(action, text, "complaint", 0.9)  # no article just given
    assert followup(events) == "action_handoff_start"
    _, events = await run(action, "опять то же самое, задолбали!!!", "complaint", 0.9, slots=slots)
    assert followup(events) == "action_handoff_start", "anger still brings in a person"


async def test_an_unsure_article_right_after_a_miss_is_no_answer_under_a_complaint():
    """ "посоветуйте мультиварку" (out of scope), then "а в днс на них скидки есть?" read as a
    complaint: the unsure article the topic's choice would give is no answer after the miss."""
    text = "ладно. а в днс на них сейчас скидки есть, не в курсе?"
    missed = {"event": "bot", "text": "x", "metadata": {"utter_action": "utter_out_of_scope"}}
    events = [
        {"event": "user", "text": "посоветуйте мультиварку", "parse_data": {}},
        missed,
        {"event": "slot", "name": "low_confidence_count", "value": 0.0},
        {"event": "user", "text": text, "parse_data": {}},
    ]
    agreed = KnowledgeAnswer(
        "abstain", (), (Ranked(DELETE.id, 0.005, 3.07, 2), Ranked("other-ru", 0.001, 2.6, 0))
    )
    latest = {"text": text, "intent": {"name": "complaint", "confidence": 0.5}, "entities": []}
    after_a_miss = Tracker("c1", {"language": "ru"}, latest, events, False, None, {}, "x")
    dispatcher = CollectingDispatcher()
    await ActionHandoffUnlessArticle(FakeKb(agreed)).run(dispatcher, after_a_miss, DOMAIN)
    responses = [m.get("response") for m in dispatcher.messages]
    assert "utter_kb_answer" not in responses and "utter_kb_no_answer" in responses


async def test_the_answer_to_what_happened_is_searched_whatever_the_nlu_reads():
    """After a vague opener and the question back, "оно меня постоянно выкидывает" read as a
    complaint is what happened: searched as any question, no person brought in for it."""
    text = "оно меня постоянно выкидывает и просит заново войти"
    asked = {"event": "bot", "text": "x", "metadata": {"utter_action": "utter_kb_what_happened"}}
    events = [
        {"event": "user", "text": "у меня какая-то ерунда с приложением", "parse_data": {}},
        asked,
        {"event": "user", "text": text, "parse_data": {}},
    ]
    latest = {"text": text, "intent": {"name": "complaint", "confidence": 0.6}, "entities": []}
    described = Tracker("c1", {"language": "ru"}, latest, events, False, None, {}, "x")
    dispatcher = CollectingDispatcher()
    events_out = await ActionHandoffUnlessArticle(FakeKb(UNSURE)).run(dispatcher, described, DOMAIN)
    assert followup(events_out) is None  # no handoff: an unsure search's honest reply
    assert any(m.get("response") == "utter_kb_no_answer" for m in dispatcher.messages)
