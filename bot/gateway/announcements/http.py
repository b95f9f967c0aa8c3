"""`GET /api/announcements?lang=ru`: the banners the widget shows while they are valid."""

from __future__ import annotations

from datetime import datetime, timezone

from aiohttp import web

from bot.common.build.intent_files import LANGUAGES
from bot.gateway.errors import error_response
from bot.gateway.keys import ANNOUNCEMENTS
from bot.gateway.store.records import iso

# The widget asks once per page; a minute of caching spares the gateway on busy sites.
CACHE = "public, max-age=60"


async def get_announcements(request: web.Request) -> web.Response:
    language = request.query.get("lang", "ru")
    if language not in LANGUAGES:
        return error_response("invalid_language", 400)
    now = datetime.now(timezone.utc)
    banners = [
        {
            "id": a.id,
            "text": a.text[language],
            "valid_until": iso(a.valid_until.timestamp()),
        }
        for a in request.app[ANNOUNCEMENTS].banners(now)
    ]
    # Public notices, read by the widget on whatever site embeds it; no cookies involved.
    headers = {"Cache-Control": CACHE, "Access-Control-Allow-Origin": "*"}
    return web.json_response({"announcements": banners}, headers=headers)
