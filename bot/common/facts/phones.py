"""Phone numbers by libphonenumber's rules (the `phonenumbers` port), as E.164.

Its matcher knows every country's lengths and prefixes, so "8 925 111-22-33", "+7 (903) 555 12 34"
and "89161234567" are all +7 numbers while order numbers, SMS codes and dates are not phones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from bot.common.facts.model import Span
from bot.common.facts.spans import overlaps

DEFAULT_REGION = "RU"
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
    for match in PhoneNumberMatcher(text, DEFAULT_REGION, leniency=Leniency.POSSIBLE):
        span = (match.start, match.end)
        if overlaps(span, skip) or _NOT_PHONE_BEFORE.search(
            text[max(0, match.start - 20) : match.start]
        ):
            continue
        # A number written with its "+" code is meant as a phone even where the plan is not
        # known to be in use; without it only a valid number is one (not any run of digits).
        if not match.raw_string.startswith("+") and not phonenumbers.is_valid_number(match.number):
            continue
        if len(set(str(match.number.national_number))) <= 2:
            continue  # "+7 (000) 000-00-00", "+7 999 999 99 99": a placeholder
        found.append((phonenumbers.format_number(match.number, PhoneNumberFormat.E164), span))
    return found
