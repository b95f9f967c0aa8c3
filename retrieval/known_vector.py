"""The sentence vector the NLU already computed for the customer's message, handed to the search.

Every question is encoded twice with the same model: by the NLU's sentence featurizer in the Rasa
server, then by the help-article search in the action server (2.5 ms of the action's 5 ms). The
featurizer remembers its last vectors by text (`RecentVectors`); the Rasa server adds the one of
the latest message to the tracker it sends to the action server
(bot/rasa_server/patches/action_calls.py), never to the stored conversation; the search uses it only
when it was made by its own encoder from exactly the text it is about to search, and otherwise
encodes as before.
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
    encoder: str
    text: str
    vector: np.ndarray  # float32, 1-d

    def to_json(self) -> dict[str, str]:
        raw = np.ascontiguousarray(self.vector, dtype="<f4").tobytes()
        packed = base64.b64encode(raw).decode()
        return {"encoder": self.encoder, "text": self.text, "float32": packed}

    @classmethod
    def from_json(cls, value: Any) -> KnownVector | None:
        """None for anything that is not a well-formed vector: the search then encodes itself."""
        if not isinstance(value, dict):
            return None
        encoder, text, packed = value.get("encoder"), value.get("text"), value.get("float32")
        if not all(isinstance(part, str) for part in (encoder, text, packed)):
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
    """The last vectors the featurizer made in this process, by text (a bounded cache)."""

    def __init__(self, size: int = RECENT_VECTORS) -> None:
        self._size = size
        self._vectors: OrderedDict[str, KnownVector] = OrderedDict()

    def remember(self, encoder: str, text: str, vector: np.ndarray) -> None:
        self._vectors[text] = KnownVector(encoder, text, np.asarray(vector, dtype=np.float32))
        self._vectors.move_to_end(text)
        while len(self._vectors) > self._size:
            self._vectors.popitem(last=False)

    def recall(self, text: Any) -> KnownVector | None:
        return self._vectors.get(text) if isinstance(text, str) else None


recent_vectors = RecentVectors()
