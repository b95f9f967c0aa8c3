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


OTHER_BODY = "Курьер привозит заказ в выбранный интервал. Перед приездом он звонит за час."


def test_warmed_articles_are_answered_without_encoding(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["когда бонусы вернутся на счёт"])[0]
    cold = ExcerptPicker(type(hashing_encoder)()).pick(question, BODY)
    assert picker.warm([BODY, OTHER_BODY, BODY], batch_sentences=3) == 2
    calls = len(hashing_encoder.encoded)
    assert picker.pick(question, BODY) == cold
    assert picker.pick(question, OTHER_BODY)
    assert len(hashing_encoder.encoded) == calls
    assert picker.warm([BODY, OTHER_BODY]) == 0


def test_warming_stops_at_the_cache_size(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder, max_articles=1)
    assert picker.warm([BODY, OTHER_BODY]) == 1
    calls = len(hashing_encoder.encoded)
    picker.pick(hashing_encoder.encode(["деньги"])[0], BODY)
    assert len(hashing_encoder.encoded) == calls + 1  # only the question above
