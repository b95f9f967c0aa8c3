"""DELETE /api/chat?conversation=…: the customer erases their conversation (docs/protocol.md).

The conversation id is the customer's secret, so knowing it is the permission, as for reading
the history. Rasa's copy goes first: when its store cannot be reached nothing is deleted and the
customer is asked to try again, so a half-deleted conversation never stays behind silently.
Repeating the call is harmless.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.common.masking import conversation_ref
from bot.common.rasa_events import TrackerStoreError
from bot.gateway.chat_http import conversation_param
from bot.gateway.chat_request import ChatRequestError
from bot.gateway.errors import error_response
from bot.gateway.keys import DB, ERASURE, HANDOFFS, TRACKER

log = logging.getLogger("gateway")


async def delete_chat(request: web.Request) -> web.Response:
    try:
        conversation = conversation_param(request)
    except ChatRequestError as error:
        return error_response(error.code, error.status)
    db = request.app[DB]
    try:
        bot_events = await db.run(request.app[TRACKER].erase, conversation)
    except TrackerStoreError as error:
        log.warning(
            "gateway.erase.tracker_failed conversation=%s reason=%s",
            conversation_ref(conversation),
            error,
        )
        return error_response("erase_unavailable", 503)
    erased = await db.run(request.app[ERASURE].erase, conversation)
    kept = request.app[HANDOFFS].ticket(erased.kept_case) if erased.kept_case else None
    log.info(
        "gateway.conversation.erased conversation=%s messages=%d cases=%d bot_events=%d kept=%s",
        conversation_ref(conversation),
        erased.rows["messages"],
        erased.rows["handoffs"],
        bot_events,
        kept,
    )
    deleted = {
        "messages": erased.rows["messages"],
        "cases": erased.rows["handoffs"],
        "ratings": erased.rows["ratings"],
        "bot_events": bot_events,
    }
    return web.json_response({"deleted": deleted, "kept_case": kept})
