"""The whole handoff through the gateway, over the real processes: a customer asks for a person,
the bot's form collects the case, the action server files it with the gateway, an agent (desk API
and websocket) claims it and chats, the bot stays silent, the close brings the bot back with the
rating question, and the customer's rating is stored."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

import aiohttp
import requests
from sqlalchemy import create_engine, select

from bot.gateway.store.schema import ratings
from tests.e2e.test_desk_browser import LOGIN, PASSWORD, add_agent

ANSWERS = {
    "customer_name": "Анна",
    "handoff_contact": "anna.test@example.com",
    "handoff_order_number": "45873921",
    "handoff_app_version": "пропустить",
    "handoff_problem": "не приходит код подтверждения на телефон",
    "handoff_tried": "пропустить",
}


def say(stack, conversation: str, text: str, payload: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sender": conversation,
        "message": text,
        "client_id": secrets.token_hex(8),
    }
    if payload:
        body["payload"] = payload
    answer = requests.post(f"{stack.settings.gateway_url}/api/chat", json=body, timeout=90)
    answer.raise_for_status()
    return answer.json()


def requested_slot(stack, conversation: str) -> str | None:
    tracker = requests.get(
        f"{stack.settings.rasa_url}/conversations/{conversation}/tracker", timeout=30
    ).json()
    return tracker["slots"].get("requested_slot")


async def frame(socket: aiohttp.ClientWebSocketResponse, wanted: Any, timeout: float = 60) -> dict:
    """The next frame for which `wanted(frame)` holds."""

    async def read() -> dict:
        while True:
            candidate = await socket.receive_json()
            if wanted(candidate):
                return candidate

    return await asyncio.wait_for(read(), timeout)


async def scenario(stack) -> str:
    base = stack.settings.gateway_url
    conversation = "w-" + secrets.token_hex(16)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as agent, aiohttp.ClientSession() as customer:
        login = await agent.post(
            base + "/desk/api/login", json={"login": LOGIN, "password": PASSWORD}
        )
        assert login.status == 200, await login.text()
        csrf = {"X-CSRF-Token": (await login.json())["csrf"]}
        desk = await agent.ws_connect(base + "/ws/desk")
        chat = await customer.ws_connect(base + "/ws/chat")
        await chat.send_json({"type": "hello", "conversation": conversation, "after": 0})
        await frame(chat, lambda f: f["type"] == "history")

        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, say, stack, conversation, "хочу поговорить с оператором")
        for _ in range(len(ANSWERS) + 2):
            slot = await loop.run_in_executor(None, requested_slot, stack, conversation)
            if slot is None:
                break
            await loop.run_in_executor(None, say, stack, conversation, ANSWERS[slot])
        new = await frame(
            desk, lambda f: f["type"] == "case_new" and f["case"]["conversation"] == conversation
        )
        case_id = new["case"]["id"]
        assert new["case"]["state"] == "waiting" and new["case"]["customer_name"] == "Анна"
        detail = await (await agent.get(f"{base}/desk/api/cases/{case_id}")).json()
        assert "anna.test@example.com" in detail["case"]["summary_text"]
        assert "не приходит код подтверждения" in detail["case"]["summary_text"]

        claim = await agent.post(f"{base}/desk/api/cases/{case_id}/claim", headers=csrf)
        assert claim.status == 200
        await frame(chat, lambda f: f["type"] == "agent_joined")
        sent = await agent.post(
            f"{base}/desk/api/cases/{case_id}/messages",
            json={"text": "Анна, проверяю"},
            headers=csrf,
        )
        assert sent.status == 201
        heard = await frame(
            chat, lambda f: f["type"] == "message" and f["message"]["author"] == "agent"
        )
        assert heard["message"]["text"] == "Анна, проверяю"

        await chat.send_json({"type": "message", "client_id": "c-live", "text": "спасибо, жду"})
        relayed = await frame(
            desk, lambda f: f["type"] == "message" and f["message"]["author"] == "customer"
        )
        assert relayed["message"]["text"] == "спасибо, жду"
        silent = await loop.run_in_executor(None, say, stack, conversation, "вы тут?")
        assert silent["messages"] == [] and silent["mode"] == "agent", "the bot stays silent"

        closed = await agent.post(
            f"{base}/desk/api/cases/{case_id}/close",
            json={"resolution": "выслали код"},
            headers=csrf,
        )
        assert closed.status == 200
        await frame(chat, lambda f: f["type"] == "agent_left")
        question = await frame(
            chat, lambda f: f["type"] == "message" and f["message"]["author"] == "bot"
        )
        buttons = question["message"].get("buttons") or []
        assert [b["title"] for b in buttons] == ["1", "2", "3", "4", "5"], question
        thanks = await loop.run_in_executor(
            None, lambda: say(stack, conversation, "5", payload=buttons[4]["payload"])
        )
        assert thanks["messages"] and thanks["mode"] == "bot"
        await desk.close()
        await chat.close()
    return conversation


def test_handoff_through_the_gateway_end_to_end(stack):
    add_agent(stack.settings.agents_path)
    conversation = asyncio.run(scenario(stack))
    engine = create_engine(f"sqlite:///{stack.settings.data_dir / 'gateway.db'}")
    with engine.connect() as connection:
        stored = connection.execute(
            select(ratings.c.rating, ratings.c.handoff_id).where(
                ratings.c.conversation == conversation
            )
        ).all()
    assert len(stored) == 1 and stored[0].rating == 5 and stored[0].handoff_id, stored
    assert stack.all_running()
