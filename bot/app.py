"""The gateway application factory: `create_app(settings)`; resources live in cleanup_ctx."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from bot.errors import error_middleware
from bot.keys import RASA, SETTINGS
from bot.rasa_client import RasaClient
from bot.routes import setup_routes
from bot.settings import Settings


async def _rasa_client(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    client = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
    await client.start()
    app[RASA] = client
    yield
    await client.close()


def create_app(settings: Settings) -> web.Application:
    app = web.Application(middlewares=[error_middleware], client_max_size=settings.max_body_bytes)
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_rasa_client)
    setup_routes(app)
    return app
