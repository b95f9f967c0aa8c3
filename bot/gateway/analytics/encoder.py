"""The sentence encoder for clustering questions, loaded on first use and not at gateway start:
loading takes seconds and memory the gateway does not otherwise need."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.encoder import Encoder


def load_default_encoder() -> Encoder:
    from retrieval.encoder import load_encoder

    return load_encoder()


class LazyEncoder:
    """Hands out one encoder, loading it the first time; tests pass a tiny loader."""

    def __init__(self, load: Callable[[], Encoder] = load_default_encoder) -> None:
        self._load = load
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()

    def get(self) -> Encoder:
        """Blocking (the first call loads the model): call it from a worker thread."""
        with self._lock:
            if self._encoder is None:
                self._encoder = self._load()
            return self._encoder
