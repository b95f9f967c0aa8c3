"""POST /internal/handoffs, /internal/handoffs/customer and /internal/ratings: the action
server's calls into the gateway, authorised by the shared bearer token
(ASSISTANT_INTERNAL_TOKEN)."""

from __future__ import annotations

import hmac
import logging

from aiohttp import web

from bot.common.masking import conversation_ref
from bot.gateway.handoff.filing import add_customer_facts, expected_code, file_case
from bot.gateway.handoff.intake import (
    IntakeError,
    parse_customer_facts,
    parse_handoff,
    parse_rating,
)
from bot.gateway.keys import DB, HANDOFFS, SETTINGS
from bot.gateway.messages import both

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
    stored, created = await file_case(request.app, case)
    expected = expected_code(stored)
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


async def post_customer_facts(request: web.Request) -> web.Response:
    """Facts the customer gave after their case was filed, added to the open case."""
    if not _authorized(request):
        return _unauthorized()
    try:
        conversation, facts = parse_customer_facts(await request.read())
    except IntakeError as error:
        return _error("invalid_facts", str(error), 400, error.field)
    found = await add_customer_facts(request.app, conversation, facts)
    if found is None:
        return _error("no_open_case", "The conversation has no open case.", 404)
    stored, changed = found
    return web.json_response({"ticket": stored["ticket"], "added": changed})


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
