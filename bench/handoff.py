"""Handoff speed: how fast a written-up case reaches the desk, and how fast customer and agent hear
each other once a person has the conversation.

`python -m bench.handoff [--cases 20] [--conversations 200] [--agents 10] [--rounds 5] [--json]`
starts the real stack on loopback and measures:
- case → desk: `--cases` customers, one after another, ask for a person and answer the bot's form
  through /api/chat (the widget's HTTP path); from sending the answer that completes the form to
  the case arriving on a connected desk websocket (`case_new`). Rasa, the action server writing up
  the case and the gateway's intake are all inside this time.
- live chat: `--conversations` cases filed straight through the intake (the form is what the first
  part measures) while `--agents` agents are signed in; each agent claims its share. Then, for
  `--rounds` rounds, every agent writes to each of its customers (desk HTTP → customer websocket)
  and every customer answers (customer websocket → agent's desk websocket), each at a random moment
  of the round. Reported per direction: p50/p95/p99 one-way latency, lost (not received within
  `LOSS_TIMEOUT_SECONDS`) and duplicated messages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bench.cli import command_parser, emit
from bench.metrics import percentile
from bench.stack import running_stack
from bot.common.settings import Settings
from bot.gateway.desk.passwords import hash_password
from bot.supervisor.supervisor import SupervisorError

PASSWORD = "bench-password"
GROUP = "general"
ROUND_SECONDS = 2.0
LOSS_TIMEOUT_SECONDS = 10.0
CASE_TIMEOUT_SECONDS = 60.0
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=90)
# The bot's form questions (Rasa's requested_slot) → what the simulated customer answers.
FORM_ANSWERS = {
    "customer_name": "Анна",
    "handoff_contact": "anna.bench@example.com",
    "handoff_order_number": "45873921",
    "handoff_app_version": "не знаю",
    "handoff_problem": "не приходит код подтверждения на телефон",
    "handoff_tried": "не знаю",
}


@dataclass
class Direction:
    """One direction of the live chat: when each token was sent, and every arrival."""

    sent: dict[str, float] = field(default_factory=dict)
    received: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)

    def arrive(self, token: str) -> None:
        self.received[token] += 1
        if self.received[token] == 1 and token in self.sent:
            self.latencies_ms.append((time.perf_counter() - self.sent[token]) * 1000)

    def summary(self) -> dict[str, Any]:
        return {
            "messages": len(self.sent),
            "p50_ms": round(percentile(self.latencies_ms, 0.5), 1),
            "p95_ms": round(percentile(self.latencies_ms, 0.95), 1),
            "p99_ms": round(percentile(self.latencies_ms, 0.99), 1),
            "lost": sum(1 for token in self.sent if not self.received[token]),
            "duplicated": sum(1 for count in self.received.values() if count > 1),
        }


def write_agents(path: Path, count: int) -> list[str]:
    """Agents `bench-0` … in one group; the gateway re-reads the file when it changes."""
    password_hash = hash_password(PASSWORD, iterations=10_000)
    logins = [f"bench-{n}" for n in range(count)]
    agents = [
        {"login": login, "name": f"Agent {n}", "groups": [GROUP], "password_hash": password_hash}
        for n, login in enumerate(logins)
    ]
    path.write_text(yaml.safe_dump({"agents": agents}), encoding="utf-8")
    return logins


@dataclass
class Agent:
    login: str
    session: aiohttp.ClientSession
    csrf: dict[str, str]
    desk: aiohttp.ClientWebSocketResponse


async def sign_in(base: str, login: str) -> Agent:
    session = aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=REQUEST_TIMEOUT
    )
    for _ in range(20):  # the agents file is picked up within a second or two
        async with session.post(
            base + "/desk/api/login", json={"login": login, "password": PASSWORD}
        ) as answer:
            if answer.status == 200:
                csrf = {"X-CSRF-Token": (await answer.json())["csrf"]}
                desk = await session.ws_connect(base + "/ws/desk", origin=base)
                return Agent(login, session, csrf, desk)
        await asyncio.sleep(0.5)
    await session.close()
    raise SupervisorError(f"agent {login} could not sign in to the desk")


async def next_frame(socket: aiohttp.ClientWebSocketResponse, wanted: Any) -> dict[str, Any]:
    while True:
        frame = await socket.receive_json()
        if wanted(frame):
            return frame


async def requested_slot(session: aiohttp.ClientSession, settings: Settings, sender: str) -> Any:
    url = f"{settings.rasa_url}/conversations/{sender}/tracker"
    async with session.get(url) as answer:
        return (await answer.json())["slots"].get("requested_slot")


async def say(session: aiohttp.ClientSession, base: str, sender: str, text: str) -> None:
    body = {"sender": sender, "message": text, "client_id": secrets.token_hex(8)}
    async with session.post(base + "/api/chat", json=body) as answer:
        answer.raise_for_status()
        await answer.read()


async def case_to_desk(settings: Settings, agent: Agent, cases: int) -> list[float]:
    """Milliseconds from the form's last answer to `case_new` on the desk, per case. The arrival
    is awaited from before the first message, so an early case is never missed."""
    base = settings.gateway_url
    latencies = []
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as customer:
        for _ in range(cases):
            sender = "w-" + secrets.token_hex(16)
            arrival = asyncio.ensure_future(
                next_frame(
                    agent.desk,
                    lambda f, s=sender: (
                        f.get("type") == "case_new" and f["case"]["conversation"] == s
                    ),
                )
            )
            await say(customer, base, sender, "хочу поговорить с оператором")
            sent_at = time.perf_counter()
            for _ in range(len(FORM_ANSWERS) + 2):
                slot = await requested_slot(customer, settings, sender)
                if slot is None or arrival.done():
                    break
                sent_at = time.perf_counter()
                await say(customer, base, sender, FORM_ANSWERS[slot])
            await asyncio.wait_for(arrival, CASE_TIMEOUT_SECONDS)
            latencies.append((time.perf_counter() - sent_at) * 1000)
    return latencies


async def file_case(session: aiohttp.ClientSession, settings: Settings, conversation: str) -> int:
    body = {
        "conversation": conversation,
        "reason": "requested",
        "language": "ru",
        "topic": "other",
        "customer": {"name": "Анна", "email": "anna.bench@example.com"},
        "problem": "не приходит код подтверждения",
    }
    headers = {"Authorization": f"Bearer {settings.internal_token}"}
    async with session.post(
        settings.gateway_url + "/internal/handoffs", json=body, headers=headers
    ) as answer:
        if answer.status != 201:
            raise SupervisorError(f"intake refused a case: {answer.status} {await answer.text()}")
        return int((await answer.json())["handoff_id"])


async def listen_customer(socket: aiohttp.ClientWebSocketResponse, to_customer: Direction) -> None:
    async for message in socket:
        frame = json.loads(message.data)
        if frame.get("type") == "message" and frame["message"]["author"] == "agent":
            to_customer.arrive(frame["message"]["text"])


async def listen_agent(agent: Agent, own: set[int], to_agent: Direction) -> None:
    """Only the owner's arrivals count: the others in the group see the frame too."""
    async for message in agent.desk:
        frame = json.loads(message.data)
        is_message = frame.get("type") == "message" and frame.get("case") in own
        if is_message and frame["message"]["author"] == "customer":
            to_agent.arrive(frame["message"]["text"])


