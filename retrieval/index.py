"""The on-disk index: chunks, their vectors, a faiss index and a manifest, swapped atomically.

Layout: `<index_dir>/builds/<build-id>/` holds one complete build; `<index_dir>/current` is a
symlink to the build in use, replaced with an atomic rename, so a reader sees the old build or
the new one, never half of one. The manifest records the encoder, the dimension and a checksum per
article: an index built with another encoder or from other content is never used silently. It also
holds the help center's built-in calibration and what the build warns about
(retrieval/calibration.py).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from retrieval.articles import Article
from retrieval.calibration import measure
from retrieval.chunker import Chunk, chunk_article
from retrieval.encoder import Encoder
from retrieval.errors import RetrievalError
from retrieval.searchable import Searchable
from retrieval.settings import RetrievalSettings

log = logging.getLogger(__name__)
FORMAT_VERSION = 2
KEEP_BUILDS = 2
HNSW_NEIGHBOURS = 32


class StaleIndexError(RetrievalError):
    """The stored index does not match the encoder or the articles it is asked to serve."""


@dataclass(frozen=True)
class Manifest:
    format_version: int
    encoder: str
    dimension: int
    index_type: str
    built_at: float
    chunk_count: int
    articles: dict[str, str]
    calibration: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise RetrievalError(f"Index in {folder} has no readable manifest: {error}") from error


@dataclass
class LoadedIndex:
    """A build in memory: everything a search needs."""

    folder: Path
    manifest: Manifest
    articles: dict[str, Article]
    chunks: list[Chunk]
    vectors: np.ndarray
    faiss_index: Any


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


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / "current"
    return link.resolve() if link.exists() else None


def check_manifest(manifest: Manifest, encoder: Encoder, articles: list[Article] | None) -> None:
    if manifest.format_version != FORMAT_VERSION:
        raise StaleIndexError(f"index format {manifest.format_version} is not {FORMAT_VERSION}")
    if manifest.encoder != encoder.name or manifest.dimension != encoder.dimension:
        raise StaleIndexError(
            f"index was built with encoder {manifest.encoder!r} ({manifest.dimension} dims), "
            f"the configured one is {encoder.name!r} ({encoder.dimension} dims)"
        )
    if articles is not None and {a.id: a.checksum for a in articles} != manifest.articles:
        raise StaleIndexError("the articles changed since the index was built")


def load_build(folder: Path) -> LoadedIndex:
    manifest = Manifest.read(folder)
    try:
        articles = {
            a["id"]: Article(**{**a, "tags": tuple(a["tags"]), "questions": tuple(a["questions"])})
            for a in json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        }
        chunks = [Chunk(**c) for c in json.loads((folder / "chunks.json").read_text("utf-8"))]
        vectors = np.load(folder / "vectors.npy")
        faiss_index = faiss.read_index(str(folder / "index.faiss"))
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as error:
        raise RetrievalError(f"Index in {folder} is damaged: {error}") from error
    if len(chunks) != len(vectors) or faiss_index.ntotal != len(chunks):
        raise RetrievalError(f"Index in {folder} is inconsistent: chunk and vector counts differ")
    return LoadedIndex(folder, manifest, articles, chunks, vectors, faiss_index)


def open_index(
    index_dir: Path, encoder: Encoder, articles: list[Article] | None = None
) -> LoadedIndex:
    folder = current_build(index_dir)
    if folder is None:
        raise StaleIndexError(f"no index in {index_dir}; run `python -m retrieval build`")
    loaded = load_build(folder)
    check_manifest(loaded.manifest, encoder, articles)
    return loaded


def _previous_vectors(index_dir: Path, encoder: Encoder) -> dict[tuple[str, str], np.ndarray]:
    """Vectors of the current build keyed by (article checksum, chunk text), if reusable."""
    folder = current_build(index_dir)
    if folder is None:
        return {}
    try:
        previous = load_build(folder)
        check_manifest(previous.manifest, encoder, None)
    except RetrievalError as error:
        log.info("retrieval.build.full reason=%s", error)
        return {}
    return {
        (previous.manifest.articles.get(c.article_id, ""), c.encoded_text): previous.vectors[i]
        for i, c in enumerate(previous.chunks)
    }


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
    `settings` give the scoring weights the calibration measures with (defaults otherwise)."""
    started = time.monotonic()
    if not articles:
        raise RetrievalError("No valid articles to index.")
    reusable = _previous_vectors(index_dir, encoder)
    checksums = {a.id: a.checksum for a in articles}
    chunks = [c for a in articles for c in chunk_article(a, chunk_chars, chunk_overlap)]
    keys = [(checksums[c.article_id], c.encoded_text) for c in chunks]
    missing = [i for i, key in enumerate(keys) if key not in reusable]
    if progress:
        progress(f"{len(articles)} articles, {len(chunks)} chunks, {len(missing)} to encode")
    fresh = encoder.encode([chunks[i].encoded_text for i in missing], show_progress=bool(progress))
    vectors = np.zeros((len(chunks), encoder.dimension), dtype=np.float32)
    for row, i in enumerate(missing):
        vectors[i] = fresh[row]
    for i, key in enumerate(keys):
        if key in reusable:
            vectors[i] = reusable[key]
    faiss_index, kind = make_faiss_index(vectors, approximate_above)
    manifest = Manifest(
        FORMAT_VERSION, encoder.name, encoder.dimension, kind, time.time(), len(chunks), checksums
    )
    by_id = {a.id: a for a in articles}
    loaded = LoadedIndex(index_dir, manifest, by_id, chunks, vectors, faiss_index)
    calibration = measure(Searchable(loaded), settings or RetrievalSettings())
    for warning in calibration.warnings:
        log.warning("retrieval.build.warning %s", warning)
    manifest = dataclasses.replace(
        manifest, calibration=calibration.as_manifest(), warnings=list(calibration.warnings)
    )
    folder = _write_build(index_dir, manifest, articles, chunks, vectors, faiss_index)
    _switch_current(index_dir, folder)
    return BuildReport(
        folder,
        len(articles),
        len(chunks),
        len(missing),
        len(chunks) - len(missing),
        kind,
        time.monotonic() - started,
        manifest.calibration,
        manifest.warnings,
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


def _write_build(
    index_dir: Path,
    manifest: Manifest,
    articles: list[Article],
    chunks: list[Chunk],
    vectors: np.ndarray,
    faiss_index: Any,
) -> Path:
    builds = index_dir / "builds"
    staging = builds / f".tmp-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    (staging / "articles.json").write_text(
        json.dumps([asdict(a) for a in articles], ensure_ascii=False), encoding="utf-8"
    )
    (staging / "chunks.json").write_text(
        json.dumps([asdict(c) for c in chunks], ensure_ascii=False), encoding="utf-8"
    )
    np.save(staging / "vectors.npy", vectors)
    faiss.write_index(faiss_index, str(staging / "index.faiss"))
    # The manifest goes last: a folder without one is never a complete build.
    (staging / "manifest.json").write_text(json.dumps(asdict(manifest)), encoding="utf-8")
    folder = builds / f"{int(manifest.built_at * 1000)}-{uuid.uuid4().hex[:6]}"
    staging.rename(folder)
    return folder


def _switch_current(index_dir: Path, folder: Path) -> None:
    link = index_dir / "current"
    temporary = index_dir / f".current-{uuid.uuid4().hex}"
    os.symlink(folder.relative_to(index_dir), temporary)
    os.replace(temporary, link)
    builds = sorted(
        (p for p in (index_dir / "builds").iterdir() if not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in builds[:-KEEP_BUILDS]:
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
