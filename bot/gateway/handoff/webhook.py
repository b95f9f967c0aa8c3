"""The outgoing webhook: every case event is POSTed as JSON to a team's helpdesk.

Signed with HMAC-SHA256 over the exact body (`X-Assistant-Signature: sha256=<hex>`), so the
receiver can tell the call is ours; retried with exponential backoff in the background, so a slow
or failing helpdesk never delays an agent or a customer. Deliveries pending at shutdown are
dropped (the case itself is safe in the database).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from typing import Any

import aiohttp

log = logging.getLogger("gateway")
ATTEMPTS = 6
TIMEOUT_SECONDS = 10.0


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Webhook:
    def __init__(self, url: str, secret: str, first_delay: float = 1.0) -> None:
        self._url = url
        self._secret = secret
        self._first_delay = first_delay
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[bool]] = set()

    @property
    def enabled(self) -> bool:
        return bool(self._url)

    async def start(self) -> None:
        if self.enabled:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
            )

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def send(self, event: str, case: dict[str, Any]) -> asyncio.Task[bool] | None:
        """Queue one delivery; returns its task (tests wait on it), None when not configured."""
        if self._session is None:
            return None
        body = json.dumps({"event": event, "case": case}, ensure_ascii=False).encode()
        task = asyncio.create_task(self._deliver(event, body))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _deliver(self, event: str, body: bytes) -> bool:
        assert self._session is not None
        headers = {
            "Content-Type": "application/json",
            "X-Assistant-Event": event,
            "X-Assistant-Delivery": uuid.uuid4().hex,
        }
        if self._secret:
            headers["X-Assistant-Signature"] = signature(self._secret, body)
        delay = self._first_delay
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self._session.post(self._url, data=body, headers=headers) as answer:
                    if 200 <= answer.status < 300:
                        return True
                    reason = f"HTTP {answer.status}"
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                reason = type(error).__name__
            log.warning(
                "gateway.webhook.failed event=%s attempt=%d reason=%s", event, attempt, reason
            )
            if attempt < ATTEMPTS:
                await asyncio.sleep(delay)
                delay *= 2
        log.error("gateway.webhook.gave_up event=%s attempts=%d", event, ATTEMPTS)
        return False
