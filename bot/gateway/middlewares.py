"""What every request passes through: the body size check, the chat API's origin policy (CORS)
and per-IP limit, and the security headers on every answer. Failures are the same JSON errors
as everywhere else (bot.gateway.errors)."""

from __future__ import annotations

from aiohttp import web

from bot.gateway.errors import Handler, error_body, error_response
from bot.gateway.keys import LIMITS, SETTINGS
from bot.gateway.origins import cross_site, origin_allowed

CHAT_API = "/api/chat"
CORS_METHODS = "GET, POST, DELETE, OPTIONS"
CORS_MAX_AGE_SECONDS = "600"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def client_ip(request: web.Request) -> str:
    return request.remote or "unknown"


def rate_limited(retry_after: int) -> web.Response:
    """429 with Retry-After; the JSON says the same for clients that do not read headers."""
    body = {"error": {**error_body("rate_limited"), "retry_after": retry_after}}
    return web.json_response(body, status=429, headers={"Retry-After": str(retry_after)})


@web.middleware
async def body_limit_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse a declared oversized body before reading a byte of it; a body sent without a
    length is cut at the same size by aiohttp (client_max_size) while it is read."""
    if (request.content_length or 0) > request.app[SETTINGS].max_body_bytes:
        return error_response("body_too_large", 413)
    return await handler(request)


@web.middleware
async def chat_api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """/api/chat*: pages of allowed origins only (with CORS for them), and the per-IP limit."""
    if not request.path.startswith(CHAT_API):
        return await handler(request)
    if not origin_allowed(request, request.app[SETTINGS].origins):
        return error_response("origin_not_allowed", 403)
    if request.method == "OPTIONS":
        response: web.StreamResponse = web.Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE_SECONDS
    elif wait := request.app[LIMITS].per_ip.hit(client_ip(request)):
        response = rate_limited(wait)
    else:
        response = await handler(request)
    if cross_site(request):
        response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"
        response.headers["Vary"] = "Origin"
    return response


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every answer, errors and websocket handshakes included; a page's own stricter
    headers (the desk's) are kept."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
