from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.articles import load_articles
from retrieval.index import StaleIndexError, build_index, current_build, open_index
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings


def build(kb: Path, index: Path, encoder, approximate_above: int = 20_000):
    return build_index(load_articles(kb).articles, encoder, index, 600, 120, approximate_above)


def test_build_writes_a_manifest_and_opens(kb_folder: Path, tmp_path: Path, hashing_encoder):
    report = build(kb_folder, tmp_path / "index", hashing_encoder)
    assert report.articles == 4 and report.index_type == "flat"
    loaded = open_index(tmp_path / "index", hashing_encoder, load_articles(kb_folder).articles)
    whole_articles = sum(c.kind == "article" for c in loaded.chunks)
    assert whole_articles == 4 and report.encoded_chunks == report.chunks - whole_articles
    assert loaded.manifest.encoder == "hashing-test"
    assert loaded.faiss_index.ntotal == report.chunks


def test_a_whole_article_is_the_mean_of_its_title_and_body_chunks(
    kb_folder: Path, tmp_path: Path, hashing_encoder
):
    build(kb_folder, tmp_path / "index", hashing_encoder)
    loaded = open_index(tmp_path / "index", hashing_encoder)
    whole_texts = {c.text for c in loaded.chunks if c.kind == "article"}
    assert not whole_texts & set(hashing_encoder.encoded)  # never encoded
    rows = [i for i, c in enumerate(loaded.chunks) if c.article_id == "login-ru"]
    parts = [i for i in rows if loaded.chunks[i].kind in ("title", "body")]
    whole = next(i for i in rows if loaded.chunks[i].kind == "article")
    mean = loaded.vectors[parts].sum(axis=0)
    assert np.allclose(loaded.vectors[whole], mean / np.linalg.norm(mean), atol=1e-6)


def test_rebuild_encodes_only_changed_articles(kb_folder: Path, tmp_path: Path, hashing_encoder):
    build(kb_folder, tmp_path / "index", hashing_encoder)
    path = kb_folder / "ru" / "refund.md"
    path.write_text(path.read_text("utf-8") + "\nДобавили новый абзац про сроки.\n", "utf-8")
    hashing_encoder.encoded.clear()
    report = build(kb_folder, tmp_path / "index", hashing_encoder)
    assert report.reused_chunks > 0
    assert report.encoded_chunks == len(hashing_encoder.encoded)
    assert all("Добавили" in t or "Деньги" in t or "вернут" in t for t in hashing_encoder.encoded)


def test_stale_index_is_never_used_silently(kb_folder: Path, tmp_path: Path, hashing_encoder):
    build(kb_folder, tmp_path / "index", hashing_encoder)
    (kb_folder / "ru" / "e203.md").unlink()
    with pytest.raises(StaleIndexError, match="articles changed"):
        open_index(tmp_path / "index", hashing_encoder, load_articles(kb_folder).articles)

    class OtherEncoder(type(hashing_encoder)):
        name = "other-model"

    with pytest.raises(StaleIndexError, match="other-model"):
        open_index(tmp_path / "index", OtherEncoder())


def test_approximate_index_above_the_threshold(kb_folder: Path, tmp_path: Path, hashing_encoder):
    report = build(kb_folder, tmp_path / "index", hashing_encoder, approximate_above=3)
    assert report.index_type == "hnsw"


def test_switch_is_atomic_and_old_builds_are_pruned(
    kb_folder: Path, tmp_path: Path, hashing_encoder
):
    index = tmp_path / "index"
    folders = [build(kb_folder, index, hashing_encoder).folder for _ in range(4)]
    assert current_build(index) == folders[-1]
    remaining = sorted(p.name for p in (index / "builds").iterdir())
    assert len(remaining) == 2 and folders[-1].name in remaining
    assert not list(index.glob(".current-*"))


def test_an_article_of_headings_only_builds_and_ranks(
    kb_folder: Path, tmp_path: Path, hashing_encoder
):
    (kb_folder / "ru" / "headings.md").write_text(
        "---\nid: headings-ru\ntitle: Подарочная упаковка\nlang: ru\n---\n## Цена\n\n## Сроки\n",
        encoding="utf-8",
    )
    report = build(kb_folder, tmp_path / "index", hashing_encoder)
    assert report.articles == 5
    loaded = open_index(tmp_path / "index", hashing_encoder)
    kinds = {c.kind for c in loaded.chunks if c.article_id == "headings-ru"}
    assert kinds == {"title", "article"}  # no body chunk, and the whole article is its title
    search = KbSearch.open(hashing_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    assert "headings-ru" in {r.article_id for r in search.rank("Подарочная упаковка").ranked}
