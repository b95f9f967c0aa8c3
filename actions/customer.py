"""What the customer told us about themselves, cleaned before it reaches a slot or a reply.

The facts of a message (name, email, phone, order number, app version) are read once, by the
Rasa server's NLU (bot/rasa_server/nlu/fact_extractor.py), and arrive here as the entities of the
latest message, already normalised. Emails and phones the website passes are read by
bot/common/contacts.py.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

MAX_NAME_LENGTH = 60
# Entities of the fact extractor, named as the slots they fill.
FACT_ENTITIES = ("customer_name", "email", "phone", "order_number", "app_version")
# Names are shown to the customer and to agents: letters, spaces, hyphens and apostrophes only.
_NAME_CHARACTERS = re.compile(r"[^\w\s'’-]|[\d_]", re.UNICODE)
_APP_VERSION = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?![\d.])")


def clean_name(raw: Any) -> str | None:
    """A displayable first name, or None if the value is not a plausible name."""
    if not isinstance(raw, str):
        return None
    name = " ".join(_NAME_CHARACTERS.sub(" ", raw).split())[:MAX_NAME_LENGTH].strip()
    return name or None


def stated_facts(tracker: Tracker) -> dict[str, str]:
    """Fact entity → value, as the NLU read the latest message (the first of each kind)."""
    facts: dict[str, str] = {}
    for entity in (tracker.latest_message or {}).get("entities") or []:
        name, value = entity.get("entity"), entity.get("value")
        if name in FACT_ENTITIES and isinstance(value, str) and value and name not in facts:
            facts[name] = value
    return facts


def app_version_in(raw: Any) -> str | None:
    """A bare version number ("5.4", "5.4.2"): what an answer to "which version?" gives, and
    what elsewhere could be any number, so the NLU does not take it for a version by itself."""
    match = _APP_VERSION.search(raw) if isinstance(raw, str) else None
    return match.group(0) if match else None
