"""All gateway routes in one list."""

from __future__ import annotations

from aiohttp import web

from bot.chat_http import get_health, post_chat
from bot.pages import get_demo_page


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", get_demo_page)
    app.router.add_get("/health", get_health)
    app.router.add_post("/api/chat", post_chat)
