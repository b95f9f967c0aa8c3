"""The gate before the second encoder (retrieval/companion_gate.py): the first pass is the full
score without the second encoder's terms, the gate answers only within its measured bounds, its
ranking leads `ranking.decide` to the same answer, and an answered question is not encoded."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_companion import build, settings

from retrieval import companion_gate
from retrieval.companion_gate import Gate, first_pass
from retrieval.index import StaleIndexError, open_index
from retrieval.ranking import ArticleScore, decide
from retrieval.scoring import COMPANION_FLOOR, FULL
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

QUESTION = "ошибка E-203"
TUNED = RetrievalSettings(calibration_slope=5.0, calibration_midpoint=4.0)


def ranking(*fused: float, agreement: int = 5) -> list[ArticleScore]:
    return [ArticleScore(f"a{i}", 0.0, f, i, agreement) for i, f in enumerate(fused)]


def test_the_first_pass_is_the_full_score_without_the_second_encoders_terms(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    chosen = settings(tmp_path)
    build(kb_folder, hashing_encoder, chosen)
    searchable = KbSearch.open(hashing_encoder, chosen)._searchable
    vector = hashing_encoder.encode([QUESTION])
    with_companion.asked.clear()
    first = first_pass(searchable, QUESTION, vector, "ru", chosen).ranked
    blind = np.zeros(with_companion.dimension, dtype=np.float32)  # every cosine 0
    full = searchable.rank(QUESTION, vector, "ru", chosen, companion_vector=blind)
    floor = COMPANION_FLOOR * (FULL.companion_article + FULL.companion_body)
    assert [r.article_id for r in first] == [r.article_id for r in full]
    assert [r.fused for r in first] == pytest.approx([r.fused + floor for r in full])
    assert [r.agreement for r in first] == [r.agreement for r in full]
    assert with_companion.asked == []


def test_completing_the_first_pass_gives_the_full_ranking(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    chosen = settings(tmp_path)
    build(kb_folder, hashing_encoder, chosen)
    searchable = KbSearch.open(hashing_encoder, chosen)._searchable
    for question, lang in ((QUESTION, "ru"), ("I can't log in", "en"), ("вернут деньги", "ru")):
        vector = hashing_encoder.encode([question])
        second = with_companion.queries([question])[0]
        full = searchable.rank(question, vector, lang, chosen, companion_vector=second)
        first = first_pass(searchable, question, vector, lang, chosen)
        assert first.completed(searchable, second, chosen) == full


@pytest.mark.parametrize(
    ("first", "answered"),
    [
        (ranking(4.8, 3.0), True),  # high, and leads by more than any rival gains
        (ranking(4.8, 4.6), False),  # the next could overtake it
        (ranking(4.8, 3.0, agreement=1), False),  # too few signals agree
        (ranking(3.9, 2.0), False),  # could end up either side of the answer point
        (ranking(1.0, 0.9), False),  # nothing near: the actions still read the full ranking
        ([], False),
    ],
)
def test_the_gate_answers_only_within_its_bounds(first, answered):
    gate = Gate(offset=0.0, slope=0.0, low=-0.2, rival=0.3)
    shifted = gate.decide(first, TUNED)
    assert (shifted is not None) == answered
    if shifted is not None:
        outcome, chosen = decide(shifted, TUNED)
        assert outcome == "answer" and chosen[0].article_id == first[0].article_id
        assert [r.article_id for r in shifted] == [r.article_id for r in first]


def test_the_ranking_it_reports_is_moved_by_the_expected_contribution():
    gate = Gate(offset=1.0, slope=0.5, low=-0.1, rival=0.0)
    shifted = gate.decide(ranking(3.0, 0.5), TUNED)
    assert shifted is not None
    assert [r.fused for r in shifted] == pytest.approx([5.5, 3.0])
    assert shifted[0].score > TUNED.answer_threshold


def test_bounds_survive_the_manifest_and_an_old_manifest_has_none():
    gate = Gate(offset=0.5, slope=1.1, low=-1.2, rival=0.4)
    assert Gate.from_manifest({**gate.as_manifest(), "calibration_slope": 3.0}) == gate
    assert Gate.from_manifest({"calibration_slope": 3.0}) is None


def test_the_bounds_cover_what_the_pseudo_questions_measured():
    rng = np.random.default_rng(3)
    samples = []
    for _ in range(200):
        top = rng.uniform(1, 3)
        gain = 1.0 + 0.5 * top + rng.normal(0, 0.3)
        first = ranking(top, top - 1.0)
        full = ranking(top + gain, top - 1.0 + gain + rng.normal(0, 0.2))
        samples.append((first, full, "a0"))
    gate = companion_gate._fit(samples, 0.95)
    assert gate is not None
    assert gate.slope == pytest.approx(0.5, abs=0.15)
    assert -0.8 < gate.low < -0.3 and 0.2 < gate.rival < 0.6


def test_no_bounds_when_no_rival_ever_gained_on_the_asking_article():
    samples = []
    for top in np.linspace(1, 3, 60):
        first = ranking(top, top - 0.5)
        full = ranking(top + 2.0, top - 0.5 + 1.0)  # the asking article always gains the most
        samples.append((first, full, "a0"))
    assert companion_gate._fit(samples, 0.98) is None


def test_a_decided_question_is_not_encoded_with_the_second_encoder(
    kb_folder, tmp_path, hashing_encoder, with_companion, monkeypatch
):
    sure = Gate(offset=0.0, slope=0.0, low=0.0, rival=0.0)
    monkeypatch.setattr(companion_gate, "measure", lambda *_: sure)
    chosen = settings(tmp_path)
    build(kb_folder, hashing_encoder, chosen)
    with_companion.asked.clear()
    gated = KbSearch.open(hashing_encoder, chosen).rank(QUESTION)
    assert gated.gated and with_companion.asked == []
    assert gated.ranked[0].article_id == "e203-ru"
    always = KbSearch.open(hashing_encoder, chosen, gate=False).rank(QUESTION)
    assert not always.gated and with_companion.asked == [QUESTION]
    assert always.ranked[0].article_id == "e203-ru"


def test_a_build_from_before_the_gate_is_rebuilt(
    kb_folder, tmp_path, hashing_encoder, with_companion
):
    chosen = settings(tmp_path)
    report = build(kb_folder, hashing_encoder, chosen)
    manifest = json.loads((report.folder / "manifest.json").read_text("utf-8"))
    assert manifest["calibration"][companion_gate.MEASURED] == 1.0
    del manifest["calibration"][companion_gate.MEASURED]
    (report.folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(StaleIndexError, match="gate"):
        open_index(chosen.index_dir, hashing_encoder, settings=chosen)


def test_a_question_the_gate_leaves_is_ranked_as_without_it(
    kb_folder, tmp_path, hashing_encoder, with_companion, monkeypatch
):
    never = Gate(offset=0.0, slope=0.0, low=0.0, rival=100.0)
    monkeypatch.setattr(companion_gate, "measure", lambda *_: never)
    chosen = settings(tmp_path)
    build(kb_folder, hashing_encoder, chosen)
    gated, always = (
        KbSearch.open(hashing_encoder, chosen),
        KbSearch.open(hashing_encoder, chosen, gate=False),
    )
    for question in (QUESTION, "I can't log in", "когда вернут деньги"):
        with_companion.asked.clear()
        left = gated.rank(question)
        assert not left.gated and with_companion.asked == [question]
        assert left.ranked == always.rank(question).ranked
