"""Pages and files the gateway serves to customers' browsers: the demo help page and the chat
widget (`/widget.js`, `/widget.css`) that any site embeds with one script tag."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.gateway.keys import SETTINGS

STATIC_DIR = Path(__file__).parent / "static"
# widget.js reads the gateway's message limit from this placeholder, so it refuses an over-long
# message itself instead of letting the customer wait for an error.
MAX_CHARS_PLACEHOLDER = "__LM_MAX_CHARS__"
# The demo page runs only its own files; the inline style block is the page's look, not code.
DEMO_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
WIDGET_CACHE = "public, max-age=300"


async def get_demo_page(request: web.Request) -> web.FileResponse:
    headers = {"Content-Security-Policy": DEMO_CSP, "X-Content-Type-Options": "nosniff"}
    return web.FileResponse(STATIC_DIR / "index.html", headers=headers)


def _widget_file(content_type: str, body: str) -> web.Response:
    response = web.Response(
        text=body,
        content_type=content_type,
        charset="utf-8",
        headers={"Cache-Control": WIDGET_CACHE, "X-Content-Type-Options": "nosniff"},
    )
    response.enable_compression()
    return response


async def get_widget_script(request: web.Request) -> web.Response:
    limit = str(request.app[SETTINGS].max_message_chars)
    body = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    return _widget_file("text/javascript", body.replace(MAX_CHARS_PLACEHOLDER, limit))


async def get_widget_styles(request: web.Request) -> web.Response:
    body = (STATIC_DIR / "widget.css").read_text(encoding="utf-8")
    return _widget_file("text/css", body)
