"""The gateway app with a stand-in Rasa (a real aiohttp server); tests/e2e use the real one."""

from __future__ import annotations

from aiohttp import web

from bot.app import create_app
from bot.settings import Settings


async def fake_rasa(aiohttp_server, replies, status: int = 200):
    received = []

    async def webhook(request: web.Request) -> web.Response:
        received.append(await request.json())
        return web.json_response(replies, status=status)

    async def status_view(request: web.Request) -> web.Response:
        return web.json_response({"model_file": "x"})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/status", status_view)
    server = await aiohttp_server(app)
    return server, received


async def gateway(aiohttp_client, rasa_port: int, **overrides):
    settings = Settings(
        rasa_port=rasa_port, gateway_port=rasa_port + 1 if rasa_port < 65535 else 1, **overrides
    )
    return await aiohttp_client(create_app(settings))


async def test_relays_a_message_and_cleans_the_reply(aiohttp_server, aiohttp_client):
    server, received = await fake_rasa(
        aiohttp_server,
        [
            {
                "recipient_id": "u",
                "text": "Привет",
                "buttons": [{"title": "Да", "payload": "/affirm"}],
                "internal": "dropped",
            }
        ],
    )
    client = await gateway(aiohttp_client, server.port)
    response = await client.post(
        "/api/chat", json={"sender": "u", "message": "привет", "metadata": {"name": "Анна"}}
    )
    assert response.status == 200
    assert await response.json() == {
        "messages": [{"text": "Привет", "buttons": [{"title": "Да", "payload": "/affirm"}]}]
    }
    assert received == [{"sender": "u", "message": "привет", "metadata": {"name": "Анна"}}]


async def test_rasa_down_gives_a_polite_message_in_the_customer_language(aiohttp_client):
    client = await gateway(aiohttp_client, 1, rasa_timeout_seconds=2)
    response = await client.post("/api/chat", json={"sender": "u", "message": "where is my order"})
    assert response.status == 503
    body = await response.json()
    assert body["degraded"] is True and "temporary" in body["messages"][0]["text"]
    health = await client.get("/health")
    assert (await health.json())["rasa"] == "unavailable"


async def test_oversized_body_and_unknown_path_get_json_errors(aiohttp_server, aiohttp_client):
    server, _ = await fake_rasa(aiohttp_server, [])
    client = await gateway(aiohttp_client, server.port, max_body_bytes=1024)
    too_big = await client.post(
        "/api/chat", data=b"x" * 5000, headers={"Content-Type": "application/json"}
    )
    assert too_big.status == 413
    assert (await too_big.json())["error"]["code"] == "body_too_large"
    missing = await client.get("/nope")
    assert missing.status == 404
    assert (await missing.json())["error"]["code"] == "not_found"


async def test_demo_page_is_served(aiohttp_server, aiohttp_client):
    server, _ = await fake_rasa(aiohttp_server, [])
    client = await gateway(aiohttp_client, server.port)
    page = await client.get("/")
    assert page.status == 200 and "Лайтмаркет" in await page.text()
