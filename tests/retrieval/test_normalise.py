"""What the NLU and the search read of a message (retrieval/normalise.py)."""

from __future__ import annotations

from retrieval.normalise import read_message, typed_in_latin


def test_latin_typed_russian_is_read_in_cyrillic():
    reading = read_message("privet, ne prihodit kod")
    assert reading.text == "привет, не приходит код"
    assert reading.respelled and not reading.shortened and reading.unreadable is None


def test_russian_with_english_words_and_english_stay_as_typed():
    for text in ("у меня coupon не применяется, пишет expired", "where is my order"):
        assert read_message(text).text == text
        assert not read_message(text).changed
    assert not typed_in_latin("my order is late")
    assert typed_in_latin("gde moy zakaz")


def test_russian_written_by_ear_is_spelled_for_the_nlu_and_the_search():
    reading = read_message("кагда начисляца бонусы за пакупку?")
    assert reading.text == "когда начисляться бонусы за покупку?"
    assert reading.spelled and not reading.respelled and reading.changed


def test_unreadable_messages_are_marked_and_left_as_they_are():
    reading = read_message("???")
    assert reading.unreadable == "no_words" and reading.text == "???"


def test_reading_a_read_text_again_changes_nothing():
    story = "Вчера купил телефон. " * 20 + "Kak voiti v akkaunt?"
    for text in ("privet, gde moi zakaz", story, "где мой заказ", "hello there", "как атписаца"):
        once = read_message(text).text
        assert read_message(once).text == once
