"""Hub events between gateway instances: one Redis pub/sub channel (ASSISTANT_HUB_REDIS_URL).

Every event a gateway's hub delivers to its own sockets is also published; every gateway delivers
the others' events to its own sockets. The database stays the truth: an event lost while Redis is
away is caught up by the clients' `after` on their next reconnect or poll, so a Redis failure is
logged and never fails a customer's or an agent's request.

Each gateway also announces the groups of its connected agents (at once when they change, and
every PRESENCE_SECONDS), so a case filed on any gateway waits for an agent online on another
instead of becoming a ticket; an announcement not renewed in PRESENCE_TTL_SECONDS is forgotten.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

from bot.gateway.hub import Hub

log = logging.getLogger("gateway")
CHANNEL = "assistant:hub"
TIMEOUT_SECONDS = 5.0
PRESENCE_SECONDS = 5.0
PRESENCE_TTL_SECONDS = 3 * PRESENCE_SECONDS
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)


class RedisBus:
    def __init__(self, url: str, hub: Hub) -> None:
        self._hub = hub
        self._instance = uuid.uuid4().hex
        # No read timeout: the subscription waits for messages as long as it takes; the health
        # check notices a dead connection, and every publish has its own time limit.
        self._redis = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, health_check_interval=30
        )
        self._tasks: set[asyncio.Task[None]] = set()
        self._elsewhere: dict[str, tuple[frozenset[str], float]] = {}
        self.subscribed = asyncio.Event()

    async def start(self) -> None:
        self._hub.relay = self.publish
        self._hub.desks_changed = self._presence_changed
        self._hub.groups_elsewhere = self.groups_elsewhere
        for work in (self._listen(), self._keep_announcing()):
            self._keep(asyncio.create_task(work))

    async def close(self) -> None:
        self._hub.relay = self._hub.desks_changed = self._hub.groups_elsewhere = None
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._redis.close()

    def _keep(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def groups_elsewhere(self) -> set[str]:
        """Groups with an agent connected to another gateway, as last announced."""
        now = time.monotonic()
        return {g for groups, until in self._elsewhere.values() if until > now for g in groups}

    def _presence_changed(self) -> None:
        self._keep(asyncio.create_task(self._announce()))

    async def _announce(self) -> None:
        await self.publish({"to": "presence", "groups": sorted(self._hub.groups_online())})

    async def _keep_announcing(self) -> None:
        while True:
            await self._announce()
            await asyncio.sleep(PRESENCE_SECONDS)

    async def publish(self, event: dict[str, Any]) -> None:
        body = json.dumps({"from": self._instance, **event}, ensure_ascii=False)
        try:
            await asyncio.wait_for(self._redis.publish(CHANNEL, body), TIMEOUT_SECONDS)
        except (RedisError, OSError, asyncio.TimeoutError) as error:
            log.warning("gateway.bus.publish_failed reason=%s", type(error).__name__)

    async def _listen(self) -> None:
        """Subscribes, delivers, and subscribes again after a lost connection."""
        failures = 0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    self.subscribed.set()
                    failures = 0
                    async for message in pubsub.listen():
                        await self._deliver(message)
            except (RedisError, OSError) as error:
                self.subscribed.clear()
                delay = RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)]
                failures += 1
                log.warning(
                    "gateway.bus.disconnected reason=%s retry_in_s=%.1f",
                    type(error).__name__,
                    delay,
                )
                await asyncio.sleep(delay)

    async def _deliver(self, message: dict[str, Any]) -> None:
        """Another gateway's event; anything malformed is logged and dropped, never raised."""
        if message.get("type") != "message":
            return
        try:
            event = json.loads(message["data"])
        except (TypeError, ValueError):
            event = None
        if isinstance(event, dict) and event.get("from") == self._instance:
            return
        if not isinstance(event, dict):
            log.warning("gateway.bus.unreadable")
        elif event.get("to") == "presence" and isinstance(event.get("groups"), list):
            groups = frozenset(str(g) for g in event["groups"])
            self._elsewhere[str(event["from"])] = (groups, time.monotonic() + PRESENCE_TTL_SECONDS)
        elif not isinstance(event.get("frame"), dict):
            log.warning("gateway.bus.unreadable")
        elif event.get("to") == "customers" and isinstance(event.get("conversation"), str):
            await self._hub.deliver(event)
        elif event.get("to") == "desks" and isinstance(event.get("group"), str):
            await self._hub.deliver({"owner": None, **event})
        else:
            log.warning("gateway.bus.unreadable")
