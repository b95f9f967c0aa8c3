"""The analytics numbers on a real SQLite store with a known history (analytics_seed)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.gateway.analytics.period import Period
from bot.gateway.analytics.queries import AnalyticsQueries
from tests.gateway.analytics_seed import XSS, seeded_engine

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def queries(tmp_path) -> AnalyticsQueries:
    return AnalyticsQueries(seeded_engine(tmp_path))


def test_containment_counts_handoffs_and_unhappy_ratings_as_not_contained(queries):
    summary = queries.summary(NOVEMBER)
    assert summary["conversations"] == 4
    assert summary["contained"] == 2  # A (no handoff) and D (rated 5); B handed over, C rated 2
    assert summary["containment_rate"] == 0.5
    assert summary["handoffs_by_reason"] == {"not_helpful": 1}


def test_fallback_rate_is_no_answer_turns_over_customer_turns(queries):
    summary = queries.summary(NOVEMBER)
    assert (summary["customer_turns"], summary["fallback_turns"]) == (6, 2)
    assert summary["fallback_rate"] == pytest.approx(2 / 6, abs=1e-4)


def test_top_intents_are_counted_most_frequent_first(queries):
    intents = queries.summary(NOVEMBER)["top_intents"]
    assert intents[0] == {"intent": "nlu_fallback", "count": 2, "share": pytest.approx(0.3333)}
    assert {i["intent"]: i["count"] for i in intents[1:]} == {
        "affirm": 1,
        "deny": 1,
        "order_status": 1,
        "payment_failed": 1,
    }


def test_the_yes_or_no_after_an_article_is_its_verdict(queries):
    articles = {a["article"]: a for a in queries.summary(NOVEMBER)["articles"]}
    assert articles == {
        "orders-en": {"article": "orders-en", "shown": 1, "helpful": 0, "not_helpful": 1},
        "pay-ru": {"article": "pay-ru", "shown": 1, "helpful": 1, "not_helpful": 0},
    }


def test_ratings_distribution_and_mean(queries):
    ratings = queries.summary(NOVEMBER)["ratings"]
    assert ratings == {
        "count": 2,
        "mean": 3.5,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1},
    }


def test_a_period_with_nothing_in_it_has_no_rates(queries):
    summary = queries.summary(Period(date(2025, 1, 1), date(2025, 1, 31)))
    assert summary["conversations"] == 0 and summary["containment_rate"] is None
    assert summary["fallback_rate"] is None and summary["ratings"]["mean"] is None


def test_october_counts_only_october(queries):
    summary = queries.summary(Period(date(2026, 10, 1), date(2026, 10, 1)))
    assert summary["conversations"] == 1 and summary["handoffs_by_reason"] == {"requested": 1}


def test_unanswered_questions_are_masked_newest_first(queries):
    questions = queries.unanswered(NOVEMBER)
    assert questions[0] == XSS
    assert "anna@example.com" not in questions[1] and "999 123-45-67" not in questions[1]
    assert "где купить слона" in questions[1]
    assert queries.unanswered(NOVEMBER, limit=1) == [XSS]
