"""The base of the actions that talk to something outside the turn through a client: the gateway
(cases, ratings) or the help-article search.

Tests hand the action their own client; the running server constructs actions with none, and the
process's shared client is made on first use, never when rasa-sdk registers the action (the
knowledge base loads an encoder, the gateway client reads the settings).
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Generic, TypeVar

from actions.gateway_client import GatewayClient, gateway
from actions.safe import SafeAction

Client = TypeVar("Client")


class ClientAction(SafeAction, Generic[Client]):
    def __init__(self, client: Client | None = None) -> None:
        self._client = client

    @property
    def client(self) -> Client:
        return self._client if self._client is not None else self.shared_client()

    @abstractmethod
    def shared_client(self) -> Client:
        """The process's own client, for an action constructed without one."""


class GatewayAction(ClientAction[GatewayClient]):
    """An action that calls the gateway's internal endpoints (docs/protocol.md)."""

    def shared_client(self) -> GatewayClient:
        return gateway()