async def live_chat(
    settings: Settings, agents: list[Agent], conversations: int, rounds: int
) -> dict[str, Any]:
    base = settings.gateway_url
    to_customer, to_agent = Direction(), Direction()
    rng = random.Random(0)
    # No connection cap: every open websocket holds one (aiohttp's default pool stops at 100).
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT, connector=connector) as customers:
        chats: list[tuple[str, aiohttp.ClientWebSocketResponse, Agent, int]] = []
        owned: dict[str, set[int]] = {agent.login: set() for agent in agents}
        # Desks read all the time, as a real desk does (a socket nobody reads is dropped).
        listeners = [
            asyncio.ensure_future(listen_agent(a, owned[a.login], to_agent)) for a in agents
        ]
        for number in range(conversations):
            conversation = "w-" + secrets.token_hex(16)
            socket = await customers.ws_connect(base + "/ws/chat", origin=base)
            await socket.send_json({"type": "hello", "conversation": conversation, "after": 0})
            await next_frame(socket, lambda f: f.get("type") == "history")
            case_id = await file_case(customers, settings, conversation)
            agent = agents[number % len(agents)]
            async with agent.session.post(
                f"{base}/desk/api/cases/{case_id}/claim", headers=agent.csrf
            ) as claim:
                if claim.status != 200:
                    raise SupervisorError(f"claim failed: {claim.status} {await claim.text()}")
            owned[agent.login].add(case_id)
            chats.append((conversation, socket, agent, case_id))
            listeners.append(asyncio.ensure_future(listen_customer(socket, to_customer)))

        async def agent_writes(agent: Agent, case_id: int, token: str, delay: float) -> None:
            await asyncio.sleep(delay)
            to_customer.sent[token] = time.perf_counter()
            async with agent.session.post(
                f"{base}/desk/api/cases/{case_id}/messages",
                json={"text": token, "client_id": token},
                headers=agent.csrf,
            ) as answer:
                await answer.read()

        async def customer_writes(socket: Any, token: str, delay: float) -> None:
            await asyncio.sleep(delay)
            to_agent.sent[token] = time.perf_counter()
            await socket.send_json({"type": "message", "client_id": token, "text": token})

        started = time.perf_counter()
        for round_number in range(rounds):
            sends = []
            for number, (_, socket, agent, case_id) in enumerate(chats):
                stem = f"b{round_number}-{number}"
                sends.append(
                    agent_writes(agent, case_id, stem + "-a", rng.random() * ROUND_SECONDS)
                )
                sends.append(customer_writes(socket, stem + "-c", rng.random() * ROUND_SECONDS))
            await asyncio.gather(*sends)
        await asyncio.sleep(LOSS_TIMEOUT_SECONDS)
        seconds = time.perf_counter() - started - LOSS_TIMEOUT_SECONDS
        for listener in listeners:
            listener.cancel()
        for _, socket, _, _ in chats:
            await socket.close()
    return {
        "conversations": conversations,
        "agents": len(agents),
        "seconds": round(seconds, 1),
        "agent_to_customer": to_customer.summary(),
        "customer_to_agent": to_agent.summary(),
    }


