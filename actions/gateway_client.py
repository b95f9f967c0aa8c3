"""Calls to the gateway's internal endpoints (docs/protocol.md): the handoff intake, facts added
to a filed case, and ratings.

Every call has a timeout and every failure, whatever its cause, becomes one `GatewayError`, so an
action can tell the customer something true ("saved, a person will write") instead of crashing
the turn.
"""

from __future__ import annotations

import asyncio
import functools
import os
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.common.settings import Settings

DEFAULT_TIMEOUT_SECONDS = 5.0


class GatewayError(Exception):
    """The gateway could not be reached or refused the call; the message has no personal data."""


@dataclass(frozen=True)
class HandoffReceipt:
    ticket: str
    state: str
    expected: dict[str, str] = field(default_factory=dict)


class GatewayClient:
    def __init__(
        self, base_url: str, token: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def submit_handoff(self, case: dict[str, Any]) -> HandoffReceipt:
        answer = await self._post("/internal/handoffs", case)
        ticket = answer.get("ticket")
        if not isinstance(ticket, str) or not ticket:
            raise GatewayError("the intake answered without a ticket")
        expected = answer.get("expected")
        return HandoffReceipt(
            ticket=ticket,
            state=str(answer.get("state") or "waiting"),
            expected={k: v for k, v in (expected or {}).items() if isinstance(v, str)},
        )

    async def add_customer_facts(
        self, conversation: str, customer: dict[str, str]
    ) -> tuple[str, list[str]]:
        """Facts given after filing, into the conversation's open case: (its ticket, the facts
        that changed it). No open case is a GatewayError like any refusal."""
        body = {"conversation": conversation, "customer": customer}
        answer = await self._post("/internal/handoffs/customer", body)
        ticket, added = answer.get("ticket"), answer.get("added")
        if not isinstance(ticket, str) or not isinstance(added, list):
            raise GatewayError("the intake answered without a ticket")
        return ticket, [str(fact) for fact in added]

    async def submit_rating(self, conversation: str, rating: int) -> None:
        await self._post("/internal/ratings", {"conversation": conversation, "rating": rating})

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.post(self.base_url + path, json=body, headers=headers) as answer,
            ):
                if answer.status >= 300:
                    details = await _field(answer)
                    raise GatewayError(f"{path} answered {answer.status}: {details}")
                if answer.status == 204 or answer.content_length == 0:
                    return {}
                data = await answer.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise GatewayError(f"{path} failed: {type(error).__name__}") from None
        if not isinstance(data, dict):
            raise GatewayError(f"{path} answered with something other than a JSON object")
        return data


async def _field(answer: aiohttp.ClientResponse) -> str:
    """The field an error names (the intake names fields, never their values)."""
    try:
        data = await answer.json(content_type=None)
    except (aiohttp.ClientError, ValueError):
        return "no details"
    if isinstance(data, dict):
        return str(data.get("field") or data.get("code") or "no details")[:100]
    return "no details"


@functools.cache
def gateway() -> GatewayClient:
    """One client per action-server process, configured like every other process."""
    settings = Settings.from_mapping(os.environ)
    return GatewayClient(settings.gateway_url, settings.internal_token)
