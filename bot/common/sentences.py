"""Cutting a message into sentences and clauses, in the two ways its readers need.

- `pieces` cuts after every run of the given marks and keeps them: the question detector reads
  "где он?!" apart from "жду" and needs the "?" it ended with, and the language-request filter
  puts the pieces it keeps back together unchanged.
- `sentences` cuts only where a mark is followed by a space or a line ends: a long story's
  sentences are scored one by one, and "версия 5.12", "E-500." or "т.е.что-то" must stay whole;
  `asking_sentences` keeps those that ask, what a message asks beside the facts it gives.
- `clauses` also cuts at commas, dashes, quotes and a turning conjunction: the readers of what
  was tried and of a fact the customer cannot give look for a verb and what goes with it inside
  one clause ("переустанавливала — не помогло", "номера заказа нет, он же не оформился").
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»)]*\s+|\n+")
CLAUSE_BREAK = re.compile(r"[,.;:!?()«»\"—–]+|\s-\s|\s(?:а|но|and|but)\s")


def pieces(text: str, ends: str) -> list[str]:
    """The text cut after each run of `ends`, kept ("где он?! жду" → "где он?!", " жду")."""
    if not ends:
        return [text]
    marks = re.escape(ends)
    return re.findall(rf"[^{marks}]+[{marks}]*", text)


def sentences(text: str) -> list[str]:
    """The text's sentences, stripped, where a mark is followed by a space or a line ends."""
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def asking_sentences(text: str) -> list[str]:
    """The sentences (as `sentences` cuts them) that end in a question mark, a closing quote
    or bracket after it allowed: what a message asks beside what it tells."""
    return [s for s in sentences(text) if s.rstrip('"»)').endswith("?")]


def clauses(text: str) -> list[str]:
    """The text cut at every clause break (CLAUSE_BREAK), marks dropped."""
    return CLAUSE_BREAK.split(text)
