"""Cutting a message into sentences and clauses (bot/common/sentences.py)."""

from __future__ import annotations

from bot.common.sentences import asking_sentences, pieces, sentences


def test_pieces_keep_their_marks_and_put_back_together_unchanged():
    text = "где он?! жду уже неделю, что делать"
    assert pieces(text, "?!") == ["где он?!", " жду уже неделю, что делать"]
    assert pieces(text, ",") == ["где он?! жду уже неделю,", " что делать"]
    assert "".join(pieces(text, ".!?;\n")) == text


def test_pieces_without_marks_is_the_whole_text():
    assert pieces("как сменить пароль? спасибо", "") == ["как сменить пароль? спасибо"]


def test_sentences_keep_versions_codes_and_abbreviations_whole():
    text = "Обновил до версии 5.12, т.е.последней. Выдаёт E-500.\nЧто делать?"
    assert sentences(text) == [
        "Обновил до версии 5.12, т.е.последней.",
        "Выдаёт E-500.",
        "Что делать?",
    ]


def test_asking_sentences_are_those_that_end_in_a_question_mark():
    text = "это номер заказа был. телефон 89161234567. а вообще сколько по правилам деньги идут?"
    assert asking_sentences(text) == ["а вообще сколько по правилам деньги идут?"]
    assert asking_sentences("Что за ерунда!? Где заказ? Жду") == ["Что за ерунда!?", "Где заказ?"]
    assert asking_sentences("версия 5.4? или 5.5") == ["версия 5.4?"]
    assert asking_sentences("спасибо, всё понятно") == []
