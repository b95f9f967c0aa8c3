"""Event classes looked up in a table built once, not by walking every subclass of `Event`.

Reading a conversation from the tracker store resolves each stored event's class with
`Event.resolve_by_type` (about 4 ms a message); a name not in the table goes to Rasa's own lookup.
"""

from __future__ import annotations

import functools

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_RESOLVE = Event.resolve_by_type


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
