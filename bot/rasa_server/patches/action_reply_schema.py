"""Rasa's schema of an action server's reply, checked event by event against its own type only.

Rasa's schema says each event must match exactly one of 23 event schemas (`oneOf`), so a checker
tries all 23 on every event of every reply: 1 ms per customer message in `bench.latency`'s
profile. Each of the 23 fixes the event's type to a different name (`"event": {"const": ...}`), so
an event whose type names one of them can match no other: it is valid exactly when it is valid
against the common part and that one schema, and an event of an unknown type matches none. The
verdict is the full schema's (tests/bot/test_action_reply_schema.py compares both on every event
type); a reply it refuses goes to Rasa's own check for Rasa's error message.

Most events of a reply set slots (nine in ten in `bench.latency`), and jsonschema takes 0.1 ms for
each; the slot event's schema is four type checks, written out in `slot_event_is_valid`.
"""

from __future__ import annotations

import copy
import functools
import logging
import numbers
from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction

log = logging.getLogger(__name__)

# The schema without its events' details: what `outline_is_valid` checks.
OUTLINE = {
    "type": "object",
    "properties": {
        "events": {"type": "array", "items": {"type": "object"}},
        "responses": {"type": "array", "items": {"type": "object"}},
    },
}


@functools.cache
def _validators() -> dict[str, Validator] | None:
    """One event validator per event type; None when the rest of Rasa's schema is not `OUTLINE`
    (every reply then goes to Rasa's own check)."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)  # once, where `jsonschema.validate` did it every call
    events = schema["properties"]["events"]
    outline = copy.deepcopy(schema)
    outline["properties"]["events"]["items"] = {"type": "object"}
    if outline != OUTLINE:
        log.warning("rasa.action_reply_schema.unexpected checks=rasa")
        return None
    common = {key: value for key, value in events["items"].items() if key != "oneOf"}
    return {
        one["properties"]["event"]["const"]: validator_class({**common, "allOf": [one]})
        for one in events["items"]["oneOf"]
    }


def outline_is_valid(reply: Any) -> bool:
    """`OUTLINE`: an object whose `events` and `responses`, when present, are lists of objects."""
    if not isinstance(reply, dict):
        return False
    for key in ("events", "responses"):
        items = reply.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return False
    return True


def _absent_null_or(event: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> bool:
    value = event.get(key)
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def slot_event_is_valid(event: dict[str, Any]) -> bool:
    """Rasa's schema of a "slot" event, with the common part: a string `name`, any `value`, and
    `timestamp` (a number) and `metadata` (an object) null or absent. The event is an object."""
    return (
        isinstance(event.get("name"), str)
        and "value" in event
        and _absent_null_or(event, "timestamp", numbers.Number)
        and _absent_null_or(event, "metadata", dict)
    )


def reply_is_valid(reply: Any) -> bool:
    """Whether Rasa's schema accepts the reply."""
    by_type = _validators()
    if by_type is None or not outline_is_valid(reply):
        return False
    for event in reply.get("events") or []:
        kind = event.get("event")
        if kind == "slot":
            if not slot_event_is_valid(event):
                return False
            continue
        checker = by_type.get(kind)
        if checker is None or not checker.is_valid(event):
            return False
    return True
