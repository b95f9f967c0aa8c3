"""POST /api/chat: one customer message in, the bot's replies out (the widget's HTTP path)."""

from __future__ import annotations

import hashlib
import logging
import time

from aiohttp import web

from bot.chat_request import ChatRequestError, guess_language, parse_chat_request
from bot.errors import error_response
from bot.keys import RASA, SETTINGS
from bot.messages import text
from bot.rasa_client import RasaUnavailableError

log = logging.getLogger("gateway")


def conversation_ref(sender: str) -> str:
    """Logs name conversations by a hash: a sender id can be tied to a person."""
    return hashlib.sha256(sender.encode()).hexdigest()[:12]


def bot_message(reply: dict[str, object]) -> dict[str, object]:
    """Keep only what the widget renders; drop anything else Rasa may add."""
    message: dict[str, object] = {}
    if isinstance(reply.get("text"), str):
        message["text"] = reply["text"]
    buttons = reply.get("buttons")
    if isinstance(buttons, list):
        message["buttons"] = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in buttons
            if isinstance(b, dict)
        ]
    if isinstance(reply.get("custom"), dict):
        message["custom"] = reply["custom"]
    return message


async def post_chat(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    try:
        chat = parse_chat_request(await request.read(), settings.max_message_chars)
    except ChatRequestError as error:
        return error_response(error.code, error.status, error.language, **error.values)
    started = time.monotonic()
    try:
        replies = await request.app[RASA].send(chat.sender, chat.message, chat.metadata)
    except RasaUnavailableError as error:
        log.warning(
            "gateway.rasa.unavailable conversation=%s reason=%s",
            conversation_ref(chat.sender),
            error,
        )
        language = guess_language(chat.message)
        return web.json_response(
            {"messages": [{"text": text("bot_unavailable", language)}], "degraded": True},
            status=503,
        )
    log.info(
        "gateway.message.answered conversation=%s ms=%.0f replies=%d",
        conversation_ref(chat.sender),
        (time.monotonic() - started) * 1000,
        len(replies),
    )
    return web.json_response({"messages": [bot_message(r) for r in replies]})


async def get_health(request: web.Request) -> web.Response:
    rasa_ok = await request.app[RASA].healthy()
    return web.json_response({"status": "ok", "rasa": "ok" if rasa_ok else "unavailable"})
