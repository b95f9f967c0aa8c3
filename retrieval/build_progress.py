"""Progress of a long index build, in the log: a cold build of a large help center encodes for
minutes at the action server's start-up, where no terminal shows a progress bar. Texts are
encoded in steps, and every few seconds a line says how many articles (and chunks) are done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)
EVERY_SECONDS = 5.0
STEP = 128


class BuildProgress:
    """Encodes in steps of `step` texts and reports at most every `every_seconds` (and when an
    encoding finishes) to the log and to `report` (the command line's own lines), if given."""

    def __init__(
        self,
        report: Callable[[str], None] | None = None,
        every_seconds: float = EVERY_SECONDS,
        step: int = STEP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if step <= 0:
            raise ValueError("step must be positive")
        self._report = report
        self._every = every_seconds
        self._step = step
        self._clock = clock

    def encode(
        self,
        label: str,
        encode: Callable[[list[str]], np.ndarray],
        texts: Sequence[str],
        owners: Sequence[str],
        step: int | None = None,
    ) -> np.ndarray:
        """Vectors of `texts` (in order); `owners` names each text's article, texts of one
        article next to each other. `step`: texts per call, for an encoder slower than most."""
        step = step or self._step
        articles_done = _articles_done(owners)
        total = articles_done[-1] if len(texts) else 0
        parts = []
        last = self._clock()
        for start in range(0, len(texts), step):
            parts.append(encode(list(texts[start : start + step])))
            done = min(start + step, len(texts))
            now = self._clock()
            if now - last >= self._every or done == len(texts):
                whole = (
                    articles_done[done - 1]
                    if done == len(texts)
                    else _finished(articles_done, owners, done)
                )
                self._say(label, whole, total, done, len(texts))
                last = now
        return np.vstack(parts)

    def _say(self, label: str, articles: int, total: int, done: int, texts: int) -> None:
        log.info(
            "retrieval.build.progress encoder=%s articles=%d/%d chunks=%d/%d",
            label, articles, total, done, texts,
        )  # fmt: skip
        if self._report is not None:
            self._report(f"{label}: {articles}/{total} articles encoded ({done}/{texts} chunks)")


def _articles_done(owners: Sequence[str]) -> list[int]:
    """For each position, how many distinct articles the texts up to it belong to."""
    result, count, previous = [], 0, None
    for owner in owners:
        count += owner != previous
        previous = owner
        result.append(count)
    return result


def _finished(articles_done: list[int], owners: Sequence[str], done: int) -> int:
    """Articles whose every text is among the first `done`."""
    return articles_done[done - 1] - (owners[done] == owners[done - 1])
