"""DELETE /api/chat: the customer erases their conversation here and in Rasa's tracker store."""

from __future__ import annotations

from bot.gateway.keys import DB, HANDOFFS
from tests.gateway import postgres
from tests.gateway.conftest import AUTH, case_body
from tests.gateway.rasa_store import event_count, rasa_store, say

# Fixtures that start a real server, shared with the other modules that need one.
postgres_url = postgres.postgres_url


async def test_erases_the_conversation_and_rasas_copy_and_nothing_else(make_gateway, tmp_path):
    client = await make_gateway()
    store = rasa_store(tmp_path / "tracker.db")  # where the gateway's settings put Rasa's store
    for sender in ("w-gone", "w-stays"):
        await client.post(
            "/api/chat", json={"sender": sender, "message": "мой телефон +79991234567"}
        )
        await say(store, sender, "мой телефон +79991234567")
    response = await client.delete("/api/chat?conversation=w-gone")
    assert response.status == 200
    body = await response.json()
    assert body["deleted"]["messages"] == 2 and body["deleted"]["bot_events"] >= 2
    assert body["kept_case"] is None
    assert await event_count(store, "w-gone") == 0
    assert await event_count(store, "w-stays") >= 2
    gone = await (await client.get("/api/chat/history?conversation=w-gone")).json()
    stays = await (await client.get("/api/chat/history?conversation=w-stays")).json()
    assert gone["messages"] == [] and len(stays["messages"]) == 2
    again = await (await client.delete("/api/chat?conversation=w-gone")).json()
    assert again["deleted"] == {"messages": 0, "cases": 0, "ratings": 0, "bot_events": 0}


async def test_an_open_case_stays_for_the_person_working_on_it(make_gateway):
    client = await make_gateway()
    await client.post("/api/chat", json={"sender": "w-case", "message": "удалите мои данные"})
    filed = await client.post("/internal/handoffs", json=case_body("w-case"), headers=AUTH)
    ticket = (await filed.json())["ticket"]
    body = await (await client.delete("/api/chat?conversation=w-case")).json()
    assert body["kept_case"] == ticket and body["deleted"]["messages"] == 2
    app = client.server.app
    case = await app[DB].run(app[HANDOFFS].open_for, "w-case")
    assert case is not None and case["ticket"] == ticket


async def test_a_bad_conversation_id_is_refused(make_gateway):
    client = await make_gateway()
    for url in ("/api/chat", "/api/chat?conversation=a%20b"):
        response = await client.delete(url)
        assert response.status == 400
        assert (await response.json())["error"]["code"] == "invalid_conversation"


async def test_nothing_is_deleted_when_rasas_store_is_unreachable(make_gateway):
    client = await make_gateway(
        tracker_store_url="postgresql://rasa:secret@127.0.0.1:1/rasa", database_timeout_seconds=1
    )
    await client.post("/api/chat", json={"sender": "w-keep", "message": "hello"})
    response = await client.delete("/api/chat?conversation=w-keep")
    assert response.status == 503
    error = (await response.json())["error"]
    assert (
        error["code"] == "erase_unavailable"
        and "Nothing has been deleted" in error["messages"]["en"]
    )
    history = await (await client.get("/api/chat/history?conversation=w-keep")).json()
    assert len(history["messages"]) == 2


async def test_rasas_copy_is_erased_from_a_postgresql_tracker_store(
    make_gateway,
    postgres_url,
):
    client = await make_gateway(tracker_store_url=postgres_url, database_url=postgres_url)
    store = rasa_store(postgres_url)
    await say(store, "w-pg", "мой email anna@example.com")
    await say(store, "w-pg-other", "привет")
    await client.post("/api/chat", json={"sender": "w-pg", "message": "мой email anna@example.com"})
    body = await (await client.delete("/api/chat?conversation=w-pg")).json()
    assert body["deleted"]["messages"] == 2 and body["deleted"]["bot_events"] == 2
    assert await event_count(store, "w-pg") == 0 and await event_count(store, "w-pg-other") == 2
