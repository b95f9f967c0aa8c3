"""Which web pages may talk to the chat API: the gateway's own pages, localhost, and the origins
in ASSISTANT_ALLOWED_ORIGINS. A browser always names the page's origin in the `Origin` header of
cross-site calls and of every websocket handshake; requests without one are not from a browser
page (servers, curl, the action server) and are not an origin question."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def origin_allowed(request: web.Request, allowed: tuple[str, ...]) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if "*" in allowed or origin.rstrip("/") in allowed:
        return True
    try:
        parts = urlsplit(origin)
        hostname = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("http", "https"):
        return False
    # Same host as the request, whatever the scheme: behind a TLS proxy the gateway sees http.
    return parts.netloc == request.host or hostname in LOCAL_HOSTS


def cross_site(request: web.Request) -> bool:
    """A browser call from another origin: it needs CORS headers to read our answer."""
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    try:
        return urlsplit(origin).netloc != request.host
    except ValueError:
        return True
