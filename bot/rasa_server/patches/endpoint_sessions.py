"""One kept-alive HTTP session per Rasa endpoint instead of a new one for every call.

Rasa 3.6 opens a new aiohttp session, and so a new TCP connection, for every call to an endpoint:
for the action server that is every customer message, 0.5 ms each on loopback. Here
`EndpointConfig.session()` hands out one session per endpoint and event loop, built exactly as
Rasa builds it (headers, basic auth, timeout), whose connections are kept alive; leaving Rasa's
`async with` block does not close it. Its request bodies are serialised with ujson (a Rasa
dependency), 0.19 ms instead of 0.42 ms for a call's 50 KB tracker; a value ujson cannot write goes
to the standard library's `json.dumps`, so errors stay the same. Installed by the registry
(`patches/registry.py`) in the Rasa server only.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

import aiohttp
import ujson
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger(__name__)
RASA_SESSION = EndpointConfig.session
_sessions: dict[int, tuple[EndpointConfig, aiohttp.ClientSession]] = {}


def dumps(value: Any) -> str:
    """JSON text of a request body: the same JSON as `json.dumps` (non-ASCII characters and
    slashes written as they are, which any JSON reader reads back identically)."""
    try:
        return ujson.dumps(value, ensure_ascii=False, escape_forward_slashes=False)
    except (TypeError, ValueError, OverflowError):
        return json.dumps(value)


def kept_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The endpoint's open session on the running loop, made by Rasa's own code when needed."""
    kept = _sessions.get(id(endpoint))
    if kept is not None:
        owner, session = kept
        usable = not session.closed and session._loop is asyncio.get_running_loop()
        if owner is endpoint and usable:
            return session
    session = RASA_SESSION(endpoint)
    session._json_serialize = dumps  # what ClientSession(json_serialize=...) sets
    _sessions[id(endpoint)] = (endpoint, session)  # the endpoint is kept, so its id stays its own
    return session


async def close_kept_sessions() -> None:
    """Closes the kept sessions of the running loop (the Rasa server's shutdown), so no open
    connection is left for the garbage collector to warn about; any other loop's are dropped."""
    kept = list(_sessions.values())
    _sessions.clear()
    loop = asyncio.get_running_loop()
    closing = [s for _, s in kept if not s.closed and s._loop is loop]
    for session in closing:
        await session.close()
    log.info("endpoint_sessions.closed sessions=%d", len(closing))


class KeptSession:
    """What `EndpointConfig.session()` returns: `async with` gives the kept session, open."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self._endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        return kept_session(self._endpoint)

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        return None


def session_for(endpoint: EndpointConfig) -> Any:
    """Replaces `EndpointConfig.session`."""
    return KeptSession(endpoint)


@functools.cache
def rasa_close_resources() -> Callable[[Any, Any], Awaitable[None]]:
    """Rasa's own shutdown listener, looked up once and before `install` replaces it (its module
    imports Rasa's whole server, which only the server needs)."""
    import rasa.core.run

    return rasa.core.run.close_resources


async def close_resources(app: Any, loop: Any) -> None:
    """Rasa's shutdown (event broker, lock store), then the kept sessions to the action server."""
    await rasa_close_resources()(app, loop)
    await close_kept_sessions()
