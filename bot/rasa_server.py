"""Starts the Rasa server: `python -m bot.rasa_server run ...` takes the arguments of `rasa run`.

Two changes to hot paths of Rasa 3.6, the last open-source release (no upstream fix will come),
found by profiling `bench.latency`; each keeps Rasa's results and errors exactly:
- Rasa checks every action server reply with `jsonschema.validate`, which first validates the
  schema itself against the JSON Schema meta-schema, on every call: about 20 ms per custom action
  with jsonschema 4.17, a third of Rasa's time per message. Here the validator is built once; a
  reply that fails it goes through Rasa's own check, so the error and its message stay Rasa's.
- Reading a conversation from the tracker store looks up each event's class by walking every
  subclass of `Event` (`Event.resolve_by_type`): about 4 ms per message. Here the classes are
  looked up in a table built once; a name not in the table goes to Rasa's own lookup.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import exceptions, validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_VALIDATE = RemoteAction._validate_action_result
RASA_RESOLVE = Event.resolve_by_type


@functools.cache
def action_reply_validator() -> Validator:
    """The validator `jsonschema.validate` builds on every call, built once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_reply(action: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with the validator built once."""
    if exceptions.best_match(action_reply_validator().iter_errors(result)) is None:
        return True
    return bool(RASA_VALIDATE(action, result))


@functools.cache
def event_classes() -> dict[str, type[Event]]:
    """Event type name → class; the first in Rasa's order wins, as in its own lookup."""
    classes: dict[str, type[Event]] = {}
    for event_class in all_subclasses(Event):
        classes.setdefault(event_class.type_name, event_class)
    return classes


def resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """`Event.resolve_by_type` through a table built once."""
    known = event_classes().get(type_name)
    return known if known is not None else RASA_RESOLVE(type_name, default)


def install() -> None:
    RemoteAction._validate_action_result = validate_action_reply  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_event_type)  # type: ignore[method-assign]


def main() -> None:
    from rasa.__main__ import main as rasa_main

    install()
    rasa_main()


if __name__ == "__main__":
    main()
