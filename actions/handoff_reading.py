"""Reading one form answer's text where the NLU's facts say nothing: a name written as only a
name is ("Priya", "Kwame Mensah"), a question asked instead of an answer, a problem described on
the way. Kept apart from the form's flow (actions/handoff_form.py) so each reader is tested alone.
"""

from __future__ import annotations

import re
from typing import Any

from actions.customer import clean_name
from actions.form_words import means_skip, skips_in_sentence
from actions.handoff_problem import FACT_LABEL_STEMS, content_words
from actions.question_words import FORM_ANSWER, asks
from actions.text_fold import folded
from bot.common.facts.english_names import ENGLISH_STOPWORDS
from bot.common.facts.lexicon import is_known, parses
from bot.common.facts.name_cues import TITLES

MAX_NAME_WORDS = 3
MIN_PROBLEM_WORDS = 3  # a form answer describes the problem with at least this many words
# Answers to "what's your name?" that are not names: a repeated request for a person, greetings.
NOT_NAMES = frozenset(
    {
        "оператор",
        "оператора",
        "человек",
        "человека",
        "специалист",
        "специалиста",
        "менеджер",
        "бот",
        "привет",
        "здравствуйте",
        "зачем",
        "operator",
        "human",
        "agent",
        "person",
        "bot",
        "hello",
        "hi",
        "why",
    }
)
# Words before a name in an answer to "как к вам обращаться?": "пусть будет Вадим", "можно
# просто Лена", "sure, it's Mark"; and after it: "Liz, please".
_NAME_INTRO = re.compile(
    r"^(?:(?:меня зовут|зовут|мое имя|моё имя|я|это|пусть будет|можно просто|можно|просто"
    r"|зовите|называйте|ну|ладно|хорошо|да|ок"
    r"|my name is|my name's|i am|i'm|it's|this is|call me|you can call me|just|sure|ok|okay"
    r"|yes)(?:\s*[,:—–-])?\s+)+",
    re.IGNORECASE,
)
_NAME_COURTESY = re.compile(r"[\s,]+(?:пожалуйста|please|спасибо|thanks)[.!]*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
Facts = dict[str, str]
Slots = dict[str, Any]


def is_payload(text: str) -> bool:
    """A button of an earlier message ("/affirm"), pressed while the form asks something else."""
    return text.startswith("/")


def _proper_case(word: str) -> bool:
    return len(word) > 1 and all(
        part[:1].isupper() and part[1:] == part[1:].lower() for part in re.split(r"[-'’]", word)
    )


def _could_be_a_name(word: str) -> bool:
    """Where only a name is expected: a word written as a name that is no common word, or a
    title that goes with one ("Ms O'Neil")."""
    lower = word.lower()
    if not _NAME_WORD.match(word) or lower in NOT_NAMES:
        return False
    if lower in TITLES:
        return True
    if lower.isascii():
        return _proper_case(word) and lower not in ENGLISH_STOPWORDS
    if not is_known(lower):
        return _proper_case(word)
    return any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses(lower)[:2])


def name_from(text: str) -> str | None:
    """The answer to "what's your name?" when the NLU found no name in it: one to three words
    written as a name that are no common words ("Priya", "Kwame Mensah"); None otherwise."""
    if is_payload(text) or "@" in text or "://" in text or any(c.isdigit() for c in text):
        return None
    if means_skip(text):
        return None
    name = clean_name(_NAME_COURTESY.sub("", _NAME_INTRO.sub("", text.strip())))
    words = (name or "").split()
    if not words or len(words) > MAX_NAME_WORDS or not all(map(_could_be_a_name, words)):
        return None
    if all(word.lower() in TITLES for word in words):
        return None  # "Mr" alone
    return " ".join(words)


def is_question(text: str) -> bool:
    """Written as a question: a question mark outside quotes (an error message quoted as it
    appeared, «Повторить?», is no question), or a question word first ("а как ...")."""
    return asks(text, FORM_ANSWER)


def describes_problem(text: str, facts: Facts) -> bool:
    """A form answer that also says what is wrong: words besides the facts and their labels."""
    name_words = {folded(w) for w in (facts.get("customer_name") or "").split()}
    words = [
        word
        for word in content_words(text)
        if not word.startswith(FACT_LABEL_STEMS) and word not in name_words
    ]
    return len(words) >= MIN_PROBLEM_WORDS and not skips_in_sentence(text)
