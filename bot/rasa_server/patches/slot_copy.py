"""A faster `copy.copy` of Rasa's slots, with the same result.

Every tracker Rasa builds copies each of the domain's slots (`DialogueStateTracker.__init__`), and
Rasa builds about nine trackers per customer message (each policy replays the conversation): with
28 slots that is 250 copies a message, 1.8 µs each through `copy.copy`'s generic protocol. A slot
is a plain object, for which that protocol makes a new instance with `cls.__new__` and updates its
`__dict__` from the original's; `__copy__` does exactly that directly (0.4 µs). A slot class that
customises copying or pickling is copied by the generic protocol, as before. Installed by
the registry (`patches/registry.py`) in the Rasa server only.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

CUSTOMISED = ("__reduce_ex__", "__reduce__", "__getstate__", "__setstate__")


@functools.cache
def copies_plainly(cls: type) -> bool:
    """True when `copy.copy` treats instances of `cls` as plain objects: no class in its MRO
    customises pickling, and none declares slots (ABC's empty `__slots__` holds no state)."""
    return not any(
        any(name in klass.__dict__ for name in CUSTOMISED) or klass.__dict__.get("__slots__")
        for klass in cls.__mro__[:-1]
    )


def copy_slot(slot: Any) -> Any:
    """`Slot.__copy__`."""
    cls = type(slot)
    if not copies_plainly(cls):
        return copy._reconstruct(slot, None, *slot.__reduce_ex__(4))
    duplicate = cls.__new__(cls)
    duplicate.__dict__.update(slot.__dict__)
    return duplicate
