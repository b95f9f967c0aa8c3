from __future__ import annotations

from retrieval.lexical import tokens
from retrieval.translit import cyrillic_reading

KNOWN = set(tokens("как сменить тариф на интернет, интернет не работает, роутер мигает"))


def coverage(words: list[str]) -> float:
    return sum(w in KNOWN for w in words) / len(words) if words else 0.0


def test_russian_typed_in_latin_is_read_in_cyrillic():
    assert (
        cyrillic_reading("kak smenit tarif na internet", coverage) == "как сменит тариф на интернет"
    )


def test_english_and_cyrillic_questions_are_left_alone():
    assert cyrillic_reading("how do I change my plan", coverage) is None
    assert cyrillic_reading("как сменить тариф", coverage) is None
    assert cyrillic_reading("12345", coverage) is None


def test_a_reading_the_help_center_does_not_know_is_not_used():
    assert cyrillic_reading("privet kak dela", coverage) is None


def test_russian_typed_on_the_english_layout_is_read_in_cyrillic():
    assert cyrillic_reading("rfr cvtybnm nfhba", coverage) == "как сменить тариф"
    assert cyrillic_reading("Hjenth vbuftn", coverage) == "Роутер мигает"


def test_english_words_are_not_read_on_the_russian_layout():
    assert cyrillic_reading("router is blinking", coverage) is None
