"""Fuzzing the gateway's inputs with hypothesis against the real app (a stand-in Rasa on
loopback): random JSON, wrong types, huge strings, broken UTF-8, random query strings and random
websocket frames. Whatever arrives, the answer is never a 5xx, the websocket never dies on the
server's side, and /health still answers afterwards.

Hypothesis runs plain functions, so the gateway and the stand-in Rasa serve from an event loop
in a thread of their own, and each example sends its requests into that loop.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import WSMsgType, web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.gateway.app import create_app
from tests.gateway.conftest import AUTH, gateway_settings

T = TypeVar("T")

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# High limits: the fuzz must reach the code behind them (the limits have their own tests).
UNLIMITED = {"rate_limit_conversation": 10**6, "rate_limit_ip": 10**6, "max_body_bytes": 8192}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
senders = st.sampled_from(["w-fuzz", "w-" + "a" * 128, "", "<script>", "w-ok"]) | st.text(
    max_size=20
)
texts = st.text(max_size=300) | st.sampled_from(["", " ", "я" * 3000, "\x00", "\ud800"[:0]])
chat_bodies = st.fixed_dictionaries(
    {"sender": senders | json_values, "message": texts | json_values},
    optional={
        "client_id": st.text(max_size=70) | json_values,
        "payload": st.sampled_from(["/affirm", "/x" * 300]) | json_values,
        "metadata": json_values,
    },
)
raw_bodies = (
    st.binary(max_size=400)  # broken UTF-8 and plain garbage
    | json_values.map(lambda v: json.dumps(v).encode())
    | chat_bodies.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    | st.just(b'{"sender": "w-big", "message": "' + b"x" * 20000 + b'"}')
)
query_values = st.text(max_size=40) | st.sampled_from(["w-fuzz", "-1", "1e999", "nan", "2" * 30])


class LiveGateway:
    """The real app and a stand-in Rasa served on loopback from a background event loop."""

    def __init__(self, data_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._runners: list[web.AppRunner] = []
        rasa_port = self.run(self._serve(fake_rasa(), 0))
        self.port = self.run(
            self._serve(create_app(gateway_settings(data_dir, rasa_port, **UNLIMITED)), 0)
        )
        self.session: aiohttp.ClientSession = self.run(self._session())
        self.base = f"http://127.0.0.1:{self.port}"

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=60)

    async def _serve(self, app: web.Application, port: int) -> int:
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        self._runners.append(runner)
        return int(runner.addresses[0][1])

    async def _session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    async def _close(self) -> None:
        await self.session.close()
        for runner in reversed(self._runners):
            await runner.cleanup()

    def close(self) -> None:
        self.run(self._close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


def fake_rasa() -> web.Application:
    """Answers like Rasa's REST channel and like the gateway's own channel."""
    reply = {"text": "Ответ бота"}

    async def rest(request: web.Request) -> web.Response:
        return web.json_response([reply])

    async def gateway(request: web.Request) -> web.Response:
        return web.json_response({"messages": [reply], "intent": {"name": "greet"}})

    async def status(request: web.Request) -> web.Response:
        return web.json_response({"model_file": "x"})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", rest)
    app.router.add_post("/webhooks/gateway/webhook", gateway)
    app.router.add_get("/status", status)
    return app


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveGateway]:
    gateway = LiveGateway(tmp_path)
    yield gateway
    gateway.close()


def assert_alive(live: LiveGateway) -> None:
    async def health() -> tuple[int, dict[str, Any]]:
        async with live.session.get(live.base + "/health") as answer:
            return answer.status, await answer.json()

    status, body = live.run(health())
    assert status == 200 and body["status"] == "ok"


def no_server_error(status: int, what: Any) -> None:
    assert status < 500, f"{status} for {what!r}"


@FUZZ
@given(
    body=raw_bodies,
    path=st.sampled_from(
        ["/api/chat", "/internal/handoffs", "/internal/ratings", "/desk/api/login"]
    ),
)
def test_posted_bodies_never_cause_a_server_error(live: LiveGateway, body: bytes, path: str):
    async def post() -> tuple[int, str]:
        headers = {**AUTH, "Content-Type": "application/json"}
        async with live.session.post(live.base + path, data=body, headers=headers) as answer:
            await answer.read()
            return answer.status, answer.content_type

    status, content_type = live.run(post())
    no_server_error(status, body[:200])
    assert content_type == "application/json" or status == 204
    assert_alive(live)


@FUZZ
@given(
    path=st.sampled_from(["/api/chat/history", "/api/chat/updates", "/api/chat"]),
    conversation=query_values,
    after=query_values,
    method=st.sampled_from(["GET", "DELETE"]),
)
def test_query_strings_never_cause_a_server_error(
    live: LiveGateway, path: str, conversation: str, after: str, method: str
):
    params = {"conversation": conversation, "after": after, "wait": "0"}

    async def ask() -> int:
        async with live.session.request(method, live.base + path, params=params) as answer:
            await answer.read()
            return answer.status

    no_server_error(live.run(ask()), (method, path, params))


frames = (
    json_values.map(json.dumps)
    | st.fixed_dictionaries(
        {"type": st.sampled_from(["hello", "message", "typing", "ping", "x"]) | json_values},
        optional={
            "conversation": senders | json_values,
            "after": json_values,
            "metadata": json_values,
            "client_id": st.text(max_size=70) | json_values,
            "text": texts | json_values,
            "payload": json_values,
            "on": json_values,
        },
    ).map(json.dumps)
    | st.text(max_size=200)
    | st.binary(max_size=200)
)

# A valid start and well-formed messages with random contents reach the deeper code.
hellos = st.builds(
    lambda after, metadata: json.dumps(
        {"type": "hello", "conversation": "w-fuzz", "after": after, "metadata": metadata}
    ),
    json_values,
    json_values,
)
messages = st.builds(
    lambda cid, text, payload: json.dumps(
        {"type": "message", "client_id": cid, "text": text, "payload": payload}
    ),
    st.from_regex(r"c-[a-z0-9]{1,8}", fullmatch=True) | json_values,
    texts | json_values,
    st.none() | st.sampled_from(["/affirm", "affirm"]) | json_values,
)


@FUZZ
@given(first=hellos | frames, rest=st.lists(messages | frames, max_size=5))
def test_websocket_frames_never_kill_the_server(
    live: LiveGateway, first: str | bytes, rest: list[str | bytes]
):
    live.run(websocket_session(live, [first, *rest]))
    assert_alive(live)


async def websocket_session(live: LiveGateway, frames: list[str | bytes]) -> None:
    """Sends the frames, then a ping: the server answers every frame with JSON and never closes
    the socket because of an error of its own."""
    socket = await live.session.ws_connect(live.base + "/ws/chat")
    for frame in frames:
        if socket.closed:
            break
        if isinstance(frame, bytes):
            await socket.send_bytes(frame)
        else:
            await socket.send_str(frame)
    if not socket.closed:
        await socket.send_json({"type": "ping"})
    while not socket.closed:
        message = await socket.receive(timeout=10)
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING):
            break
        assert message.type == WSMsgType.TEXT, message
        reply = json.loads(message.data)
        assert reply["type"] in ("history", "pong", "error", "ack", "message", "typing"), reply
        assert reply.get("code") != "internal_error", reply
        if reply["type"] == "pong":
            break
    await socket.close()
