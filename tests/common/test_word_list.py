"""Word lists written as text read as sets of words."""

from __future__ import annotations

from bot.common.word_list import listed


def test_a_word_list_written_as_text():
    assert listed("  где когда\n how ") == frozenset({"где", "когда", "how"})


def test_an_empty_list_is_empty():
    assert listed(" \n ") == frozenset()
