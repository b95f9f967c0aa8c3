"""The built-in calibration: thresholds measured on the help center itself when it is built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.articles import load_articles
from retrieval.calibration import FALLBACK, Quantiles, pseudo_queries, thresholds
from retrieval.index import build_index, open_index
from retrieval.ranking import calibrate
from retrieval.searchable import Searchable
from retrieval.service import KbSearch
from retrieval.settings import DEFAULTS, RetrievalSettings

TOPICS = {
    "delivery": ("Сроки доставки", "Курьер привезёт заказ за 1–3 дня.", "Интервалы"),
    "refund": ("Возврат денег", "Деньги вернутся на карту за 10 дней.", "Наличные"),
    "password": ("Сброс пароля", "Нажмите «Забыли пароль» на странице входа.", "Ссылка устарела"),
    "bonus": ("Бонусные баллы", "Баллы начисляются после получения заказа.", "Сгорание баллов"),
    "receipt": ("Чеки", "Чек приходит на почту после оплаты.", "Чек не пришёл"),
}


def write_kb(folder: Path, topics: dict[str, tuple[str, str, str]], lang: str = "ru") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, body, heading) in topics.items():
        (folder / f"{name}.md").write_text(
            f"---\nid: {name}\ntitle: {title}\nlang: {lang}\n---\n{body}\n\n## {heading}\n{body}\n",
            encoding="utf-8",
        )
    return folder


def build(kb: Path, index: Path, encoder):
    return build_index(load_articles(kb).articles, encoder, index, 600, 120, 20_000)


def test_the_build_measures_answer_and_clarify_points(tmp_path, hashing_encoder):
    kb = write_kb(tmp_path / "kb", TOPICS)
    report = build(kb, tmp_path / "index", hashing_encoder)
    measured = report.calibration
    assert measured["pseudo_queries"] == 10  # five titles, five headings
    assert measured["answer_point_fused"] >= measured["clarify_point_fused"]
    assert measured["clarify_point_fused"] >= measured["scale_point_fused"]
    assert measured["calibration_slope"] > 0
    assert DEFAULTS["clarify_threshold"] <= measured["clarify_threshold"]
    assert measured["clarify_threshold"] <= DEFAULTS["answer_threshold"]
    loaded = open_index(tmp_path / "index", hashing_encoder)
    assert loaded.manifest.calibration == measured
    search = KbSearch.open(hashing_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    assert search.settings.calibration_midpoint == measured["calibration_midpoint"]
    assert search.settings.calibration_midpoint != DEFAULTS["calibration_midpoint"]
    assert search.settings.clarify_threshold == measured["clarify_threshold"]


def test_a_measured_clarify_threshold_stays_under_an_explicit_answer_threshold():
    measured = {"calibration_slope": 5.0, "calibration_midpoint": 4.0, "clarify_threshold": 0.75}
    settings = RetrievalSettings().replace(answer_threshold=0.7).calibrated(measured)
    assert settings.clarify_threshold == 0.7
    assert settings.calibration_midpoint == 4.0
    assert RetrievalSettings().calibrated(measured).clarify_threshold == 0.75


def test_pseudo_queries_leave_their_own_article_out(tmp_path, hashing_encoder):
    kb = write_kb(tmp_path / "kb", TOPICS)
    build(kb, tmp_path / "index", hashing_encoder)
    searchable = Searchable(open_index(tmp_path / "index", hashing_encoder))
    queries = pseudo_queries(searchable)
    assert {text for _, _, text, _ in queries} >= {"Сроки доставки", "Интервалы"}
    article, lang, text, row = queries[0]
    vector = searchable.loaded.vectors[row : row + 1]
    ranked = searchable.rank(text, vector, lang, RetrievalSettings(), exclude={article})
    assert article not in {r.article_id for r in ranked}


def test_explicit_settings_override_the_built_in_calibration(tmp_path, hashing_encoder):
    kb = write_kb(tmp_path / "kb", TOPICS)
    report = build(kb, tmp_path / "index", hashing_encoder)
    settings = RetrievalSettings.from_mapping(
        {
            "ASSISTANT_KB_INDEX_DIR": str(tmp_path / "index"),
            "ASSISTANT_KB_CLARIFY_THRESHOLD": "0.3",
            "ASSISTANT_KB_CALIBRATION_MIDPOINT": "9.0",
        }
    )
    effective = KbSearch.open(hashing_encoder, settings).settings
    assert effective.clarify_threshold == 0.3
    assert effective.calibration_midpoint == 9.0
    assert effective.calibration_slope == report.calibration["calibration_slope"]
    same_as_default = RetrievalSettings.from_mapping(
        {"ASSISTANT_KB_CALIBRATION_MIDPOINT": str(DEFAULTS["calibration_midpoint"])}
    )
    assert "calibration_midpoint" in same_as_default.overrides
    assert RetrievalSettings().replace(answer_threshold=0.9).overrides == {"answer_threshold"}


def test_one_article_builds_with_a_warning_and_abstains(tmp_path, real_encoder):
    kb = write_kb(tmp_path / "kb", {"delivery": TOPICS["delivery"]})
    report = build(kb, tmp_path / "index", real_encoder)
    assert any("Only 1 article" in w for w in report.warnings)
    search = KbSearch.open(real_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    weights = search._searchable.table.weights.name
    assert search.settings.calibration_midpoint == FALLBACK[weights][1]
    assert FALLBACK["plain"][1] == DEFAULTS["calibration_midpoint"]
    assert search.warnings == report.warnings
    assert search.search("как вернуть деньги за сломанный телефон").outcome == "abstain"


ENGLISH = {
    "delivery": ("Delivery times", "A courier brings the order in 1-3 days.", "Time slots"),
    "refund": ("Refunds", "The money returns to your card within 10 days.", "Cash"),
    "password": ("Password reset", "Press 'Forgot password' on the sign-in page.", "Old link"),
    "bonus": ("Bonus points", "Points are added after you receive the order.", "Expiry"),
    "receipt": ("Receipts", "The receipt is e-mailed after payment.", "No receipt"),
    "account": ("Deleting your account", "You can delete the account in settings.", "Data"),
}


def test_english_articles_and_russian_questions_warn_and_do_not_answer_wrongly(
    tmp_path, real_encoder
):
    kb = write_kb(tmp_path / "kb", ENGLISH, lang="en")
    report = build(kb, tmp_path / "index", real_encoder)
    assert any("Every article is in English" in w for w in report.warnings)
    search = KbSearch.open(real_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    # Written before the first run: each question's right article, or None when none answers.
    questions = {
        "сколько дней идёт доставка": "delivery",
        "когда вернут деньги на карту": "refund",
        "не помню пароль": "password",
        "можно ли у вас купить квартиру": None,
        "какая погода завтра": None,
    }
    for question, right in questions.items():
        result = search.search(question)
        if result.outcome == "answer":
            assert result.candidates[0].article_id == right, question
        if right is None:
            assert result.outcome == "abstain", question


def test_an_article_without_a_body_is_skipped_with_a_reason(tmp_path, real_encoder):
    kb = write_kb(tmp_path / "kb", TOPICS)
    (kb / "empty.md").write_text(
        "---\nid: gift-wrap\ntitle: Подарочная упаковка\nlang: ru\n---\n\n", encoding="utf-8"
    )
    loaded = load_articles(kb)
    assert any("empty.md" in str(p) and "body is empty" in str(p) for p in loaded.problems)
    build(kb, tmp_path / "index", real_encoder)
    search = KbSearch.open(real_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    assert search.search("подарочная упаковка").outcome == "abstain"


def test_the_answer_point_is_the_chosen_quantile_at_the_answer_threshold():
    """bench/retrieval_loco.py compares quantiles through `thresholds`."""
    scores = np.linspace(3.0, 5.0, 101)
    values, (answer, clarify, scale) = thresholds(scores, "full", Quantiles(answer=0.6))
    assert scale <= clarify <= answer == pytest.approx(4.2)
    settings = RetrievalSettings().calibrated(values)
    assert calibrate(answer, settings) == pytest.approx(DEFAULTS["answer_threshold"], abs=1e-3)
    assert calibrate(scale, settings) == pytest.approx(DEFAULTS["clarify_threshold"], abs=1e-3)
