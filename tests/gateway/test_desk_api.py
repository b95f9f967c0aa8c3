"""The desk over HTTP and websockets, with a customer on the other side: login and its lock,
CSRF, the claim race, live chat both ways, notes, escalation and close with the rating question."""

from __future__ import annotations

import asyncio

from tests.gateway.conftest import AUTH, PASSWORD, case_body, next_frame, signed_in_agent


async def post(client, path: str, body: dict | None = None):
    return await client.post(path, json=body or {}, headers={"X-CSRF-Token": client.csrf})


async def customer_socket(client, conversation: str = "w-1"):
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "hello", "conversation": conversation, "after": 0})
    await next_frame(socket, "history")
    return socket


async def test_five_wrong_passwords_lock_the_login(make_gateway):
    client = await make_gateway()
    for _ in range(4):
        wrong = await client.post("/desk/api/login", json={"login": "maria", "password": "nope"})
        assert wrong.status == 401
        assert (await wrong.json())["error"]["code"] == "invalid_credentials"
    fifth = await client.post("/desk/api/login", json={"login": "maria", "password": "nope"})
    assert fifth.status == 429 and (await fifth.json())["error"]["retry_after"] > 290
    right = await client.post("/desk/api/login", json={"login": "maria", "password": PASSWORD})
    assert right.status == 429, "the lock holds even for the right password"
    other = await client.post("/desk/api/login", json={"login": "ivan", "password": PASSWORD})
    assert other.status == 200
    assert "desk_session" in other.cookies
    cookie = other.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_unknown_login_and_bad_bodies(make_gateway):
    client = await make_gateway()
    unknown = await client.post("/desk/api/login", json={"login": "ghost", "password": "x"})
    assert unknown.status == 401
    assert (await client.post("/desk/api/login", data=b"[")).status == 400
    assert (await client.get("/desk/api/me")).status == 401
    assert (await client.get("/desk/api/cases")).status == 401


async def test_state_changes_need_the_csrf_token(make_server, aiohttp_client):
    server = await make_server()
    agent = await signed_in_agent(aiohttp_client, server, "maria")
    me = await (await agent.get("/desk/api/me")).json()
    assert me["csrf"] == agent.csrf and me["groups"] == ["billing", "general"]
    assert me["canned"][0]["ru"] == "Здравствуйте!"
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = await agent.post("/desk/api/cases/1/claim", json={}, headers=headers)
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "csrf_failed"
    logout = await post(agent, "/desk/api/logout")
    assert logout.status == 200
    assert (await agent.get("/desk/api/me")).status == 401


async def test_desk_page_has_a_content_security_policy(make_gateway):
    client = await make_gateway()
    page = await client.get("/desk")
    assert page.status == 200
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert (await client.get("/desk/assets/desk.js")).status == 200
    assert (await client.get("/desk/assets/../settings.py")).status == 404
    assert (await client.get("/desk/assets/index.html")).status == 404


