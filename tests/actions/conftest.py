"""Trackers as Rasa sends them to the action server, and a stand-in gateway: a real aiohttp
server that records the intake calls and answers like docs/protocol.md says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from rasa_sdk import Tracker

from actions.gateway_client import GatewayClient

TOKEN = "s" * 32
TOPICS = {
    "greet": "smalltalk",
    "thanks": "smalltalk",
    "request_human": "process",
    "complaint": "process",
    "legal_threat": "process",
    "deny": "process",
    "payment_failed": "payment",
    "order_status": "orders",
    "tech_app_crash": "technical",
    "account_login": "account",
    "contacts_hours": "contacts",
}


def user(
    text: str,
    intent: str,
    confidence: float = 0.9,
    ts: float = 1_790_000_000.0,
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "event": "user",
        "timestamp": ts,
        "text": text,
        "parse_data": {"intent": {"name": intent, "confidence": confidence}, "entities": []},
        "metadata": metadata or {},
    }


def bot(text: str, ts: float = 1_790_000_001.0) -> dict[str, Any]:
    return {"event": "bot", "timestamp": ts, "text": text, "data": {}, "metadata": {}}


def tracker(
    events: list[dict[str, Any]],
    slots: dict[str, Any] | None = None,
    sender: str = "w-0123456789abcdef0123456789abcdef",
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    """The latest message is the last user event, as in the running server."""
    latest = next((e for e in reversed(events) if e["event"] == "user"), None)
    latest_message = {**(latest or {}).get("parse_data", {}), "text": (latest or {}).get("text")}
    latest_message["entities"] = entities or []
    return Tracker(
        sender,
        {"language": "ru", **(slots or {})},
        latest_message,
        events,
        False,
        None,
        {},
        "action_listen",
    )


def slot(events: list[dict[str, Any]], name: str) -> Any:
    values = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name]
    assert values, f"no SlotSet for {name} in {events}"
    return values[-1]


def followup(events: list[dict[str, Any]]) -> str | None:
    return next((e["name"] for e in events if e.get("event") == "followup"), None)


@dataclass
class FakeGateway:
    """What the stand-in gateway received and how it answers; `start()` in the test's own loop."""

    server_factory: Any
    status: int = 201
    state: str = "waiting"
    handoffs: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    customer_facts: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)

    async def start(self) -> GatewayClient:
        server = await self.server_factory(gateway_app(self))
        return GatewayClient(f"http://127.0.0.1:{server.port}", TOKEN, timeout_seconds=2)


@pytest.fixture
def gateway(aiohttp_server) -> FakeGateway:
    return FakeGateway(aiohttp_server)


def gateway_app(fake: FakeGateway) -> web.Application:
    async def handoffs(request: web.Request) -> web.Response:
        fake.authorizations.append(request.headers.get("Authorization"))
        fake.handoffs.append(await request.json())
        if fake.status != 201:
            return web.json_response({"error": "x", "field": "reason"}, status=fake.status)
        expected = {"ru": "Ответим в течение 10 минут.", "en": "We'll answer within 10 minutes."}
        body = {"handoff_id": 5, "ticket": "LM-000005", "state": fake.state, "expected": expected}
        return web.json_response({**body, "group": "billing"}, status=201)

    async def ratings(request: web.Request) -> web.Response:
        fake.authorizations.append(request.headers.get("Authorization"))
        fake.ratings.append(await request.json())
        return web.Response(status=fake.status if fake.status != 201 else 204)

    async def customer_facts(request: web.Request) -> web.Response:
        fake.authorizations.append(request.headers.get("Authorization"))
        body = await request.json()
        fake.customer_facts.append(body)
        if fake.status != 201:
            return web.json_response({"error": {"code": "no_open_case"}}, status=fake.status)
        return web.json_response({"ticket": "LM-000005", "added": sorted(body["customer"])})

    app = web.Application()
    app.router.add_post("/internal/handoffs", handoffs)
    app.router.add_post("/internal/handoffs/customer", customer_facts)
    app.router.add_post("/internal/ratings", ratings)
    return app
