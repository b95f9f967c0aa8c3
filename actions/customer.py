"""What the website told us about the customer, cleaned before it reaches a slot or a reply."""

from __future__ import annotations

import re
from typing import Any

MAX_NAME_LENGTH = 60
# Names are shown to the customer and to agents: letters, spaces, hyphens and apostrophes only.
_NAME_CHARACTERS = re.compile(r"[^\w\s'’-]|[\d_]", re.UNICODE)


def clean_name(raw: Any) -> str | None:
    """A displayable first name, or None if the value is not a plausible name."""
    if not isinstance(raw, str):
        return None
    name = " ".join(_NAME_CHARACTERS.sub(" ", raw).split())[:MAX_NAME_LENGTH].strip()
    return name or None


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?\d[\d\s().-]{5,22}\d")
_ORDER_NUMBER = re.compile(r"(?<!\d)\d{8}(?!\d)")
_APP_VERSION = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?![\d.])")


def normalise_email(raw: Any) -> str | None:
    """The first email address in the text, lowercased (agents compare and search them)."""
    match = _EMAIL.search(raw) if isinstance(raw, str) else None
    return match.group(0).lower() if match else None


def normalise_phone(raw: Any) -> str | None:
    """A phone number in international form; Russian numbers as +7XXXXXXXXXX.

    8 912 345-67-89, +7 (912) 345 67 89 and 9123456789 all become +79123456789; another
    country's number is accepted only with its + code; anything else is not a phone number.
    """
    match = _PHONE.search(raw) if isinstance(raw, str) else None
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    international = match.group(0).startswith("+")
    if len(digits) == 11 and (digits[0] == "7" or (digits[0] == "8" and not international)):
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9" and not international:
        return "+7" + digits
    if international and 8 <= len(digits) <= 15:
        return "+" + digits
    return None


def order_number_in(raw: Any) -> str | None:
    """An 8-digit order number, also when written as 4587 3921 or №45873921."""
    if not isinstance(raw, str):
        return None
    match = _ORDER_NUMBER.search(raw) or _ORDER_NUMBER.search(re.sub(r"[\s-]", "", raw))
    return match.group(0) if match else None


def app_version_in(raw: Any) -> str | None:
    match = _APP_VERSION.search(raw) if isinstance(raw, str) else None
    return match.group(0) if match else None
