"""A real gateway, alone in a background loop, holding the scripted conversations of
tests/gateway/analytics_replay.yml, stored through its real HTTP APIs against a stand-in Rasa that
answers what each step of the script says; for the analytics browser tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from aiohttp import web

from bot.common.settings import Settings
from bot.gateway.analytics.encoder import LazyEncoder
from bot.gateway.desk.passwords import hash_password
from bot.gateway.keys import ANALYTICS_ENCODER
from tests.conftest import free_port
from tests.e2e.standalone_gateway import standalone_gateway
from tests.gateway.analytics_replay import Clock, Scripted, load_script, patch_clock, replay
from tests.gateway.conftest import FakeRasa
from tests.gateway.tiny_encoder import TinyEncoder

LOGIN = "maria"
PASSWORD = "correct horse battery"
TOKEN = "t" * 32


class Http:
    """What the replay needs of a client: paths against one base URL, and the desk's CSRF."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.csrf = ""

    async def post(self, path: str, **kwargs: Any) -> aiohttp.ClientResponse:
        response = await self.session.post(path, **kwargs)
        await response.read()
        return response


@contextmanager
def background_app(app: web.Application, port: int) -> Iterator[None]:
    runner = web.AppRunner(app)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()

    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    try:
        yield
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


def fake_rasa_app(fake: FakeRasa) -> web.Application:
    async def webhook(request: web.Request) -> web.Response:
        fake.received.append(await request.json())
        return web.json_response({"messages": fake.replies, "intent": fake.intent})

    async def trigger(request: web.Request) -> web.Response:
        rating = {"text": "Оцените, пожалуйста, помощь оператора от 1 до 5."}
        return web.json_response({"tracker": {}, "messages": [rating]})

    app = web.Application()
    app.router.add_post("/webhooks/gateway/webhook", webhook)
    app.router.add_post("/conversations/{sender}/trigger_intent", trigger)
    return app


def write_agents(path: Path) -> Path:
    agent = {
        "login": LOGIN,
        "name": "Мария",
        "groups": ["general", "billing", "technical"],
        "password_hash": hash_password(PASSWORD, iterations=1000),
    }
    path.write_text(yaml.safe_dump({"agents": [agent]}, allow_unicode=True), encoding="utf-8")
    return path


def tiny_encoder(app: web.Application) -> None:
    app[ANALYTICS_ENCODER] = LazyEncoder(TinyEncoder)


async def _replay(url: str, fake: FakeRasa, clock: Clock, scripted: list[Scripted]) -> None:
    jar = aiohttp.CookieJar(unsafe=True)  # the gateway runs on 127.0.0.1
    async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as session:
        client = Http(session)
        login = await client.post("/desk/api/login", json={"login": LOGIN, "password": PASSWORD})
        client.csrf = (await login.json())["csrf"]
        await replay(client, fake, clock, scripted, TOKEN)


@contextmanager
def replayed_gateway(
    folder: Path,
    then: Callable[[str, Clock, FakeRasa], None] | None = None,
) -> Iterator[tuple[str, list[Scripted]]]:
    """Yields the gateway's URL and the replayed script; `then` may store more with the same
    clock and stand-in Rasa before the clock is put back."""
    fake = FakeRasa(port=free_port())
    settings = Settings(
        rasa_port=fake.port,
        gateway_port=free_port(),
        data_dir=folder,
        agents_file=str(write_agents(folder / "agents.yml")),
        internal_token=TOKEN,
    )
    _, scripted = load_script()
    with (
        background_app(fake_rasa_app(fake), fake.port),
        standalone_gateway(settings, tiny_encoder) as url,
    ):
        with pytest.MonkeyPatch.context() as patch:
            clock = Clock()
            patch_clock(patch, clock)
            asyncio.run(_replay(url, fake, clock, scripted))
            if then is not None:
                then(url, clock, fake)
        yield url, scripted
