"""The CSV export: every number on a row, and customer text that cannot become a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.gateway.analytics.clusters import Cluster
from bot.gateway.analytics.csv_export import COLUMNS, analytics_csv, safe_cell
from bot.gateway.analytics.period import Period
from bot.gateway.analytics.queries import AnalyticsQueries
from tests.gateway.analytics_seed import seeded_engine


def test_formula_cells_are_quoted():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("где мой заказ") == "где мой заказ" and safe_cell(None) == ""


def test_export_has_every_section(tmp_path):
    summary = AnalyticsQueries(seeded_engine(tmp_path)).summary(
        Period(date(2026, 11, 1), date(2026, 11, 30))
    )
    clusters = [Cluster(2, ("=cmd|' /C calc'!A0", "где купить слона"))]
    rows = list(csv.reader(io.StringIO(analytics_csv(summary, clusters))))
    assert tuple(rows[0]) == COLUMNS
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("overview", "conversations")][2] == "4"
    assert by_key[("overview", "containment_rate")][2] == "0.5"
    assert by_key[("handoffs_by_reason", "not_helpful")][2] == "1"
    assert by_key[("articles", "pay-ru")][2:5] == ["1", "1", "0"]
    assert by_key[("ratings", "mean")][2] == "3.5"
    unanswered = [r for r in rows if r[0] == "unanswered"]
    assert unanswered[0][1].startswith("'=") and unanswered[0][2] == "2"
