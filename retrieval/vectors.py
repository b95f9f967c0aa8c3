"""The vectors of a build: the main encoder's for every chunk and, for a help center small enough,
the second encoder's for its titles and body chunks (retrieval/companion.py).

A whole-article chunk is never encoded: its vector is the normalised mean of the article's title
and body chunk vectors. Encoding whole articles made a build of 100 000 chunks take 974 s instead
of 322 s, and the mean ranked better (retrieval/scoring.py). Vectors of unchanged chunks (same
article checksum, same text) are taken from the previous build.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from retrieval.build_progress import BuildProgress
from retrieval.chunker import Chunk

Key = tuple[str, str]
MEAN_OF = ("title", "body")
COMPANION_KINDS = ("title", "body")
# What the built-in calibration asks as questions (retrieval/calibration.py): the second encoder
# encodes them as questions once, and later builds reuse them.
ASKED_KINDS = ("title", "heading", "question")


def keys(chunks: Sequence[Chunk], checksums: dict[str, str]) -> list[Key]:
    return [(checksums[c.article_id], c.encoded_text) for c in chunks]


def encode_missing(
    chunks: Sequence[Chunk],
    chunk_keys: list[Key],
    kinds: tuple[str, ...] | None,
    encode: Callable[[list[str]], np.ndarray],
    dimension: int,
    reusable: dict[Key, np.ndarray],
    means: bool = True,
    progress: tuple[BuildProgress, str] | None = None,
    step: int | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors for the chunks of `kinds` (None: every kind but the whole article), encoding only
    what `reusable` lacks, with the whole-article rows as means (unless not `means`); returns
    (vectors, encoded). `progress`: reports the encoding under the given encoder label, `step`
    texts at a time (its default if None)."""
    wanted = [
        i
        for i, c in enumerate(chunks)
        if c.kind != "article" and (kinds is None or c.kind in kinds)
    ]
    missing = [i for i in wanted if chunk_keys[i] not in reusable]
    texts = [chunks[i].encoded_text for i in missing]
    fresh = None
    if missing and progress is not None:
        reporter, label = progress
        owners = [chunks[i].article_id for i in missing]
        fresh = reporter.encode(label, encode, texts, owners, step)
    elif missing:
        fresh = encode(texts)
    vectors = np.zeros((len(chunks), dimension), dtype=np.float32)
    for row, i in enumerate(missing):
        vectors[i] = fresh[row]  # type: ignore[index]
    for i in wanted:
        if chunk_keys[i] in reusable:
            vectors[i] = reusable[chunk_keys[i]]
    if means:
        fill_article_means(vectors, chunks)
    return vectors, len(missing)


def fill_article_means(vectors: np.ndarray, chunks: Sequence[Chunk]) -> None:
    """Each whole-article row becomes the normalised mean of its article's title and body rows."""
    totals: dict[str, np.ndarray] = {}
    for i, chunk in enumerate(chunks):
        if chunk.kind in MEAN_OF:
            if chunk.article_id in totals:
                totals[chunk.article_id] = totals[chunk.article_id] + vectors[i]
            else:
                totals[chunk.article_id] = vectors[i].astype(np.float64)
    for i, chunk in enumerate(chunks):
        if chunk.kind == "article" and chunk.article_id in totals:
            total = totals[chunk.article_id]
            vectors[i] = total / max(float(np.linalg.norm(total)), 1e-12)


def by_key(chunk_keys: list[Key], vectors: np.ndarray, kinds: tuple[str, ...] | None,
           chunks: Sequence[Chunk]) -> dict[Key, np.ndarray]:  # fmt: skip
    """A build's encoded vectors keyed for reuse (whole-article means are recomputed)."""
    return {
        key: vectors[i]
        for i, (key, c) in enumerate(zip(chunk_keys, chunks, strict=True))
        if c.kind != "article" and (kinds is None or c.kind in kinds)
    }
