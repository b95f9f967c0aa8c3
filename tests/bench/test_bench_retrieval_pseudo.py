"""bench.retrieval_pseudo: harder pseudo-questions are added to (or replace) a help center's titles
and headings only where it has them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import bench.retrieval_pseudo as pseudo
from tests.bench.test_bench_retrieval_loco import fake_center


def saved(path: Path, names: list[str], kinds: list[str]) -> Path:
    hard = np.arange(len(kinds) * 3 * len(names), dtype=float).reshape(len(kinds), 3, len(names))
    np.savez(path, names=np.array(names), hard=hard, hard_sources=np.array(["a"] * len(kinds)),
             hard_kinds=np.array(kinds))  # fmt: skip
    return path


def test_harder_questions_are_added_or_replace_the_titles(tmp_path: Path):
    center = fake_center("x", np.eye(3), ["a", "b", "c"])
    path = saved(tmp_path / "x.npz", sorted(center.pseudo), ["sentence", "mixed"])
    added = pseudo.with_harder(center, path, ("sentence",), keep=True)
    assert added.pseudo_sources == ["a", "b", "c", "a"]
    assert added.pseudo["title"].shape == (4, 3)
    alone = pseudo.with_harder(center, path, ("sentence", "mixed"), keep=False)
    assert alone.pseudo_sources == ["a", "a"]


def test_a_center_without_that_kind_keeps_its_titles(tmp_path: Path):
    center = fake_center("x", np.eye(3), ["a", "b", "c"])
    path = saved(tmp_path / "x.npz", sorted(center.pseudo), ["sentence"])
    assert pseudo.with_harder(center, path, ("mixed",), keep=False) is center
