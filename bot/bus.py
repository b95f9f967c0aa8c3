"""Hub events between gateway instances: one Redis pub/sub channel (ASSISTANT_HUB_REDIS_URL).

Every event a gateway's hub delivers to its own sockets is also published; every gateway delivers
the others' events to its own sockets. The database stays the truth: an event lost while Redis is
away is caught up by the clients' `after` on their next reconnect or poll, so a Redis failure is
logged and never fails a customer's or an agent's request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

from bot.hub import Hub

log = logging.getLogger("gateway")
CHANNEL = "assistant:hub"
TIMEOUT_SECONDS = 5.0
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
        self._task: asyncio.Task[None] | None = None
        self.subscribed = asyncio.Event()

    async def start(self) -> None:
        self._hub.relay = self.publish
        self._task = asyncio.create_task(self._listen())

    async def close(self) -> None:
        self._hub.relay = None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._redis.close()

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
        if message.get("type") != "message":
            return
        try:
            event = json.loads(message["data"])
        except (TypeError, ValueError):
            log.warning("gateway.bus.unreadable")
            return
        if isinstance(event, dict) and event.get("from") != self._instance:
            await self._hub.deliver(event)
