"""Desk analytics over HTTP (login required, like every desk API):

- `GET /desk/api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD`: every figure of the period, its
  trend per day, week or month, and the names of the intents and articles
- `GET /desk/api/analytics/unanswered?from&to`: the unanswered questions grouped by meaning, as
  last computed in the background (`status`, `computed_at`), each group with an article draft,
  intent examples to copy and references to some conversations it was asked in;
  `&conversation=<reference>` answers one of those conversations, masked
- `GET /desk/api/analytics/export.csv?from&to`: one row per conversation

Read-only, so no CSRF token is needed (as for the other desk GETs). A bad date is a 400 with the
parameter named and a message saying what is expected.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from aiohttp import web

from bot.common.settings import knowledge_path
from bot.gateway.analytics.csv_export import analytics_csv
from bot.gateway.analytics.drafts import cluster_body
from bot.gateway.analytics.period import Period, PeriodError, parse_period
from bot.gateway.analytics.state import AnalyticsState, Snapshot, analytics_state
from bot.gateway.analytics.summary import summarise
from bot.gateway.analytics.transcripts import masked_transcript
from bot.gateway.desk.auth import DeskError, SignedIn, desk_view
from bot.gateway.keys import ANALYTICS_ENCODER, DB, SETTINGS
from bot.gateway.store.records import iso


def _period(request: web.Request) -> Period:
    try:
        return parse_period(request.query)
    except PeriodError as error:
        raise DeskError(
            "invalid_date", error.message, 400, field=error.field, problem=error.problem
        ) from None


def _state(request: web.Request) -> AnalyticsState:
    app = request.app
    root = app[SETTINGS].root
    knowledge = knowledge_path(root, os.environ)  # the article search's own setting
    return analytics_state(app[DB], app[ANALYTICS_ENCODER], root, knowledge)


async def _summary(snapshot: Snapshot, period: Period) -> dict[str, Any]:
    if snapshot.summary is None:
        summary = await asyncio.to_thread(
            summarise, snapshot.judged, period, snapshot.catalogue, snapshot.rules
        )
        snapshot.summary = summary
        return summary
    return snapshot.summary


@desk_view(csrf=False)
async def get_analytics(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    snapshot = await _state(request).snapshot(period)
    return web.json_response(await _summary(snapshot, period))


async def _example(request: web.Request, period: Period, ref: str) -> web.Response:
    state = _state(request)
    conversation = state.conversation_for(period, ref)
    found = None
    if conversation is not None:
        found = await request.app[DB].run(
            masked_transcript, request.app[DB].engine, conversation, ref
        )
    if found is None:
        raise DeskError(
            "conversation_not_found",
            "This conversation is not an example of the period's groups, or it has been erased.",
            404,
        )
    return web.json_response({"period": period.as_dict(), "conversation": found})


@desk_view(csrf=False)
async def get_unanswered(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    ref = request.query.get("conversation")
    if ref:
        return await _example(request, period, ref[:64])
    groups = await _state(request).groups(period)
    refs = {conversation: ref for ref, conversation in groups.refs.items()}
    return web.json_response(
        {
            "period": period.as_dict(),
            "status": groups.status,
            "updating": groups.next is not None and not groups.next.done(),
            "computed_at": iso(groups.computed_at),
            "questions": groups.questions,
            "clusters": [
                {**cluster_body(c), "conversations": [refs[x] for x in c.conversations]}
                for c in groups.clusters
            ],
        }
    )


@desk_view(csrf=False)
async def get_export(request: web.Request, signed: SignedIn) -> web.Response:
    period = _period(request)
    snapshot = await _state(request).snapshot(period)
    body = await asyncio.to_thread(analytics_csv, snapshot.judged, period)
    name = f"analytics-{period.first_day}-{period.last_day}.csv"
    return web.Response(
        text=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
