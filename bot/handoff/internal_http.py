"""POST /internal/handoffs and /internal/ratings: the action server's calls into the gateway,
authorised by the shared bearer token (ASSISTANT_INTERNAL_TOKEN)."""

from __future__ import annotations

import hmac
import logging
from datetime import datetime, timezone

from aiohttp import web

from bot.chat_service import conversation_ref
from bot.handoff.intake import IntakeError, parse_handoff, parse_rating
from bot.handoff.summary import summary_text
from bot.keys import DB, DESK_CONFIG, HANDOFFS, HUB, SETTINGS, WEBHOOK
from bot.messages import both
from bot.store.handoffs import NewHandoff
from bot.store.states import State

log = logging.getLogger("gateway")


def _authorized(request: web.Request) -> bool:
    token = request.app[SETTINGS].internal_token
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _error(code: str, message: str, status: int, field: str | None = None) -> web.Response:
    body: dict[str, object] = {"code": code, "message": message}
    if field:
        body["field"] = field
    return web.json_response({"error": body}, status=status)


def _unauthorized() -> web.Response:
    return _error("unauthorized", "Send the header Authorization: Bearer <internal token>.", 401)


async def post_handoff(request: web.Request) -> web.Response:
    if not _authorized(request):
        return _unauthorized()
    try:
        case = parse_handoff(await request.read())
    except IntakeError as error:
        return _error("invalid_case", str(error), 400, error.field)
    config = request.app[DESK_CONFIG].current()
    group = config.group_for(case.topic)
    staffed = config.is_working_time(datetime.now(timezone.utc))
    state: State = "waiting" if staffed and request.app[HUB].agents_online(group) else "ticket"
    new = NewHandoff(
        conversation=case.conversation,
        state=state,
        group=group,
        priority=case.priority,
        reason=case.reason,
        language=case.language,
        case=case.record(),
        summary_text=summary_text(case, group),
    )
    stored, created = await request.app[DB].run(request.app[HANDOFFS].create, new)
    if created:
        log.info(
            "gateway.handoff.created case=%d conversation=%s group=%s state=%s priority=%s",
            stored["id"],
            conversation_ref(case.conversation),
            group,
            stored["state"],
            stored["priority"],
        )
        await request.app[HUB].to_desks({"type": "case_new", "case": stored}, group)
        if request.app[WEBHOOK].enabled:
            detail = await request.app[DB].run(request.app[HANDOFFS].detail, stored["id"])
            request.app[WEBHOOK].send("case_created", detail)
    expected = (
        "expected_waiting" if stored["state"] in ("waiting", "assigned") else "expected_ticket"
    )
    return web.json_response(
        {
            "handoff_id": stored["id"],
            "ticket": stored["ticket"],
            "state": stored["state"],
            "group": stored["group"],
            "expected": both(expected, ticket=stored["ticket"]),
            "created": created,
        },
        status=201 if created else 200,
    )


async def post_rating(request: web.Request) -> web.Response:
    if not _authorized(request):
        return _unauthorized()
    try:
        conversation, rating = parse_rating(await request.read())
    except IntakeError as error:
        return _error("invalid_rating", str(error), 400, error.field)
    await request.app[DB].run(request.app[HANDOFFS].add_rating, conversation, rating)
    log.info("gateway.rating.stored conversation=%s", conversation_ref(conversation))
    return web.Response(status=204)
