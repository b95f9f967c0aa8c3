"""Two gateways on one database (SQLite, and a real PostgreSQL) and a real Redis: an agent on
one chats with a customer on the other, both ways; an agent online on one makes a case filed on
the other wait for them; with Redis gone, each gateway still serves its own clients."""

from __future__ import annotations

import asyncio
import secrets

import pytest
import redis.asyncio as redis

from bot.gateway.bus import CHANNEL
from bot.gateway.keys import HUB
from tests.conftest import free_port
from tests.gateway import postgres, redis_server
from tests.gateway.conftest import AUTH, case_body, next_frame, signed_in_agent

# Fixtures that start a real server, shared with the other modules that need one.
postgres_url = postgres.postgres_url
redis_url = redis_server.redis_url


async def subscribers(url: str, expected: int) -> None:
    """Waits until `expected` gateways listen on the channel (Redis itself says so)."""
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                [(_, count)] = await client.pubsub_numsub(CHANNEL)
                if count >= expected:
                    return
            except (redis.ConnectionError, OSError):
                pass  # redis-server is still starting
            await asyncio.sleep(0.05)
        raise AssertionError(f"{expected} gateways never subscribed")
    finally:
        await client.close()


async def online_elsewhere(server, group: str) -> None:
    for _ in range(100):
        if server.app[HUB].agents_online(group):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no agent of {group} ever showed as online")


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request) -> str:
    """Empty: both gateways on the SQLite file of the test's folder; else a PostgreSQL server."""
    return "" if request.param == "sqlite" else request.getfixturevalue("postgres_url")


async def test_an_agent_on_one_gateway_chats_with_a_customer_on_the_other(
    make_server, aiohttp_client, redis_url, shared_database
):
    shared = {"hub_redis_url": redis_url, "database_url": shared_database}
    first = await make_server(**shared)
    second = await make_server(**shared)
    await subscribers(redis_url, 2)

    customer = await aiohttp_client(first)
    socket = await customer.ws_connect("/ws/chat")
    conversation = f"w-bus-{secrets.token_hex(8)}"
    await socket.send_json({"type": "hello", "conversation": conversation})
    await next_frame(socket, "history")

    maria = await signed_in_agent(aiohttp_client, second, "maria")
    desk = await maria.ws_connect("/ws/desk")
    await next_frame(desk, "hello")
    await online_elsewhere(first, "billing")
    filed = await customer.post("/internal/handoffs", json=case_body(conversation), headers=AUTH)
    body = await filed.json()
    case_id = body["handoff_id"]
    assert body["state"] == "waiting", "Мария is online, on the other gateway"
    assert (await next_frame(desk, "case_new"))["case"]["id"] == case_id
    claim = await maria.post(
        f"/desk/api/cases/{case_id}/claim", headers={"X-CSRF-Token": maria.csrf}
    )
    assert claim.status == 200
    assert (await next_frame(socket, "agent_joined"))["name"] == "Мария"

    await maria.post(
        f"/desk/api/cases/{case_id}/messages",
        json={"text": "Здравствуйте, смотрю ваш платёж"},
        headers={"X-CSRF-Token": maria.csrf},
    )
    while (frame := await next_frame(socket, "message"))["message"]["author"] != "agent":
        pass  # the notice that Мария joined comes first
    assert frame["message"]["text"] == "Здравствуйте, смотрю ваш платёж"

    await socket.send_json({"type": "message", "client_id": "c-1", "text": "спасибо, жду"})
    while (frame := await next_frame(desk, "message"))["message"]["author"] != "customer":
        pass
    assert frame["case"] == case_id and frame["message"]["text"] == "спасибо, жду"
    history = await (await maria.get(f"/desk/api/cases/{case_id}")).json()
    assert [m["text"] for m in history["transcript"]][-2:] == [
        "Здравствуйте, смотрю ваш платёж",
        "спасибо, жду",
    ]
    await socket.close()
    await desk.close()


async def test_without_redis_each_gateway_still_serves_its_own_clients(make_gateway):
    client = await make_gateway(hub_redis_url=f"redis://127.0.0.1:{free_port()}/0")
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-alone"})
    await next_frame(socket, "history")
    await socket.send_json({"type": "message", "client_id": "c-1", "text": "привет"})
    await next_frame(socket, "ack")
    assert (await next_frame(socket, "message"))["message"]["text"] == "Ответ бота"
    await socket.close()


async def test_malformed_events_on_the_channel_are_dropped(make_server, aiohttp_client, redis_url):
    server = await make_server(hub_redis_url=redis_url)
    await subscribers(redis_url, 1)
    intruder = redis.Redis.from_url(redis_url)
    for junk in (b"not json", b"[]", b'{"to": "desks", "frame": {}}', b'{"to": "x", "frame": {}}'):
        await intruder.publish(CHANNEL, junk)
    await intruder.close()
    client = await aiohttp_client(server)
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": "w-after-junk"})
    await next_frame(socket, "history")
    await socket.send_json({"type": "message", "client_id": "c-1", "text": "привет"})
    assert (await next_frame(socket, "message"))["message"]["text"] == "Ответ бота"
    await subscribers(redis_url, 1)  # still listening
    await socket.close()
