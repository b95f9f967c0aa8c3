"""The kind of value a question asks for, and whether a sentence gives a value of that kind.

"whats your phone number" wants the sentence with the number, "сколько стоит доставка" the one
with the price: by meaning and shared words alone the excerpt of the contacts article was its
night-time and anti-fraud sentences, and that of the delivery article its time slots. A phone
number, an email address, opening hours, a price and a duration are each recognisable by their
form in any help centre, so an excerpt can prefer a sentence that holds the kind asked for.
"""

from __future__ import annotations

import re
from typing import Literal

ValueKind = Literal["phone", "email", "hours", "price", "duration"]

# What a question says when it asks for a value of each kind, in Russian and English.
_ASKS: dict[ValueKind, re.Pattern[str]] = {
    "phone": re.compile(r"телефон|позвонить|звонить|горяч\w* лини|\bphone\b|\bcall\b|hotline"),
    "email": re.compile(r"\bпочт|e-?mail|имейл|емейл|\bmail\b"),
    "hours": re.compile(
        r"часы работы|во сколько|до скольки|со скольки|когда\s+(?:вы\s+)?работа|график работ"
        r"|круглосуточ|выходн|воскресен|суббот|\bhours\b|what time|are you open|open on"
        r"|opening|weekend|sunday|saturday"
    ),
    "price": re.compile(
        r"сколько стоит|стоимост|\bцен[аыуе]?\b|платн|how much|\bcost|\bprice|\bfees?\b"
    ),
    "duration": re.compile(
        r"сколько\s+(?:дней|времени|ждать|идут|ид[её]т|занима)|как долго|\bсрок|how long"
        r"|how many days|how soon"
    ),
}
# The form of a value of each kind in a sentence.
_GIVES: dict[ValueKind, re.Pattern[str]] = {
    "phone": re.compile(
        r"\+\d{1,3}[\s(-]*\d[\d\s()-]{6,}\d|\b8[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b"
    ),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.\w+"),
    "hours": re.compile(r"\b\d{1,2}[:.]\d{2}\b|24/7|круглосуточно|around the clock"),
    "price": re.compile(
        r"\d\s?(?:₽|руб|р\.|rub|\$|€|£)|[$€£]\s?\d|бесплатн|\bfree\b", re.IGNORECASE
    ),
    "duration": re.compile(
        r"\d+\s*(?:[-–]\s*\d+\s*)?(?:рабоч\w+\s+|календарн\w+\s+|business\s+|working\s+)?"
        r"(?:дн|день|дня|недел|месяц|час|минут|days?\b|weeks?\b|months?\b|hours?\b|minutes?\b)",
        re.IGNORECASE,
    ),
}


def asked_kinds(question: str) -> frozenset[ValueKind]:
    """The kinds of value `question` asks for (none for most questions)."""
    text = question.lower().replace("ё", "е")
    return frozenset(kind for kind, pattern in _ASKS.items() if pattern.search(text))


def gives(sentence: str, kinds: frozenset[ValueKind]) -> bool:
    """Whether `sentence` holds a value of one of `kinds`."""
    return any(_GIVES[kind].search(sentence) for kind in kinds)
