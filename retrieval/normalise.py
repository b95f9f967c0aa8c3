"""What the NLU and the help-article search read of a customer's message: one function, so the Rasa
server (bot/rasa_server/nlu/message_normaliser.py) and the action server read it the same way.

- Nothing to read (emoji, "???", one letter, one word over and over, a third language): marked
  `unreadable`, the text left as it was (retrieval/unreadable.py).
- Russian typed in Latin letters ("privet, ne prihodit kod"): respelled in Cyrillic
  (retrieval/respell.py); a message with any Cyrillic letter is left as typed, so Russian with
  English words ("у меня coupon не применяется") stays what it is.
- A long story: cut to the sentences that ask (retrieval/long_message.py).
- Russian written by ear ("как атписаца от смс с акцыями"): each word the dictionary does not know
  spelled as it has it (retrieval/misspelling.py).

Reading a read text again changes nothing, so either process may apply it to text the other
already read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.language import detect_language
from retrieval.long_message import question_of
from retrieval.misspelling import spelled_text
from retrieval.respell import respell
from retrieval.unreadable import Unreadable, unreadable

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    text: str  # what to classify and search
    unreadable: Unreadable | None = None
    respelled: bool = False  # Russian typed in Latin letters, now in Cyrillic
    shortened: bool = False  # a long message cut to its question
    spelled: bool = False  # words written by ear spelled as the dictionary has them

    @property
    def changed(self) -> bool:
        return self.respelled or self.shortened or self.spelled


def typed_in_latin(text: str) -> bool:
    """Russian written without a single Cyrillic letter."""
    return bool(LATIN.search(text)) and not CYRILLIC.search(text) and detect_language(text) == "ru"


def in_cyrillic(text: str) -> str:
    """The whole message in Cyrillic when it is Russian typed in Latin letters, else as typed:
    for readers that look for Russian words anywhere in it ("...nuzhen operator" asks for a
    person), where `read_message` would also cut a long story to its question."""
    return respell(text) if typed_in_latin(text) else text


def read_message(text: str) -> Reading:
    reason = unreadable(text)
    if reason is not None:
        return Reading(text, unreadable=reason)
    respelled = typed_in_latin(text)
    read = respell(text) if respelled else text
    question = question_of(read)
    shortened = question != read
    if typed_in_latin(question):  # a Latin-typed question at the end of a Cyrillic story
        question, respelled = respell(question), True
    spelled = spelled_text(question)
    return Reading(spelled, respelled=respelled, shortened=shortened, spelled=spelled != question)
