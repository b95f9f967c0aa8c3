"""The analytics figures on a real SQLite store with a small known history (analytics_seed),
whose turns carry no reply names, as an older gateway stored them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.common.settings import PROJECT_ROOT
from bot.gateway.analytics.names import content_names
from bot.gateway.analytics.period import Period
from bot.gateway.analytics.records import load_conversations, question_texts
from bot.gateway.analytics.summary import judge_all, rules_of, summarise, unanswered_ids
from tests.gateway.analytics_seed import XSS, seeded_engine

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def engine(tmp_path):
    return seeded_engine(tmp_path)


def summary_of(engine, period: Period = NOVEMBER) -> dict:
    catalogue = content_names(PROJECT_ROOT).get()
    rules = rules_of(catalogue)
    return summarise(
        judge_all(load_conversations(engine, period).values(), rules), period, catalogue, rules
    )


def test_outcomes_follow_the_definitions(engine):
    summary = summary_of(engine)
    assert summary["conversations"] == 4
    # A said the article helped; B was handed over; C had no answer and rated 2; D had no
    # answer but rated 5 (a rating of 4-5 is the customer's own confirmation).
    assert summary["outcomes"] == {
        "resolved_confirmed": 2,
        "resolved_assumed": 0,
        "unresolved": 1,
        "handed_off": 1,
    }
    assert summary["confirmed_by"] == {"said_helped": 1, "rating": 1}
    assert summary["rates"]["resolved"] == 0.5 and summary["handoffs"]["rate"] == 0.25
    assert summary["handoffs"]["by_reason"] == {"not_helpful": 1}
    assert summary["handoffs"]["still_open"] == 1


def test_questions_not_answered_and_why(engine):
    questions = summary_of(engine)["questions"]
    assert (questions["total"], questions["not_answered"]) == (4, 3)
    assert questions["by_reason"] == {
        "no_answer": 2,
        "fallback": 0,
        "rated_no": 1,
        "clarify_abandoned": 0,
        "guessed": 0,
    }
    assert questions["conversations_with_unanswered"] == 3


def test_intents_carry_their_descriptions_and_articles_their_verdicts(engine):
    summary = summary_of(engine)
    intents = {i["intent"]: i for i in summary["top_intents"]}
    assert intents["nlu_fallback"]["count"] == 2
    assert intents["payment_failed"]["description"].startswith("The payment is declined")
    assert intents["affirm"]["example"]["en"] == "yes"  # a string, not YAML's True
    articles = {a["article"]: a for a in summary["articles"]}
    assert (articles["pay-ru"]["shown"], articles["pay-ru"]["helpful"]) == (1, 1)
    assert articles["orders-en"]["not_helpful"] == 1
    assert articles["pay-ru"]["title"] is None  # not an article of knowledge/: shown by its id


def test_csat_counts_each_conversations_latest_rating(engine):
    csat = summary_of(engine)["csat"]
    assert (csat["count"], csat["satisfied"], csat["csat"], csat["mean"]) == (2, 1, 0.5, 3.5)
    assert csat["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}


def test_trends_have_every_day_of_the_range(engine):
    trends = summary_of(engine)["trends"]
    assert len(trends) == 30 and trends[0]["start"] == "2026-11-01"
    by_day = {t["start"]: t for t in trends}
    assert by_day["2026-11-12"]["conversations"] == 2
    assert by_day["2026-11-11"]["handoffs_by_reason"] == {"not_helpful": 1}
    assert by_day["2026-11-12"]["ratings"] == 2 and by_day["2026-11-12"]["csat"] == 0.5


@pytest.mark.parametrize(
    ("first", "last", "steps"),
    [
        (date(2025, 1, 1), date(2025, 1, 31), 31),
        (date(2026, 11, 12), date(2026, 11, 12), 1),
        (date(2016, 12, 1), date(2026, 11, 30), 120),
    ],
)
def test_empty_one_day_and_ten_year_ranges(engine, first, last, steps):
    summary = summary_of(engine, Period(first, last))
    assert len(summary["trends"]) == steps
    if first.year == 2025:
        assert summary["conversations"] == 0 and summary["rates"]["resolved"] is None
        assert summary["csat"]["csat"] is None and summary["handoffs"]["first_response"] == {
            "count": 0,
            "median_seconds": None,
            "p90_seconds": None,
        }
    if steps == 120:
        assert summary["period"]["step"] == "month" and summary["conversations"] == 5


def test_october_counts_only_october(engine):
    summary = summary_of(engine, Period(date(2026, 10, 1), date(2026, 10, 1)))
    assert summary["conversations"] == 1 and summary["handoffs"]["by_reason"] == {"requested": 1}


def test_unanswered_questions_are_masked_newest_first(engine):
    catalogue = content_names(PROJECT_ROOT).get()
    judged = judge_all(load_conversations(engine, NOVEMBER).values(), rules_of(catalogue))
    texts = [text for _, _, text in question_texts(engine, unanswered_ids(judged))]
    assert texts[0] == XSS
    assert "anna@example.com" not in texts[1] and "999 123-45-67" not in texts[1]
    assert "где купить слона" in texts[1]
    assert "where is my order" in texts[2]  # its article was rated "no"
