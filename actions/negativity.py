"""A deliberately simple check for strongly negative messages: swearing or anger, in ru and en.

It matches word beginnings from two short lists and shouting ("!!", "?!", capitals), nothing
more. It does not read sarcasm, negation ("не ужасно") or politely worded fury, and it can fire
on a quoted swear word; that is acceptable because its only effect is to bring a person in
sooner and mark the case high priority, never to refuse an answer. Profanity alone is enough;
anger words need two signals (two words, or one word and shouting), so a single "ужасно долго" is
not an escalation.

A milder complaint (one anger word, or "до сих пор", "третий раз", "still no refund") is not an
escalation either: its answer just begins with a line of empathy (`is_complaint`).
"""

from __future__ import annotations

import re

from actions.text_fold import folded
from bot.common.facts.lexicon import parses

# Stems matched at the start of a word (Cyrillic ё folded to е).
PROFANITY = (
    "бля",
    "хуй",
    "хуе",
    "хуё",
    "пизд",
    "ебан",
    "ебат",
    "заеб",
    "уеб",
    "сука",
    "суки",
    "мудак",
    "мудил",
    "говн",
    "дерьм",
    "fuck",
    "shit",
    "bullshit",
    "asshole",
    "bastard",
    "crap",
    "wtf",
)
ANGER = (
    "бесит",
    "бесите",
    "достал",
    "задолбал",
    "заколебал",
    "надоел",
    "обман",
    "мошенни",
    "развод",
    "кидал",
    "ужас",
    "отврат",
    "безобраз",
    "возмутит",
    "беспредел",
    "позор",
    "идиот",
    "дебил",
    "тупые",
    "тупой",
    "урод",
    "сволоч",
    "хамств",
    "черт",
    "хрен",
    "furious",
    "angry",
    "ridiculous",
    "pathetic",
    "disgusting",
    "useless",
    "scam",
    "fraud",
    "idiot",
    "stupid",
    "hate",
    "terrible",
    "awful",
    "worst",
    "unacceptable",
)
# Phrases of a customer who has waited or tried too long (matched in the lower-cased text).
FED_UP = re.compile(
    r"издева|сколько можно|до сих пор|(?:третий|второй|который|пятый) раз"
    r"|уже (?:неделю|месяц|две|три|\d)|still (?:no|not|hasn|haven|waiting)|third time|"
    r"(?:once|yet) again|how long do i|for weeks|\bfor ages\b"
    # anger said in a phrase, and a promise not kept
    r"|driv(?:es|ing) me (?:mad|crazy|nuts)|fed up|sick (?:and tired )?of|сводит с ума"
    r"|обещал\w*|обещает|(?:you|your \w+) (?:said|says|promised|told me)"
)
# "Again" that complains ("курьер опять не приехал", "промокод снова не сработал"); not after a
# verb, where it is the customer's own repeat ("поставлю снова", "заходил снова"), nor after
# "когда" or in an "если" clause ("когда снова появится", "а если опять не приедет?").
AGAIN = frozenset({"опять", "снова"})
AGAIN_NEUTRAL_BEFORE = frozenset({"когда", "как"})
CONDITION = frozenset({"если", "вдруг"})
SHOUT_MIN_LETTERS = 8
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _hits(words: list[str], stems: tuple[str, ...]) -> int:
    return sum(1 for word in words if word.startswith(stems))


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    loud = "!!" in text or "?!" in text or "!?" in text
    return loud or (len(letters) >= SHOUT_MIN_LETTERS and capitals > 0.7 * len(letters))


def _words(text: str) -> list[str]:
    return [folded(w) for w in _WORD.findall(text or "")]


def swears(text: str) -> bool:
    return bool(_hits(_words(text), PROFANITY))


def is_strongly_negative(text: str) -> bool:
    words = _words(text)
    if _hits(words, PROFANITY):
        return True
    return _hits(words, ANGER) + (1 if _shouting(text or "") else 0) >= 2


# The NLU's intent for displeasure: answered like a complaint found in the words.
COMPLAINT_INTENT = "complaint"
# Indignant punctuation: "Почему списали дважды?!" is a complaint, not a plain question.
INDIGNANT = ("?!", "!?")


def is_complaint(text: str) -> bool:
    """Displeasure worth a line of empathy and an offer of a person beside the answer: an anger
    word, a fed-up phrase, indignant punctuation, or worse."""
    lowered = folded(text)
    words = _WORD.findall(lowered)
    indignant = any(mark in lowered for mark in INDIGNANT)
    signals = _hits(words, ANGER) or FED_UP.search(lowered) or indignant or _again(lowered)
    return bool(signals) or is_strongly_negative(text)


def _again(lowered: str) -> bool:
    """ "опять" or "снова" said of something that went wrong again (see AGAIN)."""
    for sentence in re.split(r"[.!?;,\n]+", lowered):
        words = _WORD.findall(sentence)
        for index, word in enumerate(words):
            if word not in AGAIN or CONDITION.intersection(words[:index]):
                continue
            before = words[index - 1] if index else ""
            if before not in AGAIN_NEUTRAL_BEFORE and not _is_verb(before):
                return True
    return False


def _is_verb(word: str) -> bool:
    readings = parses(word)[:1] if word else []
    return any({"VERB", "INFN"} & set(p.tag.grammemes) for p in readings)
