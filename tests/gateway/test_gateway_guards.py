"""The gateway's guards against floods and foreign pages, and its security headers: the real app
with a stand-in Rasa."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from tests.gateway.conftest import AUTH, next_frame


async def test_too_many_messages_of_one_conversation_get_429_with_retry_after(make_gateway):
    client = await make_gateway(rate_limit_conversation=2, rate_window_seconds=30)
    for number in range(2):
        response = await client.post(
            "/api/chat", json={"sender": "w-flood", "message": f"{number}"}
        )
        assert response.status == 200
    refused = await client.post("/api/chat", json={"sender": "w-flood", "message": "ещё"})
    assert refused.status == 429
    retry_after = int(refused.headers["Retry-After"])
    error = (await refused.json())["error"]
    assert error["code"] == "rate_limited" and error["retry_after"] == retry_after
    assert 1 <= retry_after <= 30 and error["messages"]["en"].startswith("Too many messages")
    other = await client.post("/api/chat", json={"sender": "w-other", "message": "привет"})
    assert other.status == 200, "another conversation is not held back"
    history = await (await client.get("/api/chat/history?conversation=w-flood")).json()
    assert "ещё" not in [m["text"] for m in history["messages"]], "a refused message is not kept"


async def test_one_address_is_limited_across_conversations_and_paths(make_gateway):
    client = await make_gateway(rate_limit_ip=3, rate_window_seconds=30)
    await client.post("/api/chat", json={"sender": "w-a", "message": "1"})
    await client.get("/api/chat/history?conversation=w-a")
    await client.post("/api/chat", json={"sender": "w-b", "message": "2"})
    refused = await client.get("/api/chat/history?conversation=w-c")
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
    health = await client.get("/health")
    assert health.status == 200, "only the chat API is counted"


async def test_websocket_messages_over_the_limit_get_an_error_frame(make_gateway):
    client = await make_gateway(rate_limit_conversation=1, rate_window_seconds=30)
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-wsflood", "metadata": {}})
    await next_frame(socket, "history")
    await socket.send_json({"type": "message", "client_id": "c-1", "text": "hello"})
    await next_frame(socket, "ack")
    await socket.send_json({"type": "message", "client_id": "c-2", "text": "hello again"})
    error = await next_frame(socket, "error")
    assert (error["code"], error["client_id"]) == ("rate_limited", "c-2")
    assert error["retry_after"] >= 1 and error["message"].startswith("Too many messages")
    await socket.close()


async def test_websockets_per_address_are_capped(make_gateway):
    client = await make_gateway(max_sockets_per_ip=2)
    first = await client.ws_connect("/ws/chat")
    second = await client.ws_connect("/ws/chat")
    refused = await client.get(
        "/ws/chat", headers={"Connection": "Upgrade", "Upgrade": "websocket"}
    )
    assert refused.status == 429
    assert (await refused.json())["error"]["code"] == "too_many_connections"
    await first.close()
    third = await client.ws_connect("/ws/chat")  # a closed socket frees its place
    await second.close()
    await third.close()


async def test_too_long_messages_are_refused_politely_in_the_customers_language(make_gateway):
    client = await make_gateway(max_message_chars=50)
    response = await client.post("/api/chat", json={"sender": "w-long", "message": "word " * 20})
    assert response.status == 413
    error = (await response.json())["error"]
    assert error["code"] == "message_too_long"
    assert error["message"].startswith("The message is too long (over 50 characters)")
    assert error["messages"]["ru"].startswith("Сообщение слишком длинное (больше 50 символов)")


async def test_declared_oversized_bodies_are_refused_on_every_endpoint(make_gateway):
    client = await make_gateway(max_body_bytes=1024)
    body = json.dumps({"text": "x" * 4000})
    for path in ("/api/chat", "/internal/handoffs", "/desk/api/login", "/desk/api/cases/1/notes"):
        response = await client.post(
            path, data=body, headers={**AUTH, "Content-Type": "application/json"}
        )
        assert response.status == 413, path
        assert (await response.json())["error"]["code"] == "body_too_large", path


async def test_pages_from_foreign_origins_are_refused(make_gateway):
    client = await make_gateway()
    foreign = {"Origin": "https://evil.example"}
    response = await client.post(
        "/api/chat", json={"sender": "w-o", "message": "hi"}, headers=foreign
    )
    assert response.status == 403
    assert (await response.json())["error"]["code"] == "origin_not_allowed"
    handshake = await client.get(
        "/ws/chat", headers={**foreign, "Connection": "Upgrade", "Upgrade": "websocket"}
    )
    assert handshake.status == 403
    local = await client.post(
        "/api/chat",
        json={"sender": "w-o", "message": "hi"},
        headers={"Origin": "http://localhost:3000"},
    )
    assert local.status == 200 and local.headers["Access-Control-Allow-Origin"] == (
        "http://localhost:3000"
    )


async def test_configured_origins_get_cors_and_a_preflight(make_gateway):
    client = await make_gateway(allowed_origins="https://shop.example, https://help.shop.example")
    origin = {"Origin": "https://shop.example"}
    preflight = await client.options(
        "/api/chat",
        headers={**origin, "Access-Control-Request-Method": "DELETE"},
    )
    assert preflight.status == 204
    assert "DELETE" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    socket = await client.ws_connect("/ws/chat", headers={"Origin": "https://help.shop.example"})
    await socket.close()
    same_site = await client.get(
        "/api/chat/history?conversation=w-1", headers={"Origin": str(client.make_url("/"))[:-1]}
    )
    assert same_site.status == 200 and "Access-Control-Allow-Origin" not in same_site.headers


async def test_every_answer_carries_the_security_headers(make_gateway):
    client = await make_gateway()
    for path in ("/", "/widget.js", "/health", "/api/chat/history?conversation=x", "/nope"):
        response = await client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert response.headers["X-Frame-Options"] == "DENY", path
    desk = await client.get("/desk")
    assert "frame-ancestors 'none'" in desk.headers["Content-Security-Policy"]


async def test_the_default_limits_let_the_benchmarks_through(make_gateway):
    """bench.latency: 32 customers from 127.0.0.1, a new conversation every 8 messages, no pause;
    bench.handoff: 200 customer websockets from the same address."""
    client = await make_gateway()

    async def customer(number: int) -> list[int]:
        statuses = []
        for turn in range(16):
            body = {"sender": f"bench-{number}-{turn // 8}", "message": f"вопрос {turn}"}
            statuses.append((await client.post("/api/chat", json=body)).status)
        return statuses

    results = await asyncio.gather(*(customer(n) for n in range(32)))
    assert {status for statuses in results for status in statuses} == {200}
    # A session of its own: the test client's pool stops at 100 connections.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        sockets = [await session.ws_connect(client.make_url("/ws/chat")) for _ in range(200)]
        for socket in sockets:
            await socket.close()


async def test_a_wrong_method_gets_a_json_error_naming_the_allowed_ones(make_gateway):
    client = await make_gateway()
    response = await client.put("/api/chat", data=b"{}")
    assert response.status == 405 and "POST" in response.headers["Allow"]
    assert (await response.json())["error"]["code"] == "method_not_allowed"