async def measure(cases: int, conversations: int, agent_count: int, rounds: int) -> dict[str, Any]:
    token = secrets.token_urlsafe(32)
    async with running_stack(internal_token=token) as settings:
        logins = write_agents(settings.agents_path, agent_count)
        agents = [await sign_in(settings.gateway_url, login) for login in logins]
        try:
            case_latencies = await case_to_desk(settings, agents[0], cases)
            chat = await live_chat(settings, agents, conversations, rounds)
        finally:
            for agent in agents:
                await agent.desk.close()
                await agent.session.close()
    return {
        "case_to_desk": {
            "cases": len(case_latencies),
            "p50_ms": round(percentile(case_latencies, 0.5), 1),
            "p95_ms": round(percentile(case_latencies, 0.95), 1),
            "max_ms": round(max(case_latencies), 1) if case_latencies else None,
        },
        "live_chat": chat,
    }


def print_table(result: dict[str, Any]) -> None:
    case = result["case_to_desk"]
    print(
        f"case → desk ({case['cases']} cases): p50 {case['p50_ms']} ms, p95 {case['p95_ms']} ms "
        f"(target p95 < 1000 ms)"
    )
    chat = result["live_chat"]
    print(f"live chat: {chat['conversations']} conversations, {chat['agents']} agents")
    print("direction             messages  p50 ms  p95 ms  p99 ms  lost  duplicated")
    for name in ("agent_to_customer", "customer_to_agent"):
        row = chat[name]
        print(
            f"{name:<21} {row['messages']:>8} {row['p50_ms']:>7} {row['p95_ms']:>7} "
            f"{row['p99_ms']:>7} {row['lost']:>5} {row['duplicated']:>11}"
        )
    print("target: p95 < 300 ms each way, none lost, none duplicated")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.handoff", __doc__)
    parser.add_argument("--cases", type=positive, default=20)
    parser.add_argument("--conversations", type=positive, default=200)
    parser.add_argument("--agents", type=positive, default=10)
    parser.add_argument("--rounds", type=positive, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        result = asyncio.run(measure(args.cases, args.conversations, args.agents, args.rounds))
    except (SupervisorError, aiohttp.ClientError, asyncio.TimeoutError) as error:
        print(f"error: {error!r}", file=sys.stderr)
        return 2
    return emit(result, args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
