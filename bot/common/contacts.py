"""Email addresses and phone numbers as customers type them: one email pattern and one phone
normaliser for every process (the handoff form, the gateway's contact fallback, log masking).

Phones are read by libphonenumber's rules (the `phonenumbers` port) with Russia as the default
region: "8 912 345-67-89", "+7 (912) 345 67 89" and "9123456789" are all +79123456789. A number
written with its "+" code is taken as a phone if it has a possible length for its country;
without it, only a number valid in Russia is (so order numbers, SMS codes and dates are not
phones). The fact extractor (bot/common/facts) reads phones and emails with these same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, ValidationResult

DEFAULT_REGION = "RU"
# Letters, digits and . % + ' - before the @; a domain of dot-separated parts ending in letters.
EMAIL_PATTERN = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


def find_email(text: str) -> str | None:
    """The first email address in the text, as written."""
    match = EMAIL_PATTERN.search(text)
    return match.group() if match else None


def normalise_email(raw: Any) -> str | None:
    """The first email address in the text, lowercased (agents compare and search them)."""
    email = find_email(raw) if isinstance(raw, str) else None
    return email.lower() if email else None


def phone_matches(text: str, region: str = DEFAULT_REGION) -> Iterator[tuple[str, int, int]]:
    """Every phone number in the text as (E.164, start, end), in the order written."""
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        number = match.number
        # With its "+" code a number is meant as a phone even where the plan is not known to be
        # in use; without it only a valid number is one (not any run of digits).
        if match.raw_string.startswith("+"):
            reason = phonenumbers.is_possible_number_with_reason(number)
            accepted = reason == ValidationResult.IS_POSSIBLE  # a local-only length is too short
        else:
            accepted = phonenumbers.is_valid_number(number)
        if accepted:
            yield phonenumbers.format_number(number, PhoneNumberFormat.E164), match.start, match.end


def normalise_phone(raw: Any, region: str = DEFAULT_REGION) -> str | None:
    """The first phone number in the text in international form (E.164), or None."""
    if not isinstance(raw, str):
        return None
    return next((phone for phone, _, _ in phone_matches(raw, region)), None)
