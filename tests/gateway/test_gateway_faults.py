"""Rasa down, slow or failing, and the gateway's own failures: the customer always hears
something true, nothing written is lost, and the gateway recovers by itself."""

from __future__ import annotations

import asyncio
import sqlite3
import time

from aiohttp import WSMsgType, web
from sqlalchemy.exc import OperationalError

from bot.gateway.keys import CHAT, DB, HANDOFFS
from tests.gateway.conftest import next_frame


async def test_the_gateway_recovers_when_rasa_comes_back(make_gateway, fake_rasa):
    client = await make_gateway()
    fake_rasa.status = 500
    down = await client.post("/api/chat", json={"sender": "w-r", "message": "где мой заказ"})
    assert down.status == 503
    text = (await down.json())["messages"][0]["text"]
    assert "временная техническая проблема" in text and "email или телефон" in text
    fake_rasa.status = 200
    back = await client.post("/api/chat", json={"sender": "w-r", "message": "где мой заказ?"})
    assert back.status == 200 and (await back.json())["messages"][0]["text"] == "Ответ бота"
    history = await (await client.get("/api/chat/history?conversation=w-r")).json()
    assert [m["text"] for m in history["messages"]] == [
        "где мой заказ",
        "где мой заказ?",
        "Ответ бота",
    ]


async def test_a_slow_rasa_is_cut_off_and_health_still_answers(make_gateway, aiohttp_server):
    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.json_response([])

    slow = web.Application()
    slow.router.add_post("/{tail:.*}", hang)
    slow.router.add_get("/status", hang)
    server = await aiohttp_server(slow)
    client = await make_gateway(rasa_port=server.port, rasa_timeout_seconds=0.5)
    started = time.monotonic()
    response = await client.post("/api/chat", json={"sender": "w-s", "message": "hello"})
    assert response.status == 503 and time.monotonic() - started < 5
    assert "temporary technical problem" in (await response.json())["messages"][0]["text"]
    started = time.monotonic()
    health = await (await client.get("/health")).json()
    assert health["rasa"] == "unavailable" and time.monotonic() - started < 5


async def test_a_contact_left_while_the_bot_is_down_files_a_ticket(make_gateway):
    client = await make_gateway(rasa_port=1, rasa_timeout_seconds=1)
    await client.post(
        "/api/chat",
        json={"sender": "w-c", "message": "Списали деньги дважды", "metadata": {"name": "Анна"}},
    )
    response = await client.post(
        "/api/chat", json={"sender": "w-c", "message": "мой email anna@example.com"}
    )
    assert response.status == 503
    [notice] = (await response.json())["messages"]
    assert notice["author"] == "system" and notice["kind"] == "notice"
    assert "свяжется с вами" in notice["text"] and "LM-" in notice["text"]
    app = client.server.app
    [case] = await app[DB].run(app[HANDOFFS].queue, ("waiting", "ticket"), None)
    detail = await app[DB].run(app[HANDOFFS].detail, case["id"])
    assert detail["summary"]["customer"]["email"] == "anna@example.com"
    assert detail["summary"]["customer"]["name"] == "Анна"
    assert detail["summary"]["problem"] == "Списали деньги дважды"
    assert len(detail["summary"]["transcript"]) == 2


async def test_a_phone_left_over_the_websocket_files_a_ticket(make_gateway):
    client = await make_gateway(rasa_port=1, rasa_timeout_seconds=1)
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-p", "metadata": {"language": "en"}})
    await next_frame(socket, "history")
    await socket.send_json(
        {"type": "message", "client_id": "c-1", "text": "call me +44 20 7946 0958"}
    )
    await next_frame(socket, "ack")
    frame = await next_frame(socket, "message")
    assert frame["message"]["kind"] == "notice"
    assert "get back to you" in frame["message"]["text"]
    await socket.close()


async def test_an_unexpected_failure_is_answered_on_the_websocket(make_gateway, monkeypatch):
    client = await make_gateway()

    async def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(client.server.app[CHAT], "customer_message", broken)
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-x"})
    await next_frame(socket, "history")
    await socket.send_json({"type": "message", "client_id": "c-1", "text": "привет"})
    error = await next_frame(socket, "error")
    assert (error["code"], error["client_id"]) == ("internal_error", "c-1")
    assert "disk full" not in error["message"]
    await socket.send_json({"type": "ping"})
    assert (await next_frame(socket, "pong"))["type"] == "pong", "the socket stays usable"
    await socket.close()


async def test_a_database_failure_at_hello_is_answered_and_the_socket_closed(
    make_gateway, monkeypatch
):
    client = await make_gateway()

    def broken(*args, **kwargs):
        raise OperationalError("SELECT ...", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(client.server.app[CHAT].conversations, "after", broken)
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-db"})
    error = await next_frame(socket, "error")
    assert error["code"] == "internal_error" and "disk" not in error["message"]
    assert (await socket.receive()).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    assert (await client.get("/health")).status == 200


async def test_a_bare_phone_number_is_answered_in_the_pages_language(make_gateway):
    client = await make_gateway(rasa_port=1, rasa_timeout_seconds=1)
    body = {"sender": "w-en", "message": "+44 20 7946 0958", "metadata": {"language": "en"}}
    response = await client.post("/api/chat", json=body)
    [notice] = (await response.json())["messages"]
    assert notice["text"].startswith("Thank you! We've saved your contact")
