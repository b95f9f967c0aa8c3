"""A gateway restart in the middle of a handoff loses nothing: the case, its owner, the
conversation and the agent's session all live in the database."""

from __future__ import annotations

from tests.gateway.conftest import AUTH, case_body, next_frame, signed_in_agent


async def test_restart_mid_handoff(make_server, aiohttp_client):
    before = await make_server()
    maria = await signed_in_agent(aiohttp_client, before, "maria")
    desk = await maria.ws_connect("/ws/desk")
    await next_frame(desk, "hello")
    case_id = (
        await (await maria.post("/internal/handoffs", json=case_body("w-r"), headers=AUTH)).json()
    )["handoff_id"]
    headers = {"X-CSRF-Token": maria.csrf}
    assert (await maria.post(f"/desk/api/cases/{case_id}/claim", headers=headers)).status == 200
    customer = await aiohttp_client(before)
    sent = await customer.post(
        "/api/chat", json={"sender": "w-r", "message": "вы тут?", "client_id": "c-1"}
    )
    assert (await sent.json())["mode"] == "agent"
    token = maria.session.cookie_jar.filter_cookies(before.make_url("/"))["desk_session"].value
    await desk.close()
    await before.close()

    after = await make_server()
    agent = await aiohttp_client(after)
    agent.session.cookie_jar.update_cookies({"desk_session": token}, after.make_url("/"))
    me = await agent.get("/desk/api/me")
    assert me.status == 200, "the session survived the restart"
    csrf = (await me.json())["csrf"]
    detail = await (await agent.get(f"/desk/api/cases/{case_id}")).json()
    assert detail["case"]["state"] == "assigned" and detail["case"]["agent"]["login"] == "maria"
    assert [m["text"] for m in detail["transcript"] if m["author"] == "customer"] == ["вы тут?"]
    customer = await aiohttp_client(after)
    resent = await customer.post(
        "/api/chat", json={"sender": "w-r", "message": "вы тут?", "client_id": "c-1"}
    )
    assert (await resent.json())["ack"]["id"] == detail["transcript"][-1]["id"]
    reply = await agent.post(
        f"/desk/api/cases/{case_id}/messages",
        json={"text": "Да, я здесь"},
        headers={"X-CSRF-Token": csrf},
    )
    assert reply.status == 201
    history = await (await customer.get("/api/chat/history?conversation=w-r")).json()
    assert history["mode"] == "agent" and history["agent"] == {"name": "Мария"}
    assert history["messages"][-1]["text"] == "Да, я здесь"
