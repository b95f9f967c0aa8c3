"""A message right after an answer: searched alone, or together with the question it follows."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_choice import Choice
from actions.follow_up_search import (
    Searched,
    leaning_on_the_answer,
    question_before,
    search_in_context,
)
from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked
from actions.knowledge_or_reply import ActionRespondUnlessArticle
from actions.message_kinds import LEANING_WORDS
from retrieval.normalise import read_message

RETURN = Article("how-to-return-ru", "Как вернуть товар", "https://h/r", "ru", "В заказе.", 0.9)
SURE = KnowledgeAnswer("answer", (RETURN,), (Ranked(RETURN.id, 0.9, 0.8, 3),))
CLOSE = KnowledgeAnswer("clarify", (RETURN,), (Ranked(RETURN.id, 0.4, 0.6, 2),))
NOTHING = KnowledgeAnswer("abstain", (), (Ranked(RETURN.id, 1e-6, 0.1, 0),))
BEFORE = "кроссовки малы, хочу поменять на размер больше"
ANSWERED = {"kb_awaiting_verdict": True, "kb_question": BEFORE}
IN_FORM = {"handoff_problem": "Удалите мой аккаунт", "handoff_resume": "handoff_contact"}
AT_VERSION = {"handoff_resume": "handoff_app_version"}
AT_CONTACT = {"handoff_resume": "handoff_contact"}


class ScriptedKb:
    """Answers each question with what `answers` holds for it (NOTHING otherwise)."""

    def __init__(self, answers: dict[str, KnowledgeAnswer]) -> None:
        self.answers = answers
        self.questions: list[str] = []

    def ask(self, question: str, language: str, known: object = None, intent: object = None):
        self.questions.append(question)
        return self.answers.get(question, NOTHING)

    def article(self, article_id: str, question: str, known: object = None) -> Article | None:
        return RETURN if article_id == RETURN.id else None


def tracker(
    text: str, slots: dict[str, Any], intent: str = "nlu_fallback", confidence: float = 0.4
):
    return Tracker(
        "c1",
        {"language": "ru", **slots},
        {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []},
        [],
        False,
        None,
        {},
        "action_listen",
    )


@pytest.mark.parametrize(
    ("text", "slots", "placed", "confidence", "expected"),
    [
        ("а пересылку кто оплачивает?", ANSWERED, "unplaced", 0.0, BEFORE),
        ("а пересылку кто оплачивает?", {}, "unplaced", 0.0, None),  # no answer before it
        # the NLU places it in a topic of its own with confidence
        ("а как сменить пароль?", ANSWERED, "topic", 0.95, None),
        # placed in a topic, it asks nothing: it says what happened next
        ("now it's showing E-101 instead", ANSWERED, "topic", 0.6, None),
        # an error code the question before did not name: a question of its own
        ("and on the metro it just says E101", ANSWERED, "unplaced", 0.0, None),
        ("а через браузер тогда можно?", ANSWERED, "topic", 0.55, BEFORE),
        (
            " ".join(["слово"] * (LEANING_WORDS + 1)) + "?",
            ANSWERED,
            "unplaced",
            0.0,
            None,
        ),  # a question whole
        # longer, it may still lean on the answer (searched alone first)
        (
            "а если он окажется разбитый, я могу его не брать и не платить?",
            ANSWERED,
            "unplaced",
            0.0,
            BEFORE,
        ),
        # one that says it turns to another matter asks anew
        ("и ещё вопрос: а бонусы за отзыв дают?", ANSWERED, "unplaced", 0.0, None),
        # what becomes of something after the step just answered, though the NLU is sure of the
        # topic its subject names
        ("what happens to the bonuses i still have?", ANSWERED, "topic", 0.86, BEFORE),
        ("а история заказов сохранится?", ANSWERED, "topic", 0.9, BEFORE),
        ("а как копить бонусы?", ANSWERED, "topic", 0.9, None),
        # ... or on a condition of that step, whatever topic the condition names
        ("what if I can't even log in anymore?", ANSWERED, "topic", 0.95, BEFORE),
        ("а если я уже уехала?", ANSWERED, "topic", 0.9, BEFORE),
        # ... asked inside the handoff form: it follows the problem handed over
        ("а бонусы после удаления сгорят?", IN_FORM, "topic", 0.86, "Удалите мой аккаунт"),
        ("а как копить бонусы?", IN_FORM, "topic", 0.86, None),
        ("а бонусы сгорят?", {"handoff_problem": "Удалите мой аккаунт"}, "topic", 0.86, None),
        # where to find "it", asked at the form's question about a fact: that fact
        ("а где его посмотреть?", AT_VERSION, "unplaced", 0.3, "где посмотреть версию приложения"),
        ("а где его посмотреть?", AT_CONTACT, "unplaced", 0.3, None),
    ],
)
def test_a_possible_follow_up_is_a_short_message_right_after_an_answer(
    text: str, slots: dict[str, Any], placed: Any, confidence: float, expected: str | None
) -> None:
    assert question_before(tracker(text, slots), text, placed, confidence) == expected


def test_a_follow_up_that_refers_back_is_searched_with_the_question_before() -> None:
    text = "а если он уже уехал?"
    kb = ScriptedKb({text: SURE, f"{text} {BEFORE}": CLOSE})
    assert search_in_context(kb, text, BEFORE, "ru", "unplaced")[0] is CLOSE
    assert kb.questions == [f"{text} {BEFORE}", text]  # together unsure: alone asked too
    kb = ScriptedKb({text: CLOSE, f"{text} {BEFORE}": SURE})
    assert search_in_context(kb, text, BEFORE, "ru", "unplaced")[0] is SURE
    assert kb.questions == [f"{text} {BEFORE}"]  # sure together: nothing more to ask


def test_a_follow_up_alone_most_signals_agree_on_is_answered_alone_when_together_is_unsure():
    """ "а если так и не сдвинется, можно от него отказаться?" after a tracking question: the
    question before drowns what this one asks (cancelling)."""
    text = "а если так и не сдвинется, можно от него отказаться?"
    agreed = KnowledgeAnswer(
        "abstain", (), (Ranked("cancel-order-ru", 0.23, 3.93, 4), Ranked("other", 0.02, 3.37, 0))
    )
    kb = ScriptedKb({text: agreed, f"{text} {BEFORE}": CLOSE})
    answer, _, searched, together = search_in_context(kb, text, BEFORE, "ru", "topic")
    assert answer is agreed and searched == text and not together


def test_a_short_question_that_alone_finds_nothing_is_searched_with_the_question_before() -> None:
    text = "а пересылку кто оплачивает, я или вы?"
    kb = ScriptedKb({f"{text} {BEFORE}": CLOSE})
    answer, choice, searched, together = search_in_context(kb, text, BEFORE, "ru", "topic")
    assert answer is CLOSE and choice.decision != "abstain"
    assert together and searched == f"{text} {BEFORE}", "the next follow-up leans on both"
    # ... and keeps its own search when together they find nothing either
    answer, choice, searched, together = search_in_context(
        ScriptedKb({}), text, BEFORE, "ru", "topic"
    )
    assert answer is NOTHING and choice.decision == "abstain" and searched == text
    assert not together


def test_a_message_that_finds_something_alone_or_asks_nothing_is_not_searched_again() -> None:
    kb = ScriptedKb({"а самовывоз есть?": CLOSE})
    assert search_in_context(kb, "а самовывоз есть?", BEFORE, "ru", "unplaced")[0] is CLOSE
    search_in_context(kb, "ну ладно", BEFORE, "ru", "unplaced")
    search_in_context(kb, "а самовывоз есть?", None, "ru", "unplaced")
    assert kb.questions == ["а самовывоз есть?", "ну ладно", "а самовывоз есть?"]


def test_a_statement_that_alone_finds_nothing_is_searched_with_the_question_before() -> None:
    text = "три раза заказывала письмо и открыла самое первое"
    kb = ScriptedKb({f"{text} {BEFORE}": SURE})
    searched = search_in_context(kb, text, BEFORE, "ru", "unplaced")
    assert searched.together and searched.answer is SURE
    assert kb.questions == [text, f"{text} {BEFORE}"]


async def test_a_follow_up_read_as_small_talk_gets_the_article_rather_than_the_stock_reply() -> (
    None
):
    text = "а пересылку кто оплачивает, я или вы?"
    kb = ScriptedKb({f"{read_message(text).text} {read_message(BEFORE).text}": SURE})
    dispatcher = CollectingDispatcher()
    parsed = tracker(text, ANSWERED, "bot_challenge", 0.44)
    await ActionRespondUnlessArticle(kb).run(dispatcher, parsed, {"responses": {}})
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_kb_answer",
        "utter_kb_ask_helpful",
    ]


async def test_a_follow_up_read_as_unsure_small_talk_is_still_searched_with_the_question_before():
    # Alone, a best that only an unsure intent's bar would answer ("а пересылку кто оплачивает"
    # finds invoices for companies): the search together decides, as for any follow-up.
    text = "а пересылку кто оплачивает, я или вы?"
    weak = KnowledgeAnswer(
        "abstain", (), (Ranked("invoices-ru", 0.005, 3.1, 1), Ranked("x", 0.004, 3.05, 1))
    )
    kb = ScriptedKb(
        {
            read_message(text).text: weak,
            f"{read_message(text).text} {read_message(BEFORE).text}": SURE,
        }
    )
    dispatcher = CollectingDispatcher()
    parsed = tracker(text, ANSWERED, "bot_challenge", 0.44)
    events = await ActionRespondUnlessArticle(kb).run(dispatcher, parsed, {"responses": {}})
    assert any(e.get("name") == "kb_last_article" and e.get("value") == RETURN.id for e in events)


def test_a_question_the_search_is_unsure_of_alone_leans_on_a_sure_search_together() -> None:
    text = "а если муж заберёт, ему что нужно показать?"
    pickup = Ranked(RETURN.id, 0.001, 2.8, 2)
    wrong = Ranked("wrong-item-ru", 0.001, 2.78, 2)  # no lead: the signals agree on neither
    unsure = KnowledgeAnswer("abstain", (RETURN,), (pickup, wrong))
    kb = ScriptedKb({text: unsure, f"{text} {BEFORE}": SURE})
    answer, choice, searched, together = search_in_context(kb, text, BEFORE, "ru", "unplaced")
    assert answer is SURE and choice.decision == "answer" and together
    # ... but not on a search together that is itself unsure
    kb = ScriptedKb({text: unsure, f"{text} {BEFORE}": CLOSE})
    answer, _, searched, together = search_in_context(kb, text, BEFORE, "ru", "unplaced")
    assert answer is unsure and searched == text and not together


def test_a_follow_up_that_ranks_the_article_just_given_close_to_its_best_gets_it_again():
    ranked = (
        Ranked("double-charge-ru", 0.76, 4.41, 3),
        Ranked("installments-ru", 0.58, 4.24, 2),
        Ranked("refund-times-ru", 0.50, 4.17, 2),
    )
    searched = Searched(
        KnowledgeAnswer("clarify", (), ranked), Choice("answer", ("double-charge-ru",)), "q"
    )
    kept = leaning_on_the_answer(searched, "refund-times-ru")
    assert kept.choice.articles == ("refund-times-ru",)
    # far behind the best, or not just given: the search's own choice stands
    far = searched._replace(
        answer=KnowledgeAnswer("clarify", (), (*ranked[:2], Ranked("refund-times-ru", 0.1, 3.9, 0)))
    )
    assert leaning_on_the_answer(far, "refund-times-ru").choice.articles == ("double-charge-ru",)
    assert leaning_on_the_answer(searched, None) is searched
    abstained = searched._replace(choice=Choice("abstain"))
    assert leaning_on_the_answer(abstained, "refund-times-ru") is abstained


def test_the_answer_to_the_question_back_to_a_vague_opener_follows_the_opener() -> None:
    opener = "здравствуйте вопрос по бонусам"
    events = [
        {"event": "user", "text": opener},
        {
            "event": "bot",
            "text": "Что случилось?",
            "metadata": {"utter_action": "utter_kb_what_happened"},
        },
        {"event": "user", "text": "а они сгорают?"},
    ]
    asked = Tracker(
        "c1",
        {"language": "ru", "kb_question": opener, "kb_awaiting_verdict": False},
        {"text": "а они сгорают?", "intent": {"name": "nlu_fallback", "confidence": 0.3}},
        events,
        False,
        None,
        {},
        "action_listen",
    )
    assert question_before(asked, "а они сгорают?", "unplaced", 0.3) == opener
    # the same slots after any other reply: no question before it
    other = Tracker(
        "c1", asked.slots, asked.latest_message, events[:1] + events[2:], False, None, {}, ""
    )
    assert question_before(other, "а они сгорают?", "unplaced", 0.3) is None
