"""The CSV export: one row per conversation with the counts the page's figures are summed from,
and customer-controlled cells that cannot become a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.common.masking import conversation_ref
from bot.common.settings import PROJECT_ROOT
from bot.gateway.analytics.csv_export import COLUMNS, analytics_csv, safe_cell
from bot.gateway.analytics.names import content_names
from bot.gateway.analytics.period import Period
from bot.gateway.analytics.records import load_conversations
from bot.gateway.analytics.summary import judge_all, rules_of
from tests.gateway.analytics_seed import seeded_engine

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def test_formula_cells_are_quoted():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("где мой заказ") == "где мой заказ" and safe_cell(None) == ""


def test_one_row_per_conversation_with_its_outcome(tmp_path):
    judged = judge_all(
        load_conversations(seeded_engine(tmp_path), NOVEMBER).values(),
        rules_of(content_names(PROJECT_ROOT).get()),
    )
    rows = list(csv.reader(io.StringIO(analytics_csv(judged, NOVEMBER))))
    assert tuple(rows[0]) == COLUMNS
    by_ref = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert len(by_ref) == 4  # w-e started in October
    a, b = by_ref[conversation_ref("w-a")], by_ref[conversation_ref("w-b")]
    assert (a["outcome"], a["confirmed_by"], a["articles_helpful"]) == (
        "resolved_confirmed",
        "said_helped",
        "pay-ru",
    )
    assert (a["started_at"], a["step"], a["intents"]) == (
        "2026-11-10T12:00:00.000Z",
        "2026-11-10",
        "payment_failed;affirm",
    )
    assert (b["outcome"], b["not_answered_reasons"], b["handoff_reason"]) == (
        "handed_off",
        "rated_no",
        "not_helpful",
    )
    assert (b["handoff_cases"], b["claimed_at"], b["first_response_seconds"]) == ("1", "", "")
    c = by_ref[conversation_ref("w-c")]
    assert (c["outcome"], c["rating"], c["questions"], c["not_answered"]) == (
        "unresolved",
        "2",
        "1",
        "1",
    )
    assert "w-a" not in analytics_csv(judged, NOVEMBER)  # conversations by reference only
