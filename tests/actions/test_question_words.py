"""One question detector, three readings: the answers, the intent-or-article choice and the form."""

from __future__ import annotations

import pytest

from actions.question_words import (
    AFTER_VERDICT,
    ANY_QUESTION,
    FORM_ANSWER,
    INFORMATION,
    Reading,
    asks,
)


@pytest.mark.parametrize(
    ("text", "information", "any_question", "form_answer"),
    [
        ("где мой заказ", True, True, True),
        # a reproach asks nothing the help center holds; for the rest it is a question
        ("почему курьер опять не приехал?", False, True, True),
        # "как" opens a question only for the answers; for the others it asks anywhere
        ("сделала как написано в инструкции", False, True, False),
        # a "что" that reports ("сказали, что ...") is no question; "что делать" is
        ("в банке сказали, что денег нет", False, False, False),
        ("почта не приходит, что делать", True, True, False),
        # the English "when" links clauses for the choice between an intent and an article
        ("error 404 when i open the app", True, False, False),
        # a number first is no question word ("+1 (312) ... is my phone")
        ("+1 (312) 555-0144 is my phone", False, False, False),
        # a hyphenated word is one word: "где-то" asks nothing
        ("заказ где-то потерялся!!!", False, False, False),
        # leading words before the question ("и еще как ...")
        ("и еще как номер телефона поменять", True, True, False),
        ("whats the delivery fee", True, True, True),
        # "what is" asks wherever it stands
        ("а это что за кошелёк такой", True, True, False),
        # "скока" is "сколько" as it is typed in a chat
        ("денюжки так и не вернулись(( это скока ждать то", True, True, False),
        ("", False, False, False),
    ],
)
def test_the_three_readings(text: str, information: bool, any_question: bool, form_answer: bool):
    assert asks(text, INFORMATION) is information
    assert asks(text, ANY_QUESTION) is any_question
    assert asks(text, FORM_ANSWER) is form_answer


def test_a_quoted_question_mark_is_no_question_for_the_form_only():
    assert not asks("жала «Повторить?» раз десять", FORM_ANSWER)
    assert asks("жала «Повторить?» раз десять", ANY_QUESTION)


def test_only_the_forms_answer_opening_counts():
    assert not asks("пароль сменила. как теперь войти", FORM_ANSWER)
    assert asks("пароль сменила. как теперь войти", INFORMATION)


def test_a_reproach_sentence_does_not_hide_a_question_in_the_next():
    assert asks("почему опять задержка?! когда привезут", INFORMATION)


def test_a_reading_without_words_reads_only_question_marks():
    marks_only = Reading(question_mark="message")
    assert asks("ну и?", marks_only)
    assert not asks("где заказ", marks_only)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("а упд потом как получим", True),
        ("да, а когда деньги придут", True),
        ("and how do i get the invoice", True),
        ("нет, как было так и осталось", False),
        ("да, сделала как написано", False),
        ("а то", False),
        ("no, does not work", False),
        ("no, same error when i open it", False),
    ],
)
def test_after_a_verdict_a_question_is_told_from_a_report(text: str, question: bool) -> None:
    assert asks(text, AFTER_VERDICT) is question
