"""The desk page and its two assets, with a strict Content-Security-Policy: scripts and styles
only from this origin, no inline code, no frames, so injected text can never run."""

from __future__ import annotations

from aiohttp import web

from bot.gateway.pages import STATIC_DIR

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
ASSETS = {"desk.js", "desk.css"}


async def get_desk_page(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "desk.html", headers=SECURITY_HEADERS)


async def get_desk_asset(request: web.Request) -> web.FileResponse:
    name = request.match_info["name"]
    if name not in ASSETS:
        raise web.HTTPNotFound()
    return web.FileResponse(STATIC_DIR / name, headers=SECURITY_HEADERS)
