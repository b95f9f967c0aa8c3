"""The rule between an intent's own reply and a help article (issue 21, item 4)."""

from __future__ import annotations

import pytest

from actions.knowledge_answer import KnowledgeAnswer, Ranked
from actions.knowledge_precedence import INTENT_SURE, asked, clear_request, precedence

SURE = KnowledgeAnswer("answer", (), (Ranked("delete-account-ru", 0.9, 0.8, 3),))
UNSURE = KnowledgeAnswer("clarify", (), (Ranked("delete-account-ru", 0.5, 0.4, 1),))
NOTHING = KnowledgeAnswer("answer", ())


@pytest.mark.parametrize(
    "text",
    [
        "как удалить аккаунт",
        "хочу удалить аккаунт как это сделать",
        "курьер опять не приехал. что мне теперь делать",
        "если удалю аккаунт бонусы сгорят?",
        "how do i delete my account",
        "can you delete my account",
        "курьер не приехал. можно перенести доставку на завтра",
        "and can i see the prices in tenge on the site",
        "ну а когда привезут",
        "хочу delete account насовсем, что будет с моими бонусами",
        "i want my data gone, what happens to my orders",
    ],
)
def test_questions_are_asked(text):
    assert asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "удалите мои персональные данные",
        "удалите всё, что у вас есть обо мне",
        "ужасный сервис",
        "привет",
        "please delete all my personal data",
        "this is outrageous, worst service ever",
        "ну и сервис",
    ],
)
def test_requests_are_not_questions(text):
    assert not asked(text)


def test_a_confident_request_keeps_a_stock_reply_without_a_search():
    assert clear_request(INTENT_SURE, "привет")
    assert precedence(0.95, "привет") == "own"
    assert precedence(0.95, "привет", SURE) == "own"


def test_a_request_for_a_person_that_asks_nothing_still_gets_the_article_the_search_is_sure_of():
    assert not clear_request(INTENT_SURE, "удалите мои данные", hands_over=True)
    assert precedence(0.95, "удалите мои данные", hands_over=True) == "search"
    assert precedence(0.95, "удалите мои данные", SURE, hands_over=True) == "article"
    assert precedence(0.95, "удалите мои данные", UNSURE, hands_over=True) == "own"


def test_a_question_asks_the_search_even_when_the_intent_is_confident():
    assert precedence(0.95, "как удалить аккаунт") == "search"
    assert precedence(0.95, "как удалить аккаунт", SURE) == "article"


def test_an_unsure_intent_asks_the_search_and_a_confident_article_wins():
    assert precedence(0.5, "курьер опять не приехал весь день прождала") == "search"
    assert precedence(0.5, "курьер опять не приехал весь день прождала", SURE) == "article"


def test_a_complaint_that_asks_nothing_goes_to_a_person_unless_the_search_is_sure():
    complaint = "кошмарный сервис у вас, курьер так и не приехал"
    assert precedence(0.9, complaint, SURE, hands_over=True) == "article"
    assert precedence(0.9, complaint, UNSURE, hands_over=True) == "own"
    assert precedence(0.9, "ну и сервис", NOTHING, hands_over=True) == "own"
    assert precedence(0.5, complaint + ". что мне делать?", SURE, hands_over=True) == "article"


def test_an_unsure_search_leaves_the_intents_reply():
    assert precedence(0.85, "как удалить аккаунт", UNSURE) == "own"
    assert precedence(0.5, "почему нельзя удалить аккаунт?", UNSURE) == "own"  # a reproach
    assert precedence(0.5, "как удалить аккаунт", NOTHING) == "own"


def test_a_question_for_information_under_an_intent_the_nlu_is_not_sure_of_gets_the_article():
    assert precedence(0.5, "как удалить аккаунт", UNSURE) == "article"
    assert precedence(0.7, "а это что за лайтпэй у вас", UNSURE, hands_over=True) == ("article")


CLEAR_BEST = KnowledgeAnswer(
    "abstain",
    (),
    (Ranked("language-currency-en", 0.2, 4.0, 6), Ranked("price-drop-en", 0.0, 3.4, 1)),
)


def test_a_clear_best_article_wins_over_an_intent_the_nlu_is_unsure_of():
    question = "and can i see the prices in tenge on the site"
    assert precedence(0.3, question, CLEAR_BEST) == "article"
    assert precedence(0.9, question, CLEAR_BEST) == "own"


AGREED = KnowledgeAnswer(
    "abstain",
    (),
    (Ranked("delete-account-ru", 0.67, 4.32, 6), Ranked("account-locked-ru", 0.007, 3.16, 0)),
)


def test_a_how_to_question_gets_the_article_the_signals_agree_on_however_sure_the_intent():
    question = "как снести свой акк у вас насовсем, чтоб и данные мои стёрли"
    assert precedence(0.96, question, AGREED, hands_over=True) == "article"
    assert precedence(0.96, "удалите мой профиль и все данные", AGREED, hands_over=True) == "own"
    assert precedence(0.96, question, UNSURE, hands_over=True) == "own", "one signal is no lead"


def test_an_unsure_complaint_gets_the_article_a_sure_one_a_person_unless_the_search_is_sure():
    torn = "курьер привёз рваную коробку. брать или отказаться?"
    assert precedence(0.4, torn, CLEAR_BEST, hands_over=True) == "article"
    assert precedence(0.9, torn, CLEAR_BEST, hands_over=True) == "own"
    soaked = "посылка пришла вся мокрая и коробка порвана сбоку"
    assert precedence(0.4, soaked, CLEAR_BEST, hands_over=True) == "article"
    assert precedence(0.9, soaked, CLEAR_BEST, hands_over=True) == "own"


WELL_SCORED = KnowledgeAnswer(
    "abstain",
    (),
    (Ranked("loyalty-programme-ru", 0.018, 3.35, 4), Ranked("price-drop-ru", 0.013, 3.29, 1)),
)


def test_under_an_unsure_intent_the_article_the_bot_would_answer_that_intent_with_wins():
    # The question of a long story told as a complaint, read at 0.48: its best article scores as
    # an answer under an intent the NLU is unsure of (actions/answer_choice.py).
    question = (
        "Объясните пожалуйста, почему уровень стал ниже и что нужно, чтобы снова было золото?"
    )
    assert precedence(0.48, question, WELL_SCORED, hands_over=True) == "article"
    assert precedence(0.6, question, WELL_SCORED, hands_over=True) == "own"
