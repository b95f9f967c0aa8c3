"""A message published while a case is open: the customer's own sockets get it as written, the
desk gets it with payment card numbers masked (an agent never needs one)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from bot.gateway.chat_service import ChatService

CARD = "2202 2046 1234 1230"


class RecordingHub:
    def __init__(self) -> None:
        self.customers: list[dict[str, Any]] = []
        self.desks: list[dict[str, Any]] = []

    async def to_customers(self, conversation: str, frame: dict[str, Any], skip: Any = None):
        self.customers.append(frame)

    async def to_desks(self, frame: dict[str, Any], group: str, owner: str | None = None):
        self.desks.append(frame)


def service(hub: RecordingHub) -> ChatService:
    db = SimpleNamespace(engine=None)
    return ChatService(db, None, None, None, hub)  # type: ignore[arg-type]


async def test_card_numbers_are_masked_in_the_desks_live_frames_only():
    hub = RecordingHub()
    message = {"conversation": "w-1", "author": "customer", "text": f"карта {CARD}, списаний нет"}
    case = {"id": 7, "group": "billing", "agent": None}
    await service(hub).publish(message, case)
    assert hub.customers[0]["message"]["text"] == message["text"]
    shown = hub.desks[0]["message"]["text"]
    assert "1230" in shown and "2046" not in shown
    assert message["text"].endswith("списаний нет")  # the stored message is left as it was


async def test_a_message_without_text_reaches_the_desk_as_it_is():
    hub = RecordingHub()
    message = {"conversation": "w-1", "author": "bot", "text": None, "buttons": []}
    await service(hub).publish(message, {"id": 7, "group": "general", "agent": None})
    assert hub.desks[0]["message"] == message
