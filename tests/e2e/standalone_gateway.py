"""The real gateway alone (no Rasa, no action server) in a background event loop, for browser
tests of pages that need no bot: the desk's analytics, the widget's banner."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from aiohttp import web

from bot.common.settings import Settings
from bot.gateway.app import create_app


@contextmanager
def standalone_gateway(
    settings: Settings, prepare: Callable[[web.Application], None] | None = None
) -> Iterator[str]:
    """Yields the gateway's URL; `prepare` may replace app parts before it starts."""
    app = create_app(settings)
    if prepare is not None:
        prepare(app)
    runner = web.AppRunner(app)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.gateway_port).start()

    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    try:
        yield settings.gateway_url
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
