from __future__ import annotations

from retrieval.ranking import ArticleScore, calibrate, decide, drop_translations
from retrieval.settings import RetrievalSettings

SETTINGS = RetrievalSettings(
    answer_threshold=0.6, clarify_threshold=0.35, answer_margin=0.5, clarify_window=0.15
)


def scores(*values: float) -> list[ArticleScore]:
    return [ArticleScore(f"a{i}", v, v, 0) for i, v in enumerate(values)]


def test_clear_winner_is_answered():
    outcome, chosen = decide(scores(0.9, 0.5), SETTINGS)
    assert outcome == "answer" and [c.article_id for c in chosen] == ["a0"]


def test_close_candidates_are_clarified():
    outcome, chosen = decide(scores(0.7, 0.65, 0.6, 0.2), SETTINGS)
    assert outcome == "clarify" and [c.article_id for c in chosen] == ["a0", "a1", "a2"]


def test_weak_candidates_abstain():
    assert decide(scores(0.3, 0.2), SETTINGS) == ("abstain", [])
    assert decide([], SETTINGS) == ("abstain", [])


def test_translation_in_the_other_language_is_dropped():
    ranked = [ArticleScore("login-en", 0.9, 0.9, 0), ArticleScore("login-ru", 0.8, 0.8, 1)]
    kept = drop_translations(
        ranked,
        {"login-en": "login-ru", "login-ru": "login-en"},
        {"login-en": "en", "login-ru": "ru"},
        "ru",
    )
    assert [k.article_id for k in kept] == ["login-ru"]


def test_calibration_never_overflows():
    settings = SETTINGS.replace(calibration_slope=1000.0, calibration_midpoint=2.0)
    assert calibrate(-1e6, settings) < 1e-20
    assert calibrate(1e6, settings) == 1.0


def test_an_answer_needs_enough_agreeing_signals():
    settings = SETTINGS.replace(answer_agreement=3)
    agreed = [ArticleScore("a", 0.9, 3.0, 0, 4), ArticleScore("b", 0.5, 2.0, 1, 0)]
    assert decide(agreed, settings)[0] == "answer"
    disputed = [ArticleScore("a", 0.9, 3.0, 0, 2), ArticleScore("b", 0.5, 2.0, 1, 1)]
    assert decide(disputed, settings)[0] == "clarify"


def test_the_answer_margin_is_on_the_calibrated_logit_scale():
    # Calibrated scores 0.99 and 0.98 look close; their fused scores are 0.6 apart, which the
    # calibration slope (3.5 here) makes 2.1 on the logit scale.
    ranked = [ArticleScore("a", 0.99, 3.5, 0), ArticleScore("b", 0.98, 2.9, 1)]
    assert SETTINGS.calibration_slope == 3.5
    assert decide(ranked, SETTINGS.replace(answer_margin=2.0))[0] == "answer"
    assert decide(ranked, SETTINGS.replace(answer_margin=2.5))[0] == "clarify"
    steeper = SETTINGS.replace(answer_margin=2.5, calibration_slope=5.0)
    assert decide(ranked, steeper)[0] == "answer"
