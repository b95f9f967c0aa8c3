"""GET /ws/desk: live queue and chat events to an agent; the agent's typing to the customer.

Browsers send cookies with websocket handshakes from any site, so the Origin must be our own.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import WSMsgType, web

from bot.gateway.desk.auth import signed_in
from bot.gateway.hub import DeskPeer
from bot.gateway.keys import DB, HANDOFFS, HUB
from bot.gateway.store.states import HandoffError


def same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.host}"


async def ws_desk(request: web.Request) -> web.StreamResponse:
    if not same_origin(request):
        return web.json_response(
            {"error": {"code": "bad_origin", "message": "Cross-site connection refused."}},
            status=403,
        )
    try:
        signed = await signed_in(request, csrf=False)
    except HandoffError as error:
        return web.json_response(
            {"error": {"code": error.code, "message": error.message}}, status=error.status
        )
    agent = signed.agent
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=16 * 1024)
    await socket.prepare(request)
    hub = request.app[HUB]
    hub.add_desk(socket, DeskPeer(agent.login, agent.name, agent.groups))
    try:
        await socket.send_json({"type": "hello", "login": agent.login})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            frame = _frame(message.data)
            if frame.get("type") == "ping":
                await socket.send_json({"type": "pong"})
            elif frame.get("type") == "typing" and isinstance(frame.get("case"), int):
                await _typing(
                    request, agent.login, agent.name, frame["case"], bool(frame.get("on"))
                )
            else:
                await socket.send_json({"type": "error", "code": "invalid_frame"})
    finally:
        hub.remove_desk(socket)
    return socket


def _frame(raw: str) -> dict[str, Any]:
    try:
        frame = json.loads(raw)
    except ValueError:
        return {}
    return frame if isinstance(frame, dict) else {}


async def _typing(request: web.Request, login: str, name: str, case_id: int, on: bool) -> None:
    """Only the owner's typing reaches the customer."""
    try:
        case = await request.app[DB].run(request.app[HANDOFFS].owned, case_id, login)
    except HandoffError:
        return
    frame = {"type": "typing", "who": "agent", "name": name, "on": on}
    await request.app[HUB].to_customers(case["conversation"], frame)
