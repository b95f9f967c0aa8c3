"""Talks to the Rasa server's REST channel; every call has a timeout."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

import aiohttp


class RasaUnavailableError(Exception):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    def __init__(self, base_url: str, timeout_seconds: float) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Relay one customer message; returns the bot's messages in order."""
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not called")
        body = {"sender": sender, "message": message, "metadata": metadata}
        try:
            async with self._session.post(
                f"{self._base_url}/webhooks/rest/webhook", json=body
            ) as response:
                if response.status != 200:
                    raise RasaUnavailableError(f"Rasa answered HTTP {response.status}")
                replies = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailableError(type(error).__name__) from error
        if not isinstance(replies, list):
            raise RasaUnavailableError("Rasa answered with something other than a list")
        return [reply for reply in replies if isinstance(reply, dict)]

    async def trigger_intent(self, sender: str, intent: str) -> list[dict[str, Any]]:
        """Make the bot act as if the customer said `intent`; returns the bot's messages.

        Without `output_channel` Rasa collects the replies and returns them in the answer.
        """
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not called")
        url = f"{self._base_url}/conversations/{quote(sender, safe='')}/trigger_intent"
        try:
            async with self._session.post(url, json={"name": intent}) as response:
                if response.status != 200:
                    raise RasaUnavailableError(f"Rasa answered HTTP {response.status}")
                body = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailableError(type(error).__name__) from error
        messages = body.get("messages") if isinstance(body, dict) else None
        return [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []

    async def healthy(self) -> bool:
        if self._session is None:
            return False
        try:
            async with self._session.get(f"{self._base_url}/status") as response:
                return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False
