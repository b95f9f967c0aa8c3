"""The index: chunks, their vectors, a faiss index and a manifest, swapped atomically (the files
and the switch: retrieval/index_files.py).

The manifest records the encoder, the second encoder if one was
used (retrieval/companion.py), the dimension and a checksum per article: an index built with
other encoders or from other content is never used silently. It also holds the help center's
built-in calibration and what the build warns about (retrieval/calibration.py). With the second
encoder a build also keeps its vectors (`companion.npy`) and the character TF-IDF fitted on the
articles (`chars.npz`, retrieval/chars.py).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from retrieval import companion as companions
from retrieval import companion_gate
from retrieval import vectors as chunk_vectors
from retrieval.articles import Article
from retrieval.build_progress import BuildProgress
from retrieval.calibration import measure
from retrieval.chars import CharModel
from retrieval.chunker import Chunk, chunk_article
from retrieval.companion import Companion
from retrieval.encoder import Encoder
from retrieval.errors import RetrievalError
from retrieval.index_files import (
    FORMAT_VERSION,
    LoadedIndex,
    Manifest,
    current_build,
    load_build,
    switch_current,
    write_build,
)
from retrieval.searchable import Searchable
from retrieval.settings import RetrievalSettings

__all__ = ["LoadedIndex", "Manifest", "StaleIndexError", "current_build", "load_build"]

log = logging.getLogger(__name__)
HNSW_NEIGHBOURS = 32


class StaleIndexError(RetrievalError):
    """The stored index does not match the encoder or the articles it is asked to serve."""


@dataclass(frozen=True)
class BuildReport:
    folder: Path
    articles: int
    chunks: int
    encoded_chunks: int
    reused_chunks: int
    index_type: str
    seconds: float
    calibration: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    companion: str = ""


def make_faiss_index(vectors: np.ndarray, approximate_above: int) -> tuple[Any, str]:
    """Exact inner product for small knowledge bases; HNSW above the size threshold."""
    dimension = vectors.shape[1]
    if len(vectors) > approximate_above:
        index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 64
        index.hnsw.efSearch = 128
        kind = "hnsw"
    else:
        index = faiss.IndexFlatIP(dimension)
        kind = "flat"
    if len(vectors):
        index.add(vectors)
    return index, kind


def serve_single_queries() -> None:
    """A served query is one vector: OpenMP's fan-out over threads costs more than it saves, and
    on a busy 2-core machine it made a query over 100 000 chunks about 8 times slower."""
    faiss.omp_set_num_threads(1)


def check_manifest(
    manifest: Manifest,
    encoder: Encoder,
    articles: list[Article] | None,
    settings: RetrievalSettings | None = None,
) -> None:
    """`settings`: also check the second encoder is the one these settings would use."""
    if manifest.format_version != FORMAT_VERSION:
        raise StaleIndexError(f"index format {manifest.format_version} is not {FORMAT_VERSION}")
    if manifest.encoder != encoder.name or manifest.dimension != encoder.dimension:
        raise StaleIndexError(
            f"index was built with encoder {manifest.encoder!r} ({manifest.dimension} dims), "
            f"the configured one is {encoder.name!r} ({encoder.dimension} dims)"
        )
    if articles is not None and {a.id: a.checksum for a in articles} != manifest.articles:
        raise StaleIndexError("the articles changed since the index was built")
    if settings is not None:
        wanted = companions.wanted(settings.companion_encoder, manifest.chunk_count,
                                   settings.companion_max_chunks)  # fmt: skip
        name = wanted.name if wanted is not None else ""
        if manifest.companion != name:
            raise StaleIndexError(
                f"index was built with second encoder {manifest.companion or 'none'!r}, "
                f"the settings give {name or 'none'!r}"
            )
        if name and companion_gate.MEASURED not in manifest.calibration:
            raise StaleIndexError("index was built before its second encoder's gate was measured")


def open_index(
    index_dir: Path,
    encoder: Encoder,
    articles: list[Article] | None = None,
    settings: RetrievalSettings | None = None,
) -> LoadedIndex:
    folder = current_build(index_dir)
    if folder is None:
        raise StaleIndexError(f"no index in {index_dir}; run `python -m retrieval build`")
    loaded = load_build(folder)
    check_manifest(loaded.manifest, encoder, articles, settings)
    return loaded


Reusable = dict[chunk_vectors.Key, np.ndarray]


def _previous_vectors(index_dir: Path, encoder: Encoder, companion: str) -> list[Reusable]:
    """Vectors of the current build keyed by (article checksum, chunk text), if reusable: the
    main encoder's and, when it is `companion`, the second encoder's of the text and of the
    questions the calibration asks."""
    folder = current_build(index_dir)
    if folder is None:
        return [{}, {}, {}]
    try:
        previous = load_build(folder)
        check_manifest(previous.manifest, encoder, None)
    except RetrievalError as error:
        log.info("retrieval.build.full reason=%s", error)
        return [{}, {}, {}]
    checksums = previous.manifest.articles
    chunks = previous.chunks
    keys = [(checksums.get(c.article_id, ""), c.encoded_text) for c in chunks]
    result = [chunk_vectors.by_key(keys, previous.vectors, None, chunks), {}, {}]
    if companion and previous.manifest.companion == companion:
        for n, (stored, kinds) in enumerate(
            (
                (previous.companion_vectors, chunk_vectors.COMPANION_KINDS),
                (previous.companion_queries, chunk_vectors.ASKED_KINDS),
            ),
            start=1,
        ):
            if stored is not None:
                result[n] = chunk_vectors.by_key(keys, stored, kinds, chunks)
    return result


def _second_encoding(
    companion: Companion,
    chunks: list[Chunk],
    keys: list[chunk_vectors.Key],
    reusable: list[Reusable],
    progress: BuildProgress,
) -> tuple[np.ndarray, np.ndarray]:
    """The second encoder's vectors of titles and body chunks (as text) and of what the
    calibration asks (as questions)."""
    text, _ = chunk_vectors.encode_missing(
        chunks, keys, chunk_vectors.COMPANION_KINDS, companion.passages, companion.dimension,
        reusable[1], progress=(progress, f"{companion.name} passages"), step=companions.BATCH,
    )  # fmt: skip
    asked, _ = chunk_vectors.encode_missing(
        chunks, keys, chunk_vectors.ASKED_KINDS, companion.queries, companion.dimension,
        reusable[2], means=False, progress=(progress, f"{companion.name} questions"),
        step=companions.BATCH,
    )  # fmt: skip
    return text, asked


def build_index(
    articles: list[Article],
    encoder: Encoder,
    index_dir: Path,
    chunk_chars: int,
    chunk_overlap: int,
    approximate_above: int,
    progress: Callable[[str], None] | None = None,
    settings: RetrievalSettings | None = None,
) -> BuildReport:
    """Build (re-encoding only changed articles) into a new folder and switch `current` to it.
    `settings` give the second encoder, its size limit and the settings the calibration
    measures with (defaults otherwise)."""
    started = time.monotonic()
    settings = settings or RetrievalSettings()
    if not articles:
        raise RetrievalError("No valid articles to index.")
    checksums = {a.id: a.checksum for a in articles}
    chunks = [c for a in articles for c in chunk_article(a, chunk_chars, chunk_overlap)]
    companion = companions.wanted(
        settings.companion_encoder, len(chunks), settings.companion_max_chunks
    )
    reusable = _previous_vectors(index_dir, encoder, companion.name if companion else "")
    keys = chunk_vectors.keys(chunks, checksums)
    log.info("retrieval.build.start articles=%d chunks=%d", len(articles), len(chunks))
    if progress:
        progress(f"{len(articles)} articles, {len(chunks)} chunks")
    reporter = BuildProgress(progress)
    vectors, encoded = chunk_vectors.encode_missing(
        chunks, keys, None, encoder.encode, encoder.dimension, reusable[0],
        progress=(reporter, encoder.name),
    )  # fmt: skip
    second, asked, chars = None, None, None
    if companion is not None:
        second, asked = _second_encoding(companion, chunks, keys, reusable, reporter)
        chars = CharModel.fit([f"{a.title}\n{a.body}" for a in articles])
    faiss_index, kind = make_faiss_index(vectors, approximate_above)
    manifest = Manifest(
        FORMAT_VERSION, encoder.name, encoder.dimension, kind, time.time(), len(chunks), checksums,
        companion=companion.name if companion else "",
    )  # fmt: skip
    by_id = {a.id: a for a in articles}
    loaded = LoadedIndex(
        index_dir, manifest, by_id, chunks, vectors, faiss_index, second, chars, asked
    )
    searchable = Searchable(loaded, companion)
    calibration = measure(searchable, settings)
    for warning in calibration.warnings:
        log.warning("retrieval.build.warning %s", warning)
    measured = {**calibration.as_manifest(), **companion_gate.bounds(searchable, settings)}
    manifest = dataclasses.replace(
        manifest, calibration=measured, warnings=list(calibration.warnings)
    )
    folder = write_build(
        index_dir, manifest, articles, chunks, (vectors, second, asked), faiss_index, chars
    )
    switch_current(index_dir, folder)
    return BuildReport(
        folder,
        len(articles),
        len(chunks),
        encoded,
        sum(c.kind != "article" for c in chunks) - encoded,
        kind,
        time.monotonic() - started,
        manifest.calibration,
        manifest.warnings,
        manifest.companion,
    )


def build_with_settings(
    articles: list[Article],
    encoder: Encoder,
    settings: RetrievalSettings,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """`build_index` with the folder, chunking and index choice taken from settings."""
    return build_index(
        articles,
        encoder,
        settings.index_dir,
        settings.chunk_chars,
        settings.chunk_overlap,
        settings.approximate_above,
        progress,
        settings,
    )
