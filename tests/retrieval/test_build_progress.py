"""Progress of a long build reaches the log every few seconds, counted in whole articles."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from retrieval.articles import load_articles
from retrieval.build_progress import BuildProgress
from retrieval.index import build_index


class Ticks:
    """A clock that moves `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def fake_encode(texts: list[str]) -> np.ndarray:
    return np.ones((len(texts), 2), dtype=np.float32)


def test_reports_whole_articles_every_few_seconds_and_at_the_end(caplog):
    lines: list[str] = []
    owners = ["a", "a", "a", "b", "b", "c"]
    progress = BuildProgress(lines.append, every_seconds=5.0, step=2, clock=Ticks(3.0))
    with caplog.at_level(logging.INFO, logger="retrieval.build_progress"):
        vectors = progress.encode("usem3", fake_encode, [str(i) for i in range(6)], owners)
    assert vectors.shape == (6, 2)
    # Reads at 3 (start), 6, 9, 12: a line when 5 s have passed since the last, and the last one.
    assert lines == [
        "usem3: 1/3 articles encoded (4/6 chunks)",
        "usem3: 3/3 articles encoded (6/6 chunks)",
    ]
    assert "retrieval.build.progress encoder=usem3 articles=3/3 chunks=6/6" in caplog.text


def test_a_quick_encoding_reports_once():
    lines: list[str] = []
    BuildProgress(lines.append, clock=Ticks(0.0)).encode("x", fake_encode, ["a", "b"], ["1", "2"])
    assert lines == ["x: 2/2 articles encoded (2/2 chunks)"]


def test_a_build_logs_its_progress(kb_folder: Path, tmp_path: Path, hashing_encoder, caplog):
    with caplog.at_level(logging.INFO):
        build_index(load_articles(kb_folder).articles, hashing_encoder, tmp_path, 600, 120, 10)
    assert "retrieval.build.start articles=" in caplog.text
    assert f"encoder={hashing_encoder.name} articles=" in caplog.text
