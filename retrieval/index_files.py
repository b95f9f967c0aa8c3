"""Where a build lives on disk: `<index_dir>/builds/<build-id>/` holds one complete build and
`<index_dir>/current` is a symlink to the build in use, replaced with an atomic rename, so a reader
sees the old build or the new one, never half of one. A build's files: articles.json, chunks.json,
vectors.npy, index.faiss and, with the second encoder (retrieval/companion.py), companion.npy and
chars.npz; manifest.json is written last.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from retrieval.articles import Article
from retrieval.chars import CharModel
from retrieval.chunker import Chunk
from retrieval.errors import RetrievalError

FORMAT_VERSION = 4
KEEP_BUILDS = 2


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
    companion: str = ""  # the second encoder's name; "" when the build did without one

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
    companion_vectors: np.ndarray | None = None
    chars: CharModel | None = None
    # The second encoder's question vectors of titles, headings and questions (calibration).
    companion_queries: np.ndarray | None = None


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / "current"
    return link.resolve() if link.exists() else None


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
        second = np.load(folder / "companion.npy") if manifest.companion else None
        asked = np.load(folder / "companion_queries.npy") if manifest.companion else None
        chars = CharModel.load(folder) if manifest.companion else None
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as error:
        raise RetrievalError(f"Index in {folder} is damaged: {error}") from error
    if len(chunks) != len(vectors) or faiss_index.ntotal != len(chunks):
        raise RetrievalError(f"Index in {folder} is inconsistent: chunk and vector counts differ")
    if manifest.companion and (
        second is None or asked is None or len(second) != len(chunks) or len(asked) != len(chunks)
    ):
        raise RetrievalError(f"Index in {folder} is inconsistent: second encoder's files differ")
    return LoadedIndex(
        folder, manifest, articles, chunks, vectors, faiss_index, second, chars, asked
    )


def write_build(
    index_dir: Path,
    manifest: Manifest,
    articles: list[Article],
    chunks: list[Chunk],
    vectors: tuple[np.ndarray, np.ndarray | None, np.ndarray | None],
    faiss_index: Any,
    chars: CharModel | None,
) -> Path:
    """`vectors`: the main encoder's, and the second encoder's of the text and of the questions
    (None without one)."""
    builds = index_dir / "builds"
    staging = builds / f".tmp-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    (staging / "articles.json").write_text(
        json.dumps([asdict(a) for a in articles], ensure_ascii=False), encoding="utf-8"
    )
    (staging / "chunks.json").write_text(
        json.dumps([asdict(c) for c in chunks], ensure_ascii=False), encoding="utf-8"
    )
    np.save(staging / "vectors.npy", vectors[0])
    if vectors[1] is not None and vectors[2] is not None and chars is not None:
        np.save(staging / "companion.npy", vectors[1])
        np.save(staging / "companion_queries.npy", vectors[2])
        chars.save(staging)
    faiss.write_index(faiss_index, str(staging / "index.faiss"))
    # The manifest goes last: a folder without one is never a complete build.
    (staging / "manifest.json").write_text(json.dumps(asdict(manifest)), encoding="utf-8")
    folder = builds / f"{int(manifest.built_at * 1000)}-{uuid.uuid4().hex[:6]}"
    staging.rename(folder)
    return folder


def switch_current(index_dir: Path, folder: Path) -> None:
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
