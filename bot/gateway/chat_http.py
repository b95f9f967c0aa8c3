"""The widget's HTTP paths: POST /api/chat (send), GET /api/chat/history, GET /api/chat/updates
(long polling, the fallback when a websocket cannot be used)."""

from __future__ import annotations

import asyncio
import contextlib
import math
from typing import Any

from aiohttp import web

from bot.gateway.chat_request import (
    SENDER_PATTERN,
    ChatRequestError,
    guess_language,
    parse_chat_request,
)
from bot.gateway.errors import error_response
from bot.gateway.handoff.fallback import take_contact
from bot.gateway.keys import CHAT, DB, HUB, LIMITS, RASA, SETTINGS
from bot.gateway.messages import Language, text
from bot.gateway.middlewares import rate_limited
from bot.gateway.rasa_client import RasaUnavailableError

MAX_WAIT_SECONDS = 30.0
HEALTH_RASA_SECONDS = 2.0


async def post_chat(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    try:
        chat = parse_chat_request(await request.read(), settings.max_message_chars)
    except ChatRequestError as error:
        return error_response(error.code, error.status, error.language, **error.values)
    # The per-IP limit is counted for every chat request by chat_api_middleware.
    if wait := request.app[LIMITS].per_conversation.hit(chat.sender):
        return rate_limited(wait)
    stored: dict[str, Any] = {}

    async def remember(message: dict[str, Any]) -> None:
        stored.update(message)

    try:
        outcome = await request.app[CHAT].customer_message(
            chat.sender,
            chat.message,
            client_id=chat.client_id,
            payload=chat.payload,
            metadata=chat.metadata,
            on_stored=remember,
        )
    except RasaUnavailableError:
        page_language: Language = "en" if chat.metadata.get("language") == "en" else "ru"
        language = guess_language(chat.message, page_language)
        # A message with an email or phone files a ticket: the stored notice says so.
        notice = await take_contact(request.app, chat.sender, chat.message, language)
        messages = [notice or {"text": text("bot_unavailable", language)}]
        body: dict[str, Any] = {"messages": messages, "degraded": True}
        if stored:  # the message is kept: the widget shows it as sent, never twice
            body["ack"] = {"client_id": stored["client_id"], "id": stored["id"]}
        return web.json_response(body, status=503)
    ack = {"client_id": outcome.message["client_id"], "id": outcome.message["id"]}
    return web.json_response({"messages": outcome.replies, "mode": outcome.mode, "ack": ack})


def conversation_param(request: web.Request) -> str:
    conversation = request.query.get("conversation", "")
    if not SENDER_PATTERN.match(conversation):
        raise ChatRequestError("invalid_conversation", 400)
    return conversation


def _number(request: web.Request, name: str, default: float, top: float) -> float:
    try:
        value = float(request.query.get(name, default))
    except ValueError:
        raise ChatRequestError("invalid_json", 400) from None
    if not math.isfinite(value):  # "nan" and "inf" parse as floats
        raise ChatRequestError("invalid_json", 400)
    return min(max(value, 0.0), top)


async def _snapshot(request: web.Request, conversation: str, after: int) -> web.Response:
    chat = request.app[CHAT]
    messages = await request.app[DB].run(chat.conversations.after, conversation, after)
    mode, agent = await chat.mode(conversation)
    return web.json_response({"messages": messages, "mode": mode, "agent": agent})


async def get_history(request: web.Request) -> web.Response:
    try:
        conversation = conversation_param(request)
    except ChatRequestError as error:
        return error_response(error.code, error.status)
    return await _snapshot(request, conversation, 0)


async def get_updates(request: web.Request) -> web.Response:
    """Answers at once when there is anything after `after`, else waits up to `wait` seconds."""
    try:
        conversation = conversation_param(request)
        after = int(_number(request, "after", 0, 2**62))
        wait = _number(request, "wait", 25, MAX_WAIT_SECONDS)
    except ChatRequestError as error:
        return error_response(error.code, error.status)
    chat = request.app[CHAT]
    async with request.app[HUB].watching(conversation) as changed:
        if not await request.app[DB].run(chat.conversations.after, conversation, after):
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(changed.wait(), wait)
    return await _snapshot(request, conversation, after)


async def get_health(request: web.Request) -> web.Response:
    """Answers within HEALTH_RASA_SECONDS even when Rasa hangs: monitors must not hang too."""
    try:
        rasa_ok = await asyncio.wait_for(request.app[RASA].healthy(), HEALTH_RASA_SECONDS)
    except asyncio.TimeoutError:
        rasa_ok = False
    return web.json_response({"status": "ok", "rasa": "ok" if rasa_ok else "unavailable"})
