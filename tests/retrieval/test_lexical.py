from __future__ import annotations

from retrieval.lexical import Bm25Index, tokens


def test_russian_forms_share_a_stem():
    assert tokens("заказа")[0] == tokens("заказом")[0] == tokens("заказ")[0]


def test_codes_match_exactly_even_with_cyrillic_lookalikes():
    assert "=e-203" in tokens("Ошибка Е-203")  # Cyrillic Е
    assert "=e-203" in tokens("error E-203")
    assert "=5.4.2" in tokens("версия 5.4.2")


def test_bm25_prefers_the_document_with_the_code():
    index = Bm25Index(
        [tokens("ошибка E-500 сервер"), tokens("ошибка E-203 сессия"), tokens("где мой заказ")]
    )
    scores = index.scores(tokens("что за ошибка е-203"))
    assert scores.argmax() == 1
    assert scores[2] == 0


def test_function_words_do_not_make_questions_look_alike():
    index = Bm25Index([tokens("how do I make a return"), tokens("update the app")])
    scores = index.scores(tokens("how do I update the app"))
    assert scores[0] == 0
    assert scores.argmax() == 1
