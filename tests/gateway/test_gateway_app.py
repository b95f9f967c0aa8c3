"""The gateway app with a stand-in Rasa (a real aiohttp server); tests/e2e use the real one."""

from __future__ import annotations

import asyncio


async def test_relays_a_message_and_stores_both_sides(make_gateway, fake_rasa):
    fake_rasa.replies = [
        {
            "recipient_id": "u",
            "text": "Привет",
            "buttons": [{"title": "Да", "payload": "/affirm"}],
            "internal": "dropped",
        }
    ]
    client = await make_gateway()
    response = await client.post(
        "/api/chat", json={"sender": "u", "message": "привет", "metadata": {"name": "Анна"}}
    )
    assert response.status == 200
    body = await response.json()
    [reply] = body["messages"]
    assert (reply["author"], reply["text"], reply["kind"]) == ("bot", "Привет", "text")
    assert reply["buttons"] == [{"title": "Да", "payload": "/affirm"}]
    assert "internal" not in reply and reply["conversation"] == "u"
    assert body["mode"] == "bot" and body["ack"]["id"] < reply["id"]
    assert fake_rasa.received == [
        {"sender": "u", "message": "привет", "metadata": {"name": "Анна"}}
    ]
    history = await (await client.get("/api/chat/history?conversation=u")).json()
    assert [(m["author"], m["text"]) for m in history["messages"]] == [
        ("customer", "привет"),
        ("bot", "Привет"),
    ]


async def test_button_payload_goes_to_rasa_and_title_is_stored(make_gateway, fake_rasa):
    client = await make_gateway()
    await client.post(
        "/api/chat", json={"sender": "b", "message": "Да, помогло", "payload": "/affirm"}
    )
    assert fake_rasa.received[-1]["message"] == "/affirm"
    history = await (await client.get("/api/chat/history?conversation=b")).json()
    assert history["messages"][0]["text"] == "Да, помогло"


async def test_a_resend_with_the_same_client_id_is_answered_once(make_gateway, fake_rasa):
    client = await make_gateway()
    body = {"sender": "r", "message": "где заказ", "client_id": "c-1"}
    first = await (await client.post("/api/chat", json=body)).json()
    second = await (await client.post("/api/chat", json=body)).json()
    assert len(fake_rasa.received) == 1
    assert first["ack"] == second["ack"]
    assert [m["id"] for m in first["messages"]] == [m["id"] for m in second["messages"]]


async def test_article_card_becomes_an_article_message(make_gateway, fake_rasa):
    card = {"type": "article", "id": "a1", "title": "Оплата", "excerpt": "…", "url": "https://x"}
    fake_rasa.replies = [{"text": "Вот статья", "custom": card}]
    client = await make_gateway()
    body = await (await client.post("/api/chat", json={"sender": "a", "message": "оплата"})).json()
    [message] = body["messages"]
    assert message["kind"] == "article" and message["article"]["url"] == "https://x"


async def test_long_poll_returns_when_a_message_arrives(make_gateway):
    client = await make_gateway()
    waiting = asyncio.ensure_future(client.get("/api/chat/updates?conversation=lp&after=0&wait=10"))
    await asyncio.sleep(0.2)
    assert not waiting.done()
    await client.post("/api/chat", json={"sender": "lp", "message": "привет"})
    response = await asyncio.wait_for(waiting, 5)
    messages = (await response.json())["messages"]
    assert messages and messages[0]["text"] == "привет"


async def test_long_poll_with_nothing_new_times_out_empty(make_gateway):
    client = await make_gateway()
    body = await (await client.get("/api/chat/updates?conversation=none&wait=0.2")).json()
    assert body == {"messages": [], "mode": "bot", "agent": None}


async def test_bad_history_and_update_queries_are_refused(make_gateway):
    client = await make_gateway()
    for url in (
        "/api/chat/history",
        "/api/chat/updates?conversation=a%20b",
        "/api/chat/updates?conversation=x&after=z",
    ):
        response = await client.get(url)
        assert response.status == 400, url
        assert (await response.json())["error"]["code"]


async def test_rasa_down_gives_a_polite_message_and_keeps_the_message(make_gateway):
    client = await make_gateway(rasa_port=1, rasa_timeout_seconds=2)
    response = await client.post(
        "/api/chat", json={"sender": "u", "message": "where is my order", "client_id": "c-1"}
    )
    assert response.status == 503
    body = await response.json()
    assert body["degraded"] is True and "temporary" in body["messages"][0]["text"]
    health = await client.get("/health")
    assert (await health.json())["rasa"] == "unavailable"
    history = await (await client.get("/api/chat/history?conversation=u")).json()
    assert history["messages"][0]["text"] == "where is my order"
    # The ack says the message is kept, so the widget shows it as sent and never twice.
    assert body["ack"] == {"client_id": "c-1", "id": history["messages"][0]["id"]}


async def test_oversized_body_and_unknown_path_get_json_errors(make_gateway):
    client = await make_gateway(max_body_bytes=1024)
    too_big = await client.post(
        "/api/chat", data=b"x" * 5000, headers={"Content-Type": "application/json"}
    )
    assert too_big.status == 413
    assert (await too_big.json())["error"]["code"] == "body_too_large"
    missing = await client.get("/nope")
    assert missing.status == 404
    assert (await missing.json())["error"]["code"] == "not_found"


async def test_demo_page_is_served(make_gateway):
    client = await make_gateway()
    page = await client.get("/")
    assert page.status == 200 and "Лайтмаркет" in await page.text()
