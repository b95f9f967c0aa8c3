"""The gateway's own Rasa input channel: REST, plus what the NLU made of the customer's message.

Loaded by the Rasa server (credentials.yml names it), never by the gateway. The gateway needs the
intent of every customer turn (analytics, announcements by topic) and the response name of every
bot reply (was it the "no answer" reply?). The channel parses the message itself and hands the
result to Rasa in `UserMessage.parse_data`, which Rasa then uses instead of parsing again: the
NLU still runs once per message and nothing is read back from the tracker store.

`POST /webhooks/gateway/webhook` with the REST channel's body answers
`{"messages": [{"text", "buttons"?, "custom"?, "response"?}], "intent": {"name", "confidence"}}`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse


class ReplyCollector(CollectingOutputChannel):
    """Collects the bot's messages like the REST channel, each with the response it came from."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        response_name = message.get("utter_action")
        before = len(self.messages)
        await super().send_response(recipient_id, message)
        if isinstance(response_name, str):
            for sent in self.messages[before:]:
                sent["response"] = response_name


def intent_of(parse_data: dict[str, Any]) -> dict[str, Any] | None:
    intent = parse_data.get("intent") or {}
    if not intent.get("name"):
        return None
    return {"name": str(intent["name"]), "confidence": float(intent.get("confidence") or 0.0)}


class GatewayInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "gateway"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("gateway_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            agent = request.app.ctx.agent
            if agent is None or agent.processor is None:
                return response.json({"error": "no model loaded"}, status=503)
            collector = ReplyCollector()
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            message.parse_data = await agent.processor.parse_message(message)
            await on_new_message(message)
            return response.json(
                {"messages": collector.messages, "intent": intent_of(message.parse_data)}
            )

        return webhook