async def test_handoff_claim_chat_and_close(make_server, aiohttp_client, fake_rasa):
    server = await make_server()
    maria = await signed_in_agent(aiohttp_client, server, "maria")
    ivan = await signed_in_agent(aiohttp_client, server, "ivan")
    tom = await signed_in_agent(aiohttp_client, server, "tom")
    customer = await aiohttp_client(server)
    maria_ws = await maria.ws_connect("/ws/desk")
    ivan_ws = await ivan.ws_connect("/ws/desk")
    await next_frame(maria_ws, "hello")
    await next_frame(ivan_ws, "hello")
    chat = await customer_socket(customer)

    intake = await customer.post(
        "/internal/handoffs",
        json=case_body(customer={"name": "<img src=x onerror=alert(1)>"}),
        headers=AUTH,
    )
    body = await intake.json()
    assert intake.status == 201 and body["state"] == "waiting", body
    case_id = body["handoff_id"]
    new = await next_frame(maria_ws, "case_new")
    assert new["case"]["customer_name"] == "<img src=x onerror=alert(1)>"
    queue = await (await maria.get("/desk/api/cases")).json()
    assert [c["id"] for c in queue["cases"]] == [case_id]
    assert (await (await tom.get("/desk/api/cases")).json())["cases"] == []
    assert (await post(tom, f"/desk/api/cases/{case_id}/claim")).status == 403

    first, second = await asyncio.gather(
        post(maria, f"/desk/api/cases/{case_id}/claim"),
        post(ivan, f"/desk/api/cases/{case_id}/claim"),
    )
    assert sorted([first.status, second.status]) == [200, 409]
    winner, loser = (maria, ivan) if first.status == 200 else (ivan, maria)
    winner_ws = maria_ws if winner is maria else ivan_ws
    refused = (await (second if first.status == 200 else first).json())["error"]
    winner_name = "Мария" if winner is maria else "Иван"
    assert refused["code"] == "already_claimed" and refused["owner"] == winner_name
    joined = await next_frame(chat, "agent_joined")
    assert joined["name"] == winner_name

    reply = await post(winner, f"/desk/api/cases/{case_id}/messages", {"text": "Чем помочь?"})
    assert reply.status == 201
    heard = await next_frame(chat, "message")
    while heard["message"]["author"] != "agent":
        heard = await next_frame(chat, "message")
    assert heard["message"]["text"] == "Чем помочь?" and heard["message"]["agent_name"]
    not_owner = await post(loser, f"/desk/api/cases/{case_id}/messages", {"text": "я тоже"})
    assert not_owner.status == 409 and (await not_owner.json())["error"]["code"] == "not_owner"

    await winner_ws.send_json({"type": "typing", "case": case_id, "on": True})
    typing = await next_frame(chat, "typing")
    assert typing["who"] == "agent" and typing["on"] is True
    await chat.send_json({"type": "typing", "on": True})
    assert (await next_frame(winner_ws, "typing"))["case"] == case_id
    rasa_calls = len(fake_rasa.received)
    await chat.send_json({"type": "message", "client_id": "c-9", "text": "деньги не вернули"})
    relayed = await next_frame(winner_ws, "message")
    while relayed["message"]["author"] != "customer":
        relayed = await next_frame(winner_ws, "message")
    assert relayed["case"] == case_id and relayed["message"]["text"] == "деньги не вернули"
    assert len(fake_rasa.received) == rasa_calls, "the bot stays silent while a person owns it"

    note = await post(winner, f"/desk/api/cases/{case_id}/notes", {"text": "проверить платёж"})
    assert note.status == 201
    detail = await (await winner.get(f"/desk/api/cases/{case_id}")).json()
    assert detail["case"]["notes"][0]["text"] == "проверить платёж"
    assert "**** **** **** 1111" in detail["case"]["summary_text"]
    assert [m["author"] for m in detail["transcript"]][-2:] == ["agent", "customer"]

    empty = await post(winner, f"/desk/api/cases/{case_id}/close", {"resolution": " "})
    assert empty.status == 422
    closed = await post(winner, f"/desk/api/cases/{case_id}/close", {"resolution": "вернули"})
    assert closed.status == 200 and (await closed.json())["case"]["state"] == "closed"
    assert (await next_frame(chat, "agent_left"))["name"] == winner_name
    rating = await next_frame(chat, "message")
    while rating["message"]["author"] != "bot":
        rating = await next_frame(chat, "message")
    assert "от 1 до 5" in rating["message"]["text"]
    assert fake_rasa.triggered == [("w-1", "handoff_closed")]
    again = await post(winner, f"/desk/api/cases/{case_id}/messages", {"text": "ещё"})
    assert again.status == 409 and (await again.json())["error"]["code"] == "case_closed"
    history = await (await customer.get("/api/chat/history?conversation=w-1")).json()
    assert history["mode"] == "bot"


async def test_escalation_to_a_group_with_nobody_online_becomes_a_ticket(
    make_server, aiohttp_client
):
    server = await make_server()
    maria = await signed_in_agent(aiohttp_client, server, "maria")
    maria_ws = await maria.ws_connect("/ws/desk")
    await next_frame(maria_ws, "hello")
    intake = await maria.post("/internal/handoffs", json=case_body("w-esc"), headers=AUTH)
    case_id = (await intake.json())["handoff_id"]
    assert (await post(maria, f"/desk/api/cases/{case_id}/claim")).status == 200
    bad = await post(
        maria, f"/desk/api/cases/{case_id}/escalate", {"group": "nowhere", "note": "x"}
    )
    assert bad.status == 400
    escalated = await post(
        maria, f"/desk/api/cases/{case_id}/escalate", {"group": "third_line", "note": "баг"}
    )
    case = (await escalated.json())["case"]
    assert (case["state"], case["group"], case["agent"]) == ("ticket", "third_line", None)
    tom = await signed_in_agent(aiohttp_client, server, "tom")
    assert (await post(tom, f"/desk/api/cases/{case_id}/claim")).status == 403
