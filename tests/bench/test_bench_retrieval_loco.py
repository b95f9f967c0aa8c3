"""bench.retrieval_signals and bench.retrieval_loco: the saved signals rank as the search does, and
a rule is always chosen without the help center it is reported on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import bench.retrieval_loco as loco
import bench.retrieval_signals as signals
from retrieval import companion as companions
from retrieval.articles import Article, load_articles
from retrieval.calibration import Quantiles
from retrieval.evaluation import load_queries
from retrieval.settings import RetrievalSettings
from tests.bench.test_bench_retrieval import WordCompanion, WordEncoder, write_kb, write_queries


@pytest.fixture
def word_encoders(monkeypatch) -> None:
    encoder, companion = WordEncoder(), WordCompanion()
    monkeypatch.setattr(signals, "load_encoder", lambda *args: encoder)
    monkeypatch.setattr(
        companions, "load_companion", lambda name="": None if name in companions.OFF else companion
    )


def test_saved_signals_rank_the_questions_as_the_search_does(tmp_path: Path, word_encoders):
    kb, queries = write_kb(tmp_path / "kb"), write_queries(tmp_path / "queries_val.jsonl")
    center = signals.Center("tiny", kb, queries, strip_questions=True)
    saved = loco.CenterSignals.load(signals.dump(center, tmp_path / "out"))
    assert saved.queries["title"].shape == (4, 3)
    assert saved.expected == [q.expected for q in load_queries(queries)]
    assert len(saved.pseudo_sources) == 3  # the titles; the questions were stripped
    tops = [r.ranked[0].article_id for r in loco.ranked(saved, loco.full_weights, SETTINGS)]
    assert tops[:2] == ["password", "delivery"]
    assert {a.id for a in load_articles(kb).articles} == set(saved.ids)


SETTINGS = RetrievalSettings()


def fake_center(name: str, title: np.ndarray, expected: list[str]) -> loco.CenterSignals:
    """Signals where only the title cosine differs; every other signal is flat."""
    shape = title.shape
    terms = {n: np.zeros(shape) for n in ("question", "body", "article", "heading", "chars")}
    terms |= {n: np.zeros(shape) for n in ("words", "chunk_words", "coverage")}
    terms |= {n: np.full(shape, 0.8) for n in ("companion_article", "companion_body")}
    terms["title"], terms["question"] = title, np.full(shape, -1.0)
    return loco.CenterSignals(
        name,
        ["a", "b", "c"],
        np.array(["ru"] * 3),
        np.array([-1, -1, -1]),
        terms,
        ["ru"] * shape[0],
        [frozenset([e]) if e else frozenset() for e in expected],
        {k: v.copy() for k, v in terms.items()},
        ["a", "b", "c"][: shape[0]],
    )


def test_pseudo_questions_score_the_best_other_article():
    title = np.array([[0.9, 0.5, 0.1], [0.2, 0.9, 0.7], [0.3, 0.4, 0.8]])
    center = fake_center("x", title, ["a", "b", "c"])
    scores = loco.pseudo_scores(center, lambda t: (t["title"], []))
    assert scores.tolist() == [0.5, 0.7, 0.4]


def test_agreement_counts_signals_that_put_an_article_first():
    first = np.array([[0.9, 0.1, 0.0]])
    second = np.array([[0.2, 0.3, 0.1]])
    silent = np.zeros((1, 3))  # above 0 nowhere: counts for nobody
    allowed = np.ones((1, 3), dtype=bool)
    counts = loco.agreement([first, second, silent], allowed, np.array([-1, -1, -1]))
    assert counts.tolist() == [[1, 1, 0]]
    folded = loco.agreement([first, second], allowed, np.array([1, 0, -1]))
    assert folded.tolist() == [[2, 2, 0]]  # a and b are each other's translation


def test_a_rule_is_chosen_on_the_other_centers_only():
    loose, strict = loco.Rule(Quantiles(answer=0.5)), loco.Rule(Quantiles(answer=0.8))

    def shown(coverage: float, precision: float) -> dict[str, float]:
        return {"coverage": coverage, "answer_precision": precision}

    results = {
        loose: {"x": shown(0.9, 0.95), "y": shown(0.9, 0.95), "z": shown(0.9, 0.5)},
        strict: {"x": shown(0.5, 1.0), "y": shown(0.5, 1.0), "z": shown(0.5, 1.0)},
    }
    assert loco.choose(results, ["x", "y"], 0.90) == loose
    assert loco.choose(results, ["x", "y", "z"], 0.90) == strict
    assert loco.choose(results, ["x", "y"], 0.99) == strict  # none at the floor: the safest


def test_harder_questions_drop_the_rarest_title_word_and_mix_a_heading_with_body_words():
    article = Article(
        "gift",
        "Подарочная упаковка заказа",
        "ru",
        "Упакуем любой заказ в коробку.\n\n## Стоимость\nУпаковка стоит 150 рублей за коробку.",
    )
    rarity = {"Подарочная": 3.0, "упаковка": 1.0, "заказа": 0.5, "150": 2.5, "рублей": 2.0}
    found = signals.harder_questions([article], lambda word: rarity.get(word, 0.0))
    assert found == [
        ("gift", "sentence", "Упакуем любой заказ в коробку."),
        ("gift", "title-less", "упаковка заказа"),
        ("gift", "mixed", "Стоимость 150 рублей Упаковка"),
    ]
