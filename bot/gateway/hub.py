"""Who is connected right now: customers' websockets by conversation, agents' desk websockets,
and long-poll waiters. In memory by design: after a restart clients reconnect and catch up from
the database with `after`; nothing is lost because nothing lives only here. With several gateways
every event also travels to the others over Redis (bot/gateway/bus.py), so an agent on one
gateway chats with a customer on another."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

log = logging.getLogger("gateway")
# A client that stops reading (a frozen tab, a dead network) fills its socket's buffer, and a send
# to it then waits. After this long it is dropped from the hub, so it can never hold up the
# messages of everyone else; it reconnects and catches up from the database with `after`.
SEND_TIMEOUT_SECONDS = 5.0
CLOSE_TIMEOUT_SECONDS = 1.0


@dataclass
class _Watch:
    event: asyncio.Event = field(default_factory=asyncio.Event)
    users: int = 0


@dataclass(frozen=True)
class DeskPeer:
    login: str
    name: str
    groups: tuple[str, ...]


class Hub:
    def __init__(self) -> None:
        # Set by bot/gateway/bus.py when several gateways run: every event also goes to the others,
        # a change of the connected agents is announced, and their agents count as online here.
        self.relay: Callable[[dict[str, Any]], Awaitable[None]] | None = None
        self.desks_changed: Callable[[], None] | None = None
        self.groups_elsewhere: Callable[[], set[str]] | None = None
        self._customers: dict[str, set[web.WebSocketResponse]] = {}
        self._desks: dict[web.WebSocketResponse, DeskPeer] = {}
        self._watches: dict[str, _Watch] = {}
        self._closing: set[asyncio.Future[None]] = set()

    def add_customer(self, conversation: str, socket: web.WebSocketResponse) -> None:
        self._customers.setdefault(conversation, set()).add(socket)

    def remove_customer(self, conversation: str, socket: web.WebSocketResponse) -> None:
        sockets = self._customers.get(conversation, set())
        sockets.discard(socket)
        if not sockets:
            self._customers.pop(conversation, None)

    def add_desk(self, socket: web.WebSocketResponse, peer: DeskPeer) -> None:
        self._desks[socket] = peer
        if self.desks_changed is not None:
            self.desks_changed()

    def remove_desk(self, socket: web.WebSocketResponse) -> None:
        self._desks.pop(socket, None)
        if self.desks_changed is not None:
            self.desks_changed()

    def groups_online(self) -> set[str]:
        """The groups with an agent connected to this gateway."""
        return {group for peer in self._desks.values() for group in peer.groups}

    def agents_online(self, group: str) -> bool:
        if any(group in peer.groups for peer in self._desks.values()):
            return True
        return self.groups_elsewhere is not None and group in self.groups_elsewhere()

    def desk_sockets(self) -> list[web.WebSocketResponse]:
        return list(self._desks)

    @asynccontextmanager
    async def watching(self, conversation: str) -> AsyncIterator[asyncio.Event]:
        """An event set by the conversation's next message. Enter before reading the database,
        then wait on it: no update slips by in between."""
        watch = self._watches.setdefault(conversation, _Watch())
        watch.users += 1
        try:
            yield watch.event
        finally:
            watch.users -= 1
            if watch.users == 0 and self._watches.get(conversation) is watch:
                del self._watches[conversation]

    async def to_customers(
        self,
        conversation: str,
        frame: dict[str, Any],
        skip: web.WebSocketResponse | None = None,
    ) -> None:
        await self.deliver({"to": "customers", "conversation": conversation, "frame": frame}, skip)
        if self.relay is not None:
            await self.relay({"to": "customers", "conversation": conversation, "frame": frame})

    async def to_desks(self, frame: dict[str, Any], group: str, owner: str | None = None) -> None:
        """To every agent of `group` and to the case's owner (who may be in another group)."""
        event = {"to": "desks", "group": group, "owner": owner, "frame": frame}
        await self.deliver(event)
        if self.relay is not None:
            await self.relay(event)

    async def deliver(
        self, event: dict[str, Any], skip: web.WebSocketResponse | None = None
    ) -> None:
        """To this process's own sockets and long polls; other gateways get `event` through
        `relay` (bot/gateway/bus.py) and deliver it here the same way."""
        frame = event["frame"]
        if event["to"] == "customers":
            conversation = event["conversation"]
            if frame.get("type") == "message" and (watch := self._watches.pop(conversation, None)):
                watch.event.set()
            sockets = [s for s in self._customers.get(conversation, ()) if s is not skip]
        else:
            sockets = [
                socket
                for socket, peer in self._desks.items()
                if event["group"] in peer.groups or peer.login == event["owner"]
            ]
        # All at once: one slow socket delays nobody else, and at most SEND_TIMEOUT_SECONDS.
        sent = await asyncio.gather(*(_send(socket, frame) for socket in sockets))
        for socket, delivered in zip(sockets, sent, strict=True):
            if not delivered:
                self._drop(socket)

    def _drop(self, socket: web.WebSocketResponse) -> None:
        """Forget a socket that stopped reading and close it in the background."""
        log.warning("gateway.hub.slow_socket_dropped")
        for conversation, group in list(self._customers.items()):
            if socket in group:
                self.remove_customer(conversation, socket)
        if socket in self._desks:
            self.remove_desk(socket)
        closing = asyncio.ensure_future(_close(socket))
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    async def close_all(self) -> None:
        sockets = [s for group in self._customers.values() for s in group] + list(self._desks)
        for socket in sockets:
            with contextlib.suppress(Exception):
                await socket.close(code=1001, message=b"server shutdown")


async def _send(socket: web.WebSocketResponse, frame: dict[str, Any]) -> bool:
    """False when the client stopped reading. A socket closing at this moment is not an error:
    its owner reconnects and catches up."""
    if socket.closed:
        return True
    try:
        await asyncio.wait_for(socket.send_json(frame), SEND_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        return False
    except (ConnectionError, RuntimeError):
        pass
    return True


async def _close(socket: web.WebSocketResponse) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(socket.close(code=1013, message=b"too slow"), CLOSE_TIMEOUT_SECONDS)
