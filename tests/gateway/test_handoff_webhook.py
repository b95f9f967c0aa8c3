"""The helpdesk webhook against a real receiving server: signature, retries, giving up."""

from __future__ import annotations

import asyncio
import json

from aiohttp import web

from bot.gateway.handoff.webhook import ATTEMPTS, Webhook, signature
from tests.gateway.conftest import AUTH, case_body


async def receiver(aiohttp_server, failures: int):
    calls: list[tuple[dict[str, str], bytes]] = []

    async def hook(request: web.Request) -> web.Response:
        calls.append((dict(request.headers), await request.read()))
        return web.Response(status=500 if len(calls) <= failures else 204)

    app = web.Application()
    app.router.add_post("/hook", hook)
    server = await aiohttp_server(app)
    return str(server.make_url("/hook")), calls


async def test_signed_delivery_is_retried_until_it_succeeds(aiohttp_server):
    url, calls = await receiver(aiohttp_server, failures=2)
    webhook = Webhook(url, "s3cret", first_delay=0.01)
    await webhook.start()
    task = webhook.send("case_closed", {"id": 7, "state": "closed"})
    assert task is not None and await task is True
    await webhook.close()
    assert len(calls) == 3
    headers, body = calls[-1]
    assert json.loads(body) == {"event": "case_closed", "case": {"id": 7, "state": "closed"}}
    assert headers["X-Assistant-Signature"] == signature("s3cret", body)
    assert headers["X-Assistant-Event"] == "case_closed"


async def test_a_dead_helpdesk_is_given_up_after_the_last_attempt(aiohttp_server):
    url, calls = await receiver(aiohttp_server, failures=100)
    webhook = Webhook(url, "", first_delay=0.001)
    await webhook.start()
    task = webhook.send("case_created", {"id": 1})
    assert task is not None and await task is False
    await webhook.close()
    assert len(calls) == ATTEMPTS and "X-Assistant-Signature" not in calls[0][0]


async def test_not_configured_sends_nothing():
    webhook = Webhook("", "")
    await webhook.start()
    assert webhook.send("case_created", {}) is None
    await webhook.close()


async def test_the_gateway_posts_new_cases_with_their_summary(make_gateway, aiohttp_server):
    url, calls = await receiver(aiohttp_server, failures=0)
    client = await make_gateway(handoff_webhook_url=url, handoff_webhook_secret="s3cret")
    await client.post("/internal/handoffs", json=case_body(), headers=AUTH)
    for _ in range(100):
        if calls:
            break
        await asyncio.sleep(0.05)
    headers, body = calls[0]
    event = json.loads(body)
    assert event["event"] == "case_created" and event["case"]["ticket"] == "LM-000001"
    assert "anna@example.com" in event["case"]["summary_text"]
    assert headers["X-Assistant-Signature"] == signature("s3cret", body)


async def test_facts_added_after_filing_reach_the_helpdesk_with_the_new_summary(
    make_gateway, aiohttp_server
):
    url, calls = await receiver(aiohttp_server, failures=0)
    client = await make_gateway(handoff_webhook_url=url)
    await client.post("/internal/handoffs", json=case_body(), headers=AUTH)
    late = {"conversation": case_body()["conversation"], "customer": {"order_number": "45873921"}}
    await client.post("/internal/handoffs/customer", json=late, headers=AUTH)
    for _ in range(100):
        if len(calls) == 2:
            break
        await asyncio.sleep(0.05)
    events = {json.loads(body)["event"]: json.loads(body)["case"] for _, body in calls}
    assert events["case_facts_added"]["summary"]["customer"]["order_number"] == "45873921"
    assert "45873921" in events["case_facts_added"]["summary_text"]
