"""What the website told us about the customer, cleaned before it reaches a slot or a reply.

Emails and phones are read by bot/common/contacts.py.
"""

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


_ORDER_NUMBER = re.compile(r"(?<!\d)\d{8}(?!\d)")
_APP_VERSION = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?![\d.])")


def order_number_in(raw: Any) -> str | None:
    """An 8-digit order number, also when written as 4587 3921 or №45873921."""
    if not isinstance(raw, str):
        return None
    match = _ORDER_NUMBER.search(raw) or _ORDER_NUMBER.search(re.sub(r"[\s-]", "", raw))
    return match.group(0) if match else None


def app_version_in(raw: Any) -> str | None:
    match = _APP_VERSION.search(raw) if isinstance(raw, str) else None
    return match.group(0) if match else None
