"""The sentence vector the Rasa server already made of the customer's message, handed to the search.

Every question would be encoded by the main encoder twice (the NLU's sentence featurizer in the
Rasa server, then the help-article search in the action server). The featurizer remembers its
vectors by the text as the customer typed it (`RecentVectors`), and the call to the action server
carries the latest message's one (bot/rasa_server/patches/action_calls.py), never the stored
conversation. The search uses it only when it was made by its own encoder from exactly the text
it is about to search, and otherwise encodes as before, so its results never depend on whether a
vector came along.
"""

from __future__ import annotations

import base64
import binascii
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

KNOWN_VECTOR_KEY = "sentence_vector"
RECENT_VECTORS = 256


@dataclass(frozen=True)
class KnownVector:
    """`encoder`'s vector of `text`."""

    encoder: str
    text: str
    vector: np.ndarray  # float32, 1-d

    def to_json(self) -> dict[str, Any]:
        raw = np.ascontiguousarray(self.vector, dtype="<f4").tobytes()
        packed = base64.b64encode(raw).decode()
        return {"encoder": self.encoder, "text": self.text, "float32": packed}

    @classmethod
    def from_json(cls, value: Any) -> KnownVector | None:
        """None for anything that is not a well-formed vector: the search then encodes itself."""
        if not isinstance(value, dict):
            return None
        encoder, text, packed = value.get("encoder"), value.get("text"), value.get("float32")
        if not (isinstance(encoder, str) and isinstance(text, str) and isinstance(packed, str)):
            return None
        try:
            raw = base64.b64decode(packed, validate=True)
        except (binascii.Error, ValueError):
            return None
        if not raw or len(raw) % 4:
            return None
        vector = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        return cls(encoder, text, vector) if np.isfinite(vector).all() else None

    def matches(self, encoder: str, text: str, dimension: int) -> bool:
        return self.encoder == encoder and self.text == text and self.vector.shape == (dimension,)


class RecentVectors:
    """The last vectors the featurizer made in this process, by the message's text as typed (the
    text the conversation records), whatever text the NLU read after normalising it."""

    def __init__(self, size: int = RECENT_VECTORS) -> None:
        self._size = size
        self._vectors: OrderedDict[str, KnownVector] = OrderedDict()

    def remember(self, typed: str, known: KnownVector) -> None:
        self._vectors[typed] = known
        self._vectors.move_to_end(typed)
        while len(self._vectors) > self._size:
            self._vectors.popitem(last=False)

    def recall(self, typed: Any) -> KnownVector | None:
        return self._vectors.get(typed) if isinstance(typed, str) else None


recent_vectors = RecentVectors()
