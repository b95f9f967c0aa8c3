"""Excerpts: the sentence that answers the question, and the article's sentences encoded once."""

from __future__ import annotations

from retrieval.excerpt import ExcerptPicker, sentences

BODY = """Деньги возвращаются тем же способом, которым вы платили.

## Сроки
На карту деньги приходят за 3-10 рабочих дней после приёмки возврата. Наличные при получении
возвращаются переводом на карту. Бонусы возвращаются на счёт сразу после приёмки.
"""


def test_the_sentence_closest_to_the_question_is_in_the_excerpt(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["когда бонусы вернутся на счёт"])[0]
    excerpt = picker.pick(question, BODY)
    assert "Бонусы возвращаются на счёт" in excerpt
    assert len(excerpt) <= 400


def test_sentences_of_an_article_are_encoded_once(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["сроки возврата на карту"])[0]
    first = picker.pick(question, BODY)
    calls = len(hashing_encoder.encoded)
    second = picker.pick(question, BODY)
    assert second == first
    assert len(hashing_encoder.encoded) == calls


def test_the_cache_is_bounded(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder, max_articles=1)
    question = hashing_encoder.encode(["деньги"])[0]
    picker.pick(question, BODY)
    picker.pick(question, "Другая статья. Совсем о другом, про доставку курьером.")
    calls = len(hashing_encoder.encoded)
    picker.pick(question, BODY)
    assert len(hashing_encoder.encoded) == calls + len(sentences(BODY))


def test_an_article_without_sentences_gives_its_start(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["что угодно"])[0]
    assert picker.pick(question, "Коротко.") == "Коротко."
