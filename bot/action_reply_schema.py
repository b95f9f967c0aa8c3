"""Rasa's schema of an action server's reply, checked event by event against its own type only.

Rasa's schema says each event must match exactly one of 23 event schemas (`oneOf`), so a checker
tries all 23 on every event of every reply: 1 ms per customer message in `bench.latency`'s
profile. Each of the 23 fixes the event's type to a different name (`"event": {"const": ...}`), so
an event whose type names one of them can match no other: it is valid exactly when it is valid
against the common part and that one schema, and an event of an unknown type matches none. The
verdict is the full schema's (tests/bot/test_action_reply_schema.py compares both on every event
type); a reply it refuses goes to Rasa's own check for Rasa's error message.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction


@functools.cache
def _validators() -> tuple[Validator, dict[str, Validator]]:
    """The reply without its events' details, and one event validator per event type."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)  # once, where `jsonschema.validate` did it every call
    events = schema["properties"]["events"]
    common = {key: value for key, value in events["items"].items() if key != "oneOf"}
    by_type = {
        one["properties"]["event"]["const"]: validator_class({**common, "allOf": [one]})
        for one in events["items"]["oneOf"]
    }
    outline = copy.deepcopy(schema)
    outline["properties"]["events"]["items"] = {"type": "object"}
    return validator_class(outline), by_type


def reply_is_valid(reply: Any) -> bool:
    """Whether Rasa's schema accepts the reply."""
    outline, by_type = _validators()
    if not outline.is_valid(reply):
        return False
    for event in reply.get("events") or []:
        checker = by_type.get(event.get("event"))
        if checker is None or not checker.is_valid(event):
            return False
    return True
