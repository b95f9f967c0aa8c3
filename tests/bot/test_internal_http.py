"""POST /internal/handoffs and /internal/ratings: token, validation, routing, ticket state."""

from __future__ import annotations

from tests.bot.conftest import AUTH, case_body


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
