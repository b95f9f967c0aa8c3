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
from bot.common.facts.english_words import common_words
from bot.common.facts.lexicon import is_known, lemma, parses
from bot.common.facts.name_cues import TITLES
from bot.common.facts.name_parts import is_initial

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
        # replies that refuse or put off a name, or call out to the reader
        *("nope", "nah", "idk", "dunno", "none", "anonymous", "anon", "noname", "whatever"),
        *("secret", "private", "test", "testing", "asap", "seriously", "lol", "ugh", "hurry"),
        *("anyone", "nobody", "yep", "yeah", "yup", "nvm", "pass", "sir", "madam", "mate"),
        *("dude", "buddy", "pls", "plz", "thx", "hmm", "hm", "um", "uh"),
    }
)
# Words before a name in an answer to "как к вам обращаться?": "пусть будет Вадим", "можно
# просто Лена", "sure, it's Mark"; and after it: "Liz, please".
# The words that introduce the writer in English, after which a name may be written in lower case.
_SELF_INTRODUCTION = r"my name is|my name's|i am|i'm|im|it's|its|this is|call me|you can call me"
_NAME_INTRO = re.compile(
    r"^(?:(?:меня зовут|зовут|мое имя|моё имя|я|это|пусть будет|можно просто|можно|просто"
    r"|зовите|называйте|ну|ладно|хорошо|да|ок"
    rf"|{_SELF_INTRODUCTION}|just|sure|ok|okay"
    r"|yes)(?:\s*[,:—–-])?\s+)+",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(rf"^(?:{_SELF_INTRODUCTION})\s+\S", re.IGNORECASE)
# A fact in an answer (an email, a link, a phone, a number): never part of a name.
_FACT_WORD = re.compile(r"\S*(?:@|://|\d)\S*")
_PIECE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
_NAME_PIECES = re.compile(r"[,;:()—–]|[.!?](?=\s|$)|\s-\s")
MAX_LEAD_IN_WORDS = 2  # words before a name that only lead in to it
_NAME_COURTESY = re.compile(r"[\s,]+(?:пожалуйста|please|спасибо|thanks)[.!]*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
Facts = dict[str, str]
Slots = dict[str, Any]
# The words that name each fact: an answer that names the fact asked for talks about the question
# ("I'm not giving you my phone number", "имя не скажу"), not about the problem.
FACT_NAMES: dict[str, re.Pattern[str]] = {
    "customer_name": re.compile(r"\b(?:имя|имени|именем|фамили\w*|зовут|обращаться|names?)\b"),
    "email": re.compile(
        r"\b(?:почт\w*|e-?mails?|мейл\w*|емейл\w*|имейл\w*|контакт\w*|contacts?)\b"
    ),
    "phone": re.compile(r"\b(?:телефон\w*|номер\w*|phones?|numbers?|контакт\w*|contacts?)\b"),
    "order_number": re.compile(r"\b(?:номер\w*|numbers?)\b"),
    "app_version": re.compile(r"\b(?:верси\w*|versions?)\b"),
}


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
    written as a name that are no common words ("Priya", "Kwame Mensah"); None otherwise.
    Facts given with the name are not part of it: the answer is read with them left out, whole
    and then by its opening piece or sentence ("Римма, пишите на ¶" is Римма, "it's jess, ¶" is
    jess, "Hiroshi. the app says ¶ if that matters" is Hiroshi)."""
    if is_payload(text) or means_skip(text):
        return None
    rest = _FACT_WORD.sub(" ", text).strip()
    if rest == text.strip():
        return _name_of(rest) or _after_lead_in(rest)
    opening = _PIECE_BREAK.split(rest, maxsplit=1)[0]
    sentence = _NAME_PIECES.split(rest, maxsplit=1)[0]  # "Hiroshi. the app says v5.4.1"
    return _name_of(rest) or _name_of(opening) or _name_of(sentence) or _after_lead_in(rest)


def _after_lead_in(text: str) -> str | None:
    """A name as a piece of its own after a word or two that only lead in ("ну ладно, Вадим.
    телефон ¶", "ok fine, Jack"): given after all, once the customer gives in."""
    pieces = [piece.strip() for piece in _NAME_PIECES.split(text) if piece.strip()]
    for position, piece in enumerate(pieces[1:], start=1):
        if any(len(lead.split()) > MAX_LEAD_IN_WORDS for lead in pieces[:position]):
            return None
        name = _name_of(piece)
        if name is not None:
            return name
    return None


def _name_of(text: str) -> str | None:
    """The text is a name, with the words that introduce it or thank around it."""
    if not text.strip() or means_skip(text):
        return None
    unintroduced = _NAME_INTRO.sub("", text.strip())
    introduced = bool(_INTRODUCTION.match(text.strip()))
    name = clean_name(_NAME_COURTESY.sub("", unintroduced))
    words = (name or "").split()
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    if all(map(_could_be_a_name, words)):
        if all(word.lower() in TITLES for word in words):
            return None  # "Mr" alone
        return " ".join(words)
    spelled = [word for word in words if not is_initial(word)]
    if len(spelled) == 1 and len(words) > 1 and _could_be_a_name(spelled[0]):
        # a surname with initials, as forms are signed: "Кравец В. П."
        return " ".join(f"{word}." if is_initial(word) else word for word in words)
    # the name alone, as many write it in a chat: "arjun"
    alone = len(words) == len(text.split()) == 1
    if (introduced or alone) and all(map(_introduced_name, words)):
        return " ".join(word.capitalize() for word in words)
    return None


def _introduced_name(word: str) -> bool:
    """After "it's", "i'm", "my name is", "call me", or alone as the whole answer: a word written
    in lower case is a name when it is no common English word ("it's jess", "arjun"); Russian
    names are told by the dictionary."""
    lower = word.lower()
    if not lower.isascii() or not _NAME_WORD.match(word) or len(lower) < 2:
        return False
    return lower not in NOT_NAMES and lower not in ENGLISH_STOPWORDS and lower not in common_words()


def is_question(text: str) -> bool:
    """Written as a question: a question mark outside quotes (an error message quoted as it
    appeared, «Повторить?», is no question), or a question word first ("а как ...")."""
    return asks(text, FORM_ANSWER)


def names_fact(text: str, facts: tuple[str, ...]) -> bool:
    """The answer names one of `facts`, the ones the question asks for (FACT_NAMES)."""
    lowered = folded(text)
    return any(FACT_NAMES[fact].search(lowered) for fact in facts if fact in FACT_NAMES)


# Words that correct a fact just given ("ой, в телефоне ошибся, правильно ¶", "scratch that,
# the correct one is ¶"): about the answer, not about the problem. Not "ошибка", "вернуть" or
# "scratched": those tell a problem.
CORRECTING_STEMS = ("ошибс", "ошибл", "опечат", "правильн", "верны", "верна", "верно")
CORRECTING_WORDS = frozenset({"typo", "typos", "scratch", "correct", "corrected", "correction"})
# The stems of words that are about the answer, not the problem: a fact's label or a correction.
NOT_PROBLEM_STEMS = FACT_LABEL_STEMS + CORRECTING_STEMS


# Words about reaching the customer, by their base forms, said beside a contact given: "почту не
# надо, я её редко открываю, только телефон", "звоните после шести", "i barely check that one,
# call me instead". They tell how to answer, not what is wrong.
CONTACT_TALK = frozenset(
    {
        *("звонить", "позвонить", "перезвонить", "писать", "написать", "записать", "открывать"),
        *("проверять", "читать", "редко", "лучше", "только", "удобно", "дозвониться", "связь"),
        *("call", "ring", "text", "write", "email", "check", "reach", "barely", "rarely"),
        *("better", "only", "best", "use", "message", "whatsapp", "telegram", "вотсап"),
        # when to reach them: "звоните после 18, днём не могу"
        *("после", "день", "днём", "вечер", "вечером", "утро", "утром", "выходной", "будни"),
        *("after", "before", "morning", "afternoon", "evening", "weekday", "weekdays", "weekend"),
        # which line it is and where they are: "это домашний, я всегда дома", "work number,
        # call any time"
        *("домашний", "рабочий", "личный", "дом", "дома", "всегда", "любой", "время"),
        *("home", "work", "landline", "personal", "always", "anytime", "any", "time"),
    }
)
CONTACT_FACTS = ("email", "phone")


def describes_problem(text: str, facts: Facts) -> bool:
    """A form answer that also says what is wrong: words besides the facts, their labels, the
    words that correct one and, beside a contact, the words about reaching the customer."""
    name_words = {folded(w) for w in (facts.get("customer_name") or "").split()}
    about_contact = CONTACT_TALK if any(facts.get(f) for f in CONTACT_FACTS) else frozenset()
    words = [
        word
        for word in content_words(text)
        if not word.startswith(NOT_PROBLEM_STEMS)
        and word not in CORRECTING_WORDS
        and word not in name_words
        and not (about_contact and lemma(word) in about_contact)
    ]
    return len(words) >= MIN_PROBLEM_WORDS and not skips_in_sentence(text)
