"""Desk analytics over HTTP (login required, like every desk API):

- `GET /desk/api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD`: the numbers of the period
- `GET /desk/api/analytics/unanswered?from&to`: unanswered questions grouped by meaning, each
  group with an article draft and intent examples to copy
- `GET /desk/api/analytics/export.csv?from&to`: both as one CSV file

Read-only, so no CSRF token is needed (as for the other desk GETs). A bad date is a 400 with the
parameter named.
"""

from __future__ import annotations

import asyncio
import logging
import time

from aiohttp import web

from bot.gateway.analytics.clusters import Cluster, cluster_questions
from bot.gateway.analytics.csv_export import analytics_csv
from bot.gateway.analytics.drafts import cluster_body
from bot.gateway.analytics.period import Period, PeriodError, parse_period
from bot.gateway.analytics.queries import AnalyticsQueries
from bot.gateway.desk.auth import DeskError, SignedIn, desk_view
from bot.gateway.keys import ANALYTICS_ENCODER, DB

log = logging.getLogger("gateway")


def _period(request: web.Request) -> Period:
    try:
        return parse_period(request.query)
    except PeriodError as error:
        raise DeskError("invalid_date", error.message, 400, field=error.field) from None


def _queries(request: web.Request) -> AnalyticsQueries:
    return AnalyticsQueries(request.app[DB].engine)


async def _clusters(request: web.Request, period: Period) -> list[Cluster]:
    questions = await request.app[DB].run(_queries(request).unanswered, period)
    if not questions:
        return []
    started = time.monotonic()
    encoder = request.app[ANALYTICS_ENCODER]
    clusters = await asyncio.to_thread(lambda: cluster_questions(questions, encoder.get()))
    log.info(
        "gateway.analytics.clustered questions=%d clusters=%d ms=%.0f",
        len(questions),
        len(clusters),
        (time.monotonic() - started) * 1000,
    )
    return clusters


@desk_view(csrf=False)
async def get_analytics(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    summary = await request.app[DB].run(_queries(request).summary, period)
    return web.json_response(summary)


@desk_view(csrf=False)
async def get_unanswered(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    clusters = await _clusters(request, period)
    return web.json_response(
        {"period": period.as_dict(), "clusters": [cluster_body(c) for c in clusters]}
    )


@desk_view(csrf=False)
async def get_export(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    summary = await request.app[DB].run(_queries(request).summary, period)
    body = analytics_csv(summary, await _clusters(request, period))
    name = f"analytics-{period.first_day}-{period.last_day}.csv"
    return web.Response(
        text=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
