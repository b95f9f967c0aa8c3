"""GET /ws/chat: the widget's websocket (docs/protocol.md, customer websocket)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bot.common.masking import conversation_ref
from bot.gateway.chat_request import (
    SENDER_PATTERN,
    ChatRequestError,
    client_id,
    guess_language,
    payload,
)
from bot.gateway.chat_service import ChatService
from bot.gateway.errors import error_response
from bot.gateway.handoff.fallback import take_contact
from bot.gateway.keys import CHAT, HUB, LIMITS, SETTINGS
from bot.gateway.messages import Language, text
from bot.gateway.middlewares import client_ip
from bot.gateway.origins import origin_allowed
from bot.gateway.rasa_client import RasaUnavailableError

log = logging.getLogger("gateway")
HELLO_TIMEOUT_SECONDS = 10.0
METADATA_KEYS = ("name", "email", "page", "language")


class FrameError(Exception):
    def __init__(self, code: str, client_id: str | None = None, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.client_id = client_id
        self.values = values


@dataclass
class CustomerSocket:
    socket: web.WebSocketResponse
    conversation: str
    language: Language
    metadata: dict[str, str]
    ip: str
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def error(self, error: FrameError) -> None:
        frame: dict[str, Any] = {
            "type": "error",
            "code": error.code,
            "message": text(error.code, self.language, **error.values),
        }
        if error.client_id:
            frame["client_id"] = error.client_id
        if "retry_after" in error.values:
            frame["retry_after"] = error.values["retry_after"]
        await self.socket.send_json(frame)


def _json(raw: str) -> dict[str, Any]:
    try:
        frame = json.loads(raw)
    except ValueError:
        raise FrameError("invalid_frame") from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError("invalid_frame")
    return frame


def _hello(frame: dict[str, Any]) -> tuple[str, int, dict[str, str]]:
    conversation = frame.get("conversation")
    after = frame.get("after", 0)
    raw = frame.get("metadata") or {}
    if frame["type"] != "hello" or not isinstance(conversation, str):
        raise FrameError("invalid_frame")
    if not SENDER_PATTERN.match(conversation):
        raise FrameError("invalid_conversation")
    if isinstance(after, bool) or not isinstance(after, int) or after < 0:
        raise FrameError("invalid_frame")
    if not isinstance(raw, dict):
        raise FrameError("invalid_frame")
    metadata = {k: raw[k][:500] for k in METADATA_KEYS if isinstance(raw.get(k), str) and raw[k]}
    return conversation, after, metadata


async def ws_chat(request: web.Request) -> web.StreamResponse:
    """Refused before the upgrade (a JSON error the browser can log) for a foreign page or too
    many sockets from one address; the socket count is released however the socket ends."""
    settings = request.app[SETTINGS]
    if not origin_allowed(request, settings.origins):
        return error_response("origin_not_allowed", 403)
    sockets = request.app[LIMITS].sockets
    ip = client_ip(request)
    if not sockets.acquire(ip):
        log.warning("gateway.ws.too_many_sockets limit=%d", sockets.limit)
        return error_response("too_many_connections", 429)
    try:
        return await _serve(request, ip)
    finally:
        sockets.release(ip)


async def _serve(request: web.Request, ip: str) -> web.WebSocketResponse:
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=request.app[SETTINGS].max_body_bytes)
    await socket.prepare(request)
    try:
        first = await socket.receive(timeout=HELLO_TIMEOUT_SECONDS)
        if first.type != WSMsgType.TEXT:
            raise FrameError("invalid_frame")
        conversation, after, metadata = _hello(_json(first.data))
    except (FrameError, asyncio.TimeoutError) as error:
        code = error.code if isinstance(error, FrameError) else "invalid_frame"
        await socket.send_json({"type": "error", "code": code, "message": text(code, "ru")})
        await socket.close()
        return socket
    language: Language = "en" if metadata.get("language") == "en" else "ru"
    customer = CustomerSocket(socket, conversation, language, metadata, ip)
    chat = request.app[CHAT]
    hub = request.app[HUB]
    hub.add_customer(conversation, socket)
    try:
        if metadata:
            await chat.db.run(chat.conversations.touch, conversation, metadata)
        messages = await chat.db.run(chat.conversations.after, conversation, after)
        mode, agent = await chat.mode(conversation)
        await socket.send_json(
            {"type": "history", "messages": messages, "mode": mode, "agent": agent}
        )
        async for message in socket:
            try:
                if message.type != WSMsgType.TEXT:
                    raise FrameError("invalid_frame")
                await _dispatch(request, chat, customer, _json(message.data))
            except FrameError as error:
                await customer.error(error)
    except Exception:
        # The database failed: say so and close; the widget reconnects with backoff and
        # catches up from `after`, so nothing is lost.
        log.exception("gateway.ws.failed conversation=%s", conversation_ref(conversation))
        with contextlib.suppress(ConnectionError):
            await customer.error(FrameError("internal_error"))
            await socket.close()
    finally:
        hub.remove_customer(conversation, socket)
    return socket


async def _dispatch(
    request: web.Request, chat: ChatService, customer: CustomerSocket, frame: dict[str, Any]
) -> None:
    kind = frame["type"]
    if kind == "ping":
        await customer.socket.send_json({"type": "pong"})
    elif kind == "typing":
        await _typing(chat, customer.conversation, bool(frame.get("on")))
    elif kind == "message":
        body, cid, button = _message(frame, request.app[SETTINGS].max_message_chars)
        customer.language = guess_language(body, customer.language)
        if wait := request.app[LIMITS].message(customer.conversation, customer.ip):
            raise FrameError("rate_limited", cid, retry_after=wait)
        task = asyncio.create_task(_relay(request.app, customer, body, cid, button))
        customer.tasks.add(task)
        task.add_done_callback(customer.tasks.discard)
    else:
        raise FrameError("invalid_frame")


def _message(frame: dict[str, Any], max_chars: int) -> tuple[str, str, str | None]:
    try:
        cid = client_id(frame.get("client_id"))
        button = payload(frame.get("payload"))
    except ChatRequestError as error:
        raise FrameError(error.code) from None
    if cid is None:
        raise FrameError("invalid_client_id")
    body = frame.get("text")
    if not isinstance(body, str) or not body.strip():
        raise FrameError("empty_message", cid)
    if len(body) > max_chars:
        raise FrameError("message_too_long", cid, limit=max_chars)
    return body.strip(), cid, button


async def _typing(chat: ChatService, conversation: str, on: bool) -> None:
    case = await chat.db.run(chat.handoffs.open_for, conversation)
    if case and case["state"] == "assigned":
        frame = {"type": "typing", "case": case["id"], "on": on}
        await chat.hub.to_desks(frame, case["group"], case["agent"]["login"])


async def _relay(
    app: web.Application, customer: CustomerSocket, body: str, cid: str, button: str | None
) -> None:
    """Runs as a task of its own, so every failure is answered here: nobody else would see it."""
    try:
        await _answer(app, customer, body, cid, button)
    except ConnectionError:
        pass  # the customer left; the message is stored and shows on reconnect
    except Exception:
        # The widget keeps the message and offers to send it again; a stored one is not doubled.
        log.exception(
            "gateway.message.failed conversation=%s", conversation_ref(customer.conversation)
        )
        with contextlib.suppress(ConnectionError):
            await customer.error(FrameError("internal_error", cid))


async def _answer(
    app: web.Application, customer: CustomerSocket, body: str, cid: str, button: str | None
) -> None:
    async def ack(message: dict[str, Any]) -> None:
        await customer.socket.send_json({"type": "ack", "client_id": cid, "id": message["id"]})

    try:
        await app[CHAT].customer_message(
            customer.conversation,
            body,
            client_id=cid,
            payload=button,
            metadata=customer.metadata,
            socket=customer.socket,
            on_stored=ack,
        )
    except RasaUnavailableError:
        # A stored notice reaches this socket through the hub; otherwise say the bot is down.
        if not await take_contact(app, customer.conversation, body, customer.language):
            await customer.error(FrameError("bot_unavailable", cid))
