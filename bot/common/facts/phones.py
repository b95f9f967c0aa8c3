"""Phone numbers by libphonenumber's rules (bot/common/contacts.py's one reader), as E.164.

Its matcher knows every country's lengths and prefixes, so "8 925 111-22-33", "+7 (903) 555 12 34"
and "89161234567" are all +7 numbers while order numbers, SMS codes and dates are not phones.
A number that starts with a trunk "0" is never Russian (Russia dials "8"): "07911 123456" is read
as a British number, the one such plan customers of the shop write to it from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from phonenumbers import PhoneNumberType

from bot.common.contacts import phone_matches
from bot.common.facts.model import Span
from bot.common.facts.spans import overlaps
from bot.common.facts.spoken_numbers import spoken_numbers

# A company's line, never a customer's own: "звонила на 8 800 555-35-35, никто не отвечает".
SERVICE_LINES = frozenset(
    {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST}
)
# Where a national number starting with "0" is read (see the module's docstring).
TRUNK_ZERO_REGION = "GB"
# Numbers that only look like phones: tax, company and bank identifiers, passports, tracking.
_NOT_PHONE_BEFORE = re.compile(
    r"(?:инн|огрн\w*|кпп|бик|снилс|паспорт\w*|сч[её]т\w*|р/с|к/с|трек\w*|track\w*|"
    r"tax id|vat|iban|account)\W{0,3}(?:№|#|no\.?)?\s*$",
    re.IGNORECASE,
)


def phones(text: str, skip: Iterable[Span] = ()) -> list[tuple[str, Span]]:
    """Valid numbers in the order written, each as (E.164, span); none inside a `skip` span."""
    skip = tuple(skip)
    found: list[tuple[str, Span]] = []
    for phone, start, end in _matches(text):
        taken = (*skip, *(span for _, span in found))
        if overlaps((start, end), taken) or _NOT_PHONE_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            continue
        if len(set(phone[-10:])) <= 2:
            continue  # "+7 (000) 000-00-00", "+7 999 999 99 99": a placeholder
        if phonenumbers.number_type(phonenumbers.parse(phone)) in SERVICE_LINES:
            continue
        found.append((phone, (start, end)))
    return sorted(found, key=lambda item: item[1])


def spoken_phones(text: str, skip: Iterable[Span] = ()) -> list[tuple[str, Span]]:
    """Numbers dictated in words (bot/common/facts/spoken_numbers.py) that are valid phones as
    a whole, each as (E.164, the span of its words)."""
    skip = tuple(skip)
    found = []
    for digits, span in spoken_numbers(text):
        read = phones(digits)
        if len(read) == 1 and read[0][1] == (0, len(digits)) and not overlaps(span, skip):
            found.append((read[0][0], span))
    return found


def _matches(text: str) -> Iterable[tuple[str, int, int]]:
    yield from phone_matches(text)
    for phone, start, end in phone_matches(text, TRUNK_ZERO_REGION):
        if text[start] == "0":
            yield phone, start, end
