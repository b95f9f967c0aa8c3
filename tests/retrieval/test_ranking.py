from __future__ import annotations

import numpy as np

from retrieval.ranking import ArticleScore, aggregate, decide, drop_translations
from retrieval.settings import RetrievalSettings

SETTINGS = RetrievalSettings(
    answer_threshold=0.6, clarify_threshold=0.35, answer_margin=0.1, clarify_window=0.15
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


def test_aggregate_adds_part_of_the_second_chunk():
    ranked = aggregate(
        np.array([0, 1, 2]),
        np.array([0.5, 0.5, 0.6]),
        ["x", "x", "y"],
        {"x": "ru", "y": "ru"},
        "ru",
        SETTINGS.replace(second_chunk_weight=0.3),
    )
    assert [r.article_id for r in ranked] == ["x", "y"]
    assert ranked[0].fused == 0.5 + 0.3 * 0.5


def test_translation_in_the_other_language_is_dropped():
    ranked = [ArticleScore("login-en", 0.9, 0.9, 0), ArticleScore("login-ru", 0.8, 0.8, 1)]
    kept = drop_translations(
        ranked,
        {"login-en": "login-ru", "login-ru": "login-en"},
        {"login-en": "en", "login-ru": "ru"},
        "ru",
    )
    assert [k.article_id for k in kept] == ["login-ru"]
