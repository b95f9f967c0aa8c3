"""Rasa's calls to an endpoint (the action server) reuse one kept-alive connection and behave as
Rasa's own: same headers, same answers, same errors."""

from __future__ import annotations

import json
import math
import warnings

import pytest
from aiohttp import web

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from rasa.utils.endpoints import ClientResponseError, EndpointConfig


from bot.rasa_server.patches import endpoint_sessions


async def start_action_server(aiohttp_server) -> tuple[object, dict]:
    """A stand-in action server that notes each call's connection and token."""
    seen: dict = {"peers": set(), "tokens": [], "bodies": []}

    async def webhook(request: web.Request) -> web.Response:
        seen["peers"].add(request.transport.get_extra_info("peername"))
        seen["tokens"].append(request.headers.get("X-Token"))
        body = await request.json()
        seen["bodies"].append(body)
        if body.get("fail"):
            return web.json_response({"error": "no"}, status=400)
        return web.json_response({"events": [], "echo": body["n"]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    return await aiohttp_server(app), seen


async def test_calls_share_one_connection_and_keep_rasas_headers_and_errors(
    aiohttp_server, monkeypatch: pytest.MonkeyPatch
):
    server, seen = await start_action_server(aiohttp_server)
    monkeypatch.setattr(EndpointConfig, "session", endpoint_sessions.session_for)
    endpoint = EndpointConfig(str(server.make_url("/webhook")), headers={"X-Token": "t"})
    answers = [await endpoint.request(json={"n": n}) for n in range(5)]
    assert [a["echo"] for a in answers] == list(range(5))
    assert seen["tokens"] == ["t"] * 5
    assert len(seen["peers"]) == 1  # one kept-alive connection for all five calls
    with pytest.raises(ClientResponseError):
        await endpoint.request(json={"fail": True})
    assert (await endpoint.request(json={"n": 7}))["echo"] == 7
    await endpoint_sessions.kept_session(endpoint).close()


async def test_without_the_change_rasa_opens_a_connection_per_call(aiohttp_server):
    server, seen = await start_action_server(aiohttp_server)
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    for n in range(3):
        await endpoint.request(json={"n": n})
    assert len(seen["peers"]) == 3


async def test_a_closed_session_is_replaced(aiohttp_server, monkeypatch: pytest.MonkeyPatch):
    server, _ = await start_action_server(aiohttp_server)
    monkeypatch.setattr(EndpointConfig, "session", endpoint_sessions.session_for)
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    await endpoint.request(json={"n": 1})
    first = endpoint_sessions.kept_session(endpoint)
    await first.close()
    assert (await endpoint.request(json={"n": 2}))["echo"] == 2
    second = endpoint_sessions.kept_session(endpoint)
    assert second is not first
    await second.close()


TRACKER_LIKE = {
    "n": 1,
    "tracker": {
        "sender_id": "a/b",
        "events": [
            {"event": "user", "text": 'Где мой заказ №123? "срочно"\n', "timestamp": 1.7e9},
            {"event": "slot", "name": "x", "value": [0.1, 1e-07, -2.5e16, 3, None, True]},
        ],
        "latest_message": {"intent": {"name": "order_status", "confidence": 0.9731}},
    },
}


async def test_bodies_arrive_as_the_standard_json_would_send_them(
    aiohttp_server, monkeypatch: pytest.MonkeyPatch
):
    server, seen = await start_action_server(aiohttp_server)
    monkeypatch.setattr(EndpointConfig, "session", endpoint_sessions.session_for)
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    await endpoint.request(json=TRACKER_LIKE)
    assert seen["bodies"] == [json.loads(json.dumps(TRACKER_LIKE))]
    assert endpoint_sessions.kept_session(endpoint).json_serialize is endpoint_sessions.dumps
    await endpoint_sessions.kept_session(endpoint).close()


def test_what_json_cannot_write_fails_as_in_json():
    assert math.isnan(json.loads(endpoint_sessions.dumps({"x": float("nan")}))["x"])  # as json
    with pytest.raises(TypeError, match="not JSON serializable"):
        endpoint_sessions.dumps({"x": object()})


async def test_the_servers_shutdown_closes_the_kept_sessions(
    aiohttp_server, monkeypatch: pytest.MonkeyPatch
):
    server, _ = await start_action_server(aiohttp_server)
    monkeypatch.setattr(EndpointConfig, "session", endpoint_sessions.session_for)
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    assert (await endpoint.request(json={"n": 1}))["echo"] == 1
    kept = endpoint_sessions.kept_session(endpoint)
    monkeypatch.setattr(endpoint_sessions, "rasa_close_resources", lambda: noop_close)
    await endpoint_sessions.close_resources(object(), None)
    assert kept.closed
    assert (await endpoint.request(json={"n": 2}))["echo"] == 2  # a new session after that
    assert endpoint_sessions.kept_session(endpoint) is not kept
    await endpoint_sessions.close_kept_sessions()


async def noop_close(app: object, loop: object) -> None:
    """Stands in for Rasa's own shutdown, which needs a running server's app."""
