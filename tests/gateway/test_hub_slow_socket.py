"""A client that stops reading must not hold up anyone else's messages (bench.handoff drives the
real case: 200 customer and 10 desk websockets)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.gateway import hub as hub_module
from bot.gateway.hub import DeskPeer, Hub


class Socket:
    """A websocket as the hub sees it; `stuck` never finishes a send, like a full buffer."""

    def __init__(self, stuck: bool = False) -> None:
        self.stuck = stuck
        self.closed = False
        self.frames: list[dict[str, Any]] = []

    async def send_json(self, frame: dict[str, Any]) -> None:
        if self.stuck:
            await asyncio.Event().wait()
        self.frames.append(frame)

    async def close(self, code: int, message: bytes) -> None:
        self.closed = True


async def test_a_stuck_desk_is_dropped_and_the_others_still_get_every_frame(monkeypatch):
    monkeypatch.setattr(hub_module, "SEND_TIMEOUT_SECONDS", 0.2)
    hub = Hub()
    stuck, reading = Socket(stuck=True), Socket()
    hub.add_desk(stuck, DeskPeer("slow", "Slow", ("general",)))
    hub.add_desk(reading, DeskPeer("fast", "Fast", ("general",)))
    started = asyncio.get_running_loop().time()
    await hub.to_desks({"type": "case_new", "n": 1}, "general")
    await hub.to_desks({"type": "case_new", "n": 2}, "general")
    elapsed = asyncio.get_running_loop().time() - started
    assert [f["n"] for f in reading.frames] == [1, 2]
    assert hub.desk_sockets() == [reading], "the stuck desk was dropped"
    assert elapsed < 0.6, "only the first frame waited for the stuck socket"
    await asyncio.sleep(0.05)
    assert stuck.closed


async def test_a_stuck_customer_tab_does_not_delay_the_other_tab(monkeypatch):
    monkeypatch.setattr(hub_module, "SEND_TIMEOUT_SECONDS", 0.2)
    hub = Hub()
    stuck, reading = Socket(stuck=True), Socket()
    hub.add_customer("w-1", stuck)
    hub.add_customer("w-1", reading)
    await hub.to_customers("w-1", {"type": "message", "n": 1})
    await hub.to_customers("w-1", {"type": "message", "n": 2})
    assert [f["n"] for f in reading.frames] == [1, 2]
