"""Turns every failure into a JSON error in both languages; never a stack trace to the client."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.gateway.messages import Language, both

log = logging.getLogger("gateway")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def error_body(code: str, language: Language | None = None, **values: object) -> dict[str, Any]:
    texts = both(code, **values)
    return {"code": code, "message": texts[language or "ru"], "messages": texts}


def error_response(
    code: str, status: int, language: Language | None = None, **values: object
) -> web.Response:
    return web.json_response({"error": error_body(code, language, **values)}, status=status)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return error_response("body_too_large", 413)
    except web.HTTPNotFound:
        return error_response("not_found", 404)
    except web.HTTPMethodNotAllowed as error:
        response = error_response("method_not_allowed", 405)
        response.headers["Allow"] = ", ".join(sorted(error.allowed_methods))
        return response
    except web.HTTPException:
        raise
    except Exception:
        log.exception("gateway.request.failed path=%s", request.path)
        return error_response("internal_error", 500)
