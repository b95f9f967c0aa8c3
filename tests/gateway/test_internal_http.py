"""POST /internal/handoffs and /internal/ratings: token, validation, routing, ticket state."""

from __future__ import annotations

from datetime import datetime, timezone

import yaml

from bot.gateway.desk.hours import DAYS
from bot.gateway.keys import HANDOFFS
from tests.gateway.conftest import AUTH, case_body, next_frame, signed_in_agent


async def test_token_is_required(make_gateway):
    client = await make_gateway()
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": AUTH["Authorization"] + "x"},
    ):
        response = await client.post("/internal/handoffs", json=case_body(), headers=headers)
        assert response.status == 401
        assert (await response.json())["error"]["code"] == "unauthorized"
    rating = await client.post("/internal/ratings", json={"conversation": "w", "rating": 5})
    assert rating.status == 401


async def test_no_token_configured_refuses_everyone(make_gateway):
    client = await make_gateway(internal_token="")
    response = await client.post(
        "/internal/handoffs", json=case_body(), headers={"Authorization": "Bearer "}
    )
    assert response.status == 401


async def test_no_agent_online_makes_a_ticket_routed_by_topic(make_gateway):
    client = await make_gateway()
    response = await client.post("/internal/handoffs", json=case_body(), headers=AUTH)
    assert response.status == 201
    body = await response.json()
    assert (body["state"], body["group"], body["ticket"]) == ("ticket", "billing", "LM-000001")
    assert "LM-000001" in body["expected"]["ru"] and "LM-000001" in body["expected"]["en"]
    again = await client.post("/internal/handoffs", json=case_body(), headers=AUTH)
    assert again.status == 200 and (await again.json())["handoff_id"] == body["handoff_id"]
    technical = await client.post(
        "/internal/handoffs", json=case_body("w-2", topic="technical"), headers=AUTH
    )
    assert (await technical.json())["group"] == "technical"


async def test_bad_body_is_a_clear_400(make_gateway):
    client = await make_gateway()
    response = await client.post(
        "/internal/handoffs", json=case_body(reason="whatever"), headers=AUTH
    )
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["code"] == "invalid_case" and error["field"] == "reason"
    broken = await client.post("/internal/handoffs", data=b"{", headers=AUTH)
    assert broken.status == 400 and (await broken.json())["error"]["field"] == "body"


async def test_facts_given_after_filing_are_added_to_the_open_case(make_gateway):
    client = await make_gateway()
    url = "/internal/handoffs/customer"
    facts = {"conversation": "w-1", "customer": {"order_number": "45873921"}}
    assert (await client.post(url, json=facts)).status == 401
    missing = await client.post(url, json=facts, headers=AUTH)
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "no_open_case"
    await client.post("/internal/handoffs", json=case_body(), headers=AUTH)
    added = await client.post(url, json=facts, headers=AUTH)
    assert added.status == 200
    assert await added.json() == {"ticket": "LM-000001", "added": ["order_number"]}
    detail = client.server.app[HANDOFFS].detail(1)
    assert detail["summary"]["customer"]["order_number"] == "45873921"
    assert "45873921" in detail["summary_text"], "the readable summary is written again"
    for body, field in (
        ({"conversation": "w-1", "customer": {}}, "customer"),
        ({"conversation": "w-1", "customer": {"iban": "x"}}, "customer"),
        ({"conversation": "w 1", "customer": {"email": "a@b.ru"}}, "conversation"),
        ({"conversation": "w-1", "extra": 1}, "body"),
    ):
        refused = await client.post(url, json=body, headers=AUTH)
        assert refused.status == 400, body
        error = (await refused.json())["error"]
        assert error["code"] == "invalid_facts" and error["field"] == field


async def test_ratings_are_stored(make_gateway):
    client = await make_gateway()
    good = await client.post(
        "/internal/ratings", json={"conversation": "w-1", "rating": 4}, headers=AUTH
    )
    assert good.status == 204
    bad = await client.post(
        "/internal/ratings", json={"conversation": "w-1", "rating": 0}, headers=AUTH
    )
    assert bad.status == 400 and (await bad.json())["error"]["field"] == "rating"


async def test_an_online_agent_gets_a_live_case_but_not_outside_working_hours(
    make_server, aiohttp_client, tmp_path
):
    server = await make_server()
    maria = await signed_in_agent(aiohttp_client, server, "maria")
    desk = await maria.ws_connect("/ws/desk")
    await next_frame(desk, "hello")
    live = await maria.post("/internal/handoffs", json=case_body("w-live"), headers=AUTH)
    assert (await live.json())["state"] == "waiting"
    assert (await next_frame(desk, "case_new"))["case"]["ticket"] == "LM-000001"

    today = DAYS[datetime.now(timezone.utc).weekday()]
    agents_file = tmp_path / "agents.yml"
    config = yaml.safe_load(agents_file.read_text(encoding="utf-8"))
    config["working_hours"] = {
        "timezone": "UTC",
        "days": [d for d in DAYS if d != today],
        "from": "00:00",
        "to": "23:59",
    }
    agents_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    closed = await maria.post("/internal/handoffs", json=case_body("w-night"), headers=AUTH)
    assert (await closed.json())["state"] == "ticket"
