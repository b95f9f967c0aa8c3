"""A customer who would rather phone than chat asks for the contacts, not for the chat's handoff
(issue 18).

"whats your phone number, id rather just call someone" names a person and a wish for one
(actions/handoff_trigger.py), but a chat handoff form is no phone line: the contacts article has
the number and the hours, and a person stays a button away beside it. Read only when the NLU
places the message in the contacts topic, and never for a request to be called back ("позвоните
мне", "call me back", "звоните жене +7 917 …"): that is for a person, who needs the customer's
number; nor after phoning failed ("на 8 800 не дозвонился").
"""

from __future__ import annotations

import re

from actions.text_fold import folded
from bot.common.facts import extract_facts
from bot.common.facts.lexicon import lemma
from bot.common.words import WORD

CONTACTS_INTENT = "contacts_hours"
# Phoning the company, read by base form: "позвонить", "дозвонюсь", "номер телефона".
PHONING_LEMMAS = frozenset(
    {"звонить", "позвонить", "дозвониться", "созвониться", "телефон", "телефонный"}
)
PHONING_WORDS = frozenset({"call", "phone", "ring", "telephone", "dial", "number"})
# The bot's side doing the calling: "позвоните мне", "call me back", "перезвоните".
CALL_BACK_LEMMAS = frozenset({"перезвонить"})
CALLED = frozenset({"мне", "me", "back", "нам", "us"})
# Phoning that was tried and failed: the chat is where a person is asked for now.
FAILED_CALL = re.compile(
    r"\bне (?:могу |смог\w* |получается )?дозвон\w*|\bcan'?t get through\b"
    r"|\b(?:couldn'?t|could not|can not|cannot) get through\b|\bno one (?:picks|picked) up\b"
)


def wants_to_phone(intent: str, text: str) -> bool:
    """The message in the contacts topic asks to phone the company rather than to be called."""
    if intent != CONTACTS_INTENT:
        return False
    words = WORD.findall(folded(text))
    lemmas = [lemma(w) for w in words]
    if CALL_BACK_LEMMAS.intersection(lemmas) or extract_facts(text).phone:
        return False  # "звоните жене +7 917 …": to be called, on the number given
    if FAILED_CALL.search(" ".join(words)):
        return False  # "на 8 800 не дозвонился": the phone was tried, a person is asked for
    phoning = [
        i
        for i, (w, m) in enumerate(zip(words, lemmas, strict=True))
        if w in PHONING_WORDS or m in PHONING_LEMMAS
    ]
    after = {words[i + 1] for i in phoning if i + 1 < len(words)}
    return bool(phoning) and not after & CALLED
