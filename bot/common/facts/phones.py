"""Phone numbers by libphonenumber's rules (bot/common/contacts.py's one reader), as E.164.

Its matcher knows every country's lengths and prefixes, so "8 925 111-22-33", "+7 (903) 555 12 34"
and "89161234567" are all +7 numbers while order numbers, SMS codes and dates are not phones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.common.contacts import phone_matches
from bot.common.facts.model import Span
from bot.common.facts.spans import overlaps

# Numbers that only look like phones: tax, company and bank identifiers, passports, tracking.
_NOT_PHONE_BEFORE = re.compile(
    r"(?:инн|огрн\w*|кпп|бик|снилс|паспорт\w*|сч[её]т\w*|р/с|к/с|трек\w*|track\w*|"
    r"tax id|vat|iban|account)\W{0,3}(?:№|#|no\.?)?\s*$",
    re.IGNORECASE,
)


def phones(text: str, skip: Iterable[Span] = ()) -> list[tuple[str, Span]]:
    """Valid numbers in the order written, each as (E.164, span); none inside a `skip` span."""
    skip = tuple(skip)
    found = []
    for phone, start, end in phone_matches(text):
        if overlaps((start, end), skip) or _NOT_PHONE_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            continue
        if len(set(phone[-10:])) <= 2:
            continue  # "+7 (000) 000-00-00", "+7 999 999 99 99": a placeholder
        found.append((phone, (start, end)))
    return found
