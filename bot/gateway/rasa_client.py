"""Talks to the Rasa server through the gateway's channel (bot/rasa_server/channel.py); every
call has a timeout."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp

WEBHOOK_PATH = "/webhooks/gateway/webhook"


class RasaUnavailableError(Exception):
    """Rasa did not answer in time or answered with an error."""


@dataclass(frozen=True)
class RasaAnswer:
    """The bot's messages (each may name its `response`) and the intent of the customer's turn."""

    replies: list[dict[str, Any]] = field(default_factory=list)
    intent: str | None = None
    confidence: float | None = None


def answer_from(body: Any) -> RasaAnswer:
    """Reads the gateway channel's answer (bot/rasa_server/channel.py)."""
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        raise RasaUnavailableError("Rasa answered without a list of messages")
    replies = [reply for reply in body["messages"] if isinstance(reply, dict)]
    intent = body.get("intent")
    if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
        return RasaAnswer(replies)
    confidence = intent.get("confidence")
    return RasaAnswer(
        replies,
        intent["name"],
        float(confidence) if isinstance(confidence, (int, float)) else None,
    )


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

    async def send(self, sender: str, message: str, metadata: dict[str, Any]) -> RasaAnswer:
        """Relay one customer message; returns the bot's messages in order and the intent."""
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not called")
        body = {"sender": sender, "message": message, "metadata": metadata}
        try:
            async with self._session.post(f"{self._base_url}{WEBHOOK_PATH}", json=body) as response:
                if response.status != 200:
                    raise RasaUnavailableError(f"Rasa answered HTTP {response.status}")
                return answer_from(await response.json())
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailableError(type(error).__name__) from error

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
