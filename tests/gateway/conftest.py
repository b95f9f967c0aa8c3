"""The gateway built for real (SQLite in a temporary folder, a real agents file) against a
stand-in Rasa: a real aiohttp server that records what it receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp import web

from bot.common.settings import Settings
from bot.gateway.app import create_app
from bot.gateway.desk.passwords import hash_password

TOKEN = "t" * 32
PASSWORD = "correct horse battery"
AGENTS = {
    "maria": ("Мария", ["billing", "general"]),
    "ivan": ("Иван", ["billing"]),
    "tom": ("Tom", ["technical"]),
}


def write_agents_file(path: Path) -> Path:
    encoded = hash_password(PASSWORD, iterations=1000)
    path.write_text(
        yaml.safe_dump(
            {
                "agents": [
                    {"login": login, "name": name, "groups": groups, "password_hash": encoded}
                    for login, (name, groups) in AGENTS.items()
                ],
                "canned": [{"title": "Hi", "ru": "Здравствуйте!", "en": "Hello!"}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return path


@dataclass
class FakeRasa:
    port: int = 0
    replies: list[dict[str, Any]] = field(default_factory=lambda: [{"text": "Ответ бота"}])
    status: int = 200
    intent: dict[str, Any] | None = field(
        default_factory=lambda: {"name": "order_status", "confidence": 0.9}
    )
    received: list[dict[str, Any]] = field(default_factory=list)
    triggered: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def fake_rasa() -> FakeRasa:
    """What the stand-in Rasa answers and what it got; `make_gateway` starts it in the test loop."""
    return FakeRasa()


async def start_fake_rasa(aiohttp_server, fake: FakeRasa) -> None:
    async def webhook(request: web.Request) -> web.Response:
        fake.received.append(await request.json())
        body = {"messages": fake.replies, "intent": fake.intent}
        return web.json_response(body, status=fake.status)

    async def trigger(request: web.Request) -> web.Response:
        body = await request.json()
        fake.triggered.append((request.match_info["sender"], body["name"]))
        rating = {"text": "Оцените, пожалуйста, помощь оператора от 1 до 5."}
        return web.json_response({"tracker": {}, "messages": [rating]})

    async def status(request: web.Request) -> web.Response:
        return web.json_response({"model_file": "x"})

    app = web.Application()
    app.router.add_post("/webhooks/gateway/webhook", webhook)
    app.router.add_post("/conversations/{sender}/trigger_intent", trigger)
    app.router.add_get("/status", status)
    server = await aiohttp_server(app)
    fake.port = server.port


def gateway_settings(tmp_path: Path, rasa_port: int, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "rasa_port": rasa_port,
        "gateway_port": rasa_port + 1 if rasa_port < 65535 else 1,
        "data_dir": tmp_path,
        "internal_token": TOKEN,
        "agents_file": str(write_agents_file(tmp_path / "agents.yml")),
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def make_gateway(aiohttp_client, aiohttp_server, tmp_path, fake_rasa):
    async def make(**overrides: Any):
        if not fake_rasa.port:
            await start_fake_rasa(aiohttp_server, fake_rasa)
        port = overrides.pop("rasa_port", fake_rasa.port)
        return await aiohttp_client(create_app(gateway_settings(tmp_path, port, **overrides)))

    return make


def case_body(conversation: str = "w-1", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "conversation": conversation,
        "reason": "requested",
        "language": "ru",
        "topic": "payment",
        "intent": {"name": "payment_failed", "confidence": 0.93},
        "customer": {"name": "Анна", "email": "anna@example.com", "phone": "+79991234567"},
        "problem": "Списали деньги с карты 4111 1111 1111 1111 дважды",
        "tried": "перезагрузил страницу",
        "articles": [{"id": "pay-ru", "title": "Оплата", "url": "https://x/p", "verdict": None}],
        "transcript": [{"ts": "2026-11-22T10:00:00Z", "author": "customer", "text": "помогите"}],
        "channel": "widget",
        "page": "https://shop.example/cart",
    }
    body.update(overrides)
    return body


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def make_server(aiohttp_server, tmp_path, fake_rasa):
    """A running gateway several clients (two agents, a customer) can connect to at once."""

    async def make(**overrides: Any):
        if not fake_rasa.port:
            await start_fake_rasa(aiohttp_server, fake_rasa)
        port = overrides.pop("rasa_port", fake_rasa.port)
        return await aiohttp_server(create_app(gateway_settings(tmp_path, port, **overrides)))

    return make


async def signed_in_agent(aiohttp_client, server, login: str):
    """A client logged in as `login`; `client.csrf` holds the token for state-changing calls."""
    client = await aiohttp_client(server)
    response = await client.post("/desk/api/login", json={"login": login, "password": PASSWORD})
    assert response.status == 200, await response.text()
    client.csrf = (await response.json())["csrf"]
    return client


async def next_frame(socket, kind: str, timeout: float = 5.0) -> dict[str, Any]:
    """The next frame of type `kind`, skipping others (typing indicators, notices)."""
    import asyncio

    async def read() -> dict[str, Any]:
        while True:
            frame = await socket.receive_json()
            if frame.get("type") == kind:
                return frame

    return await asyncio.wait_for(read(), timeout)
