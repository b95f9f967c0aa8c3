"""The unanswered-question groups are computed in the background and kept per period; a page
load never waits for the encoder; each group links to example conversations, masked."""

from __future__ import annotations

import asyncio
import threading

import pytest

import bot.gateway.analytics.state
import retrieval.encoder
from tests.gateway.test_analytics_http import NO_ANSWER, chat, log_in
from tests.gateway.tiny_encoder import TinyEncoder


class GatedEncoder(TinyEncoder):
    """Encodes only once the test opens the gate: a slow encoder the test controls."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def encode(self, texts, show_progress=False):
        assert self.gate.wait(10), "the test never opened the gate"
        return super().encode(texts, show_progress)


@pytest.fixture
def gated(monkeypatch) -> GatedEncoder:
    encoder = GatedEncoder()
    monkeypatch.setattr(retrieval.encoder, "load_encoder", lambda: encoder)
    return encoder


async def unanswered(client, query: str = "") -> dict:
    response = await client.get("/desk/api/analytics/unanswered" + query)
    assert response.status == 200, await response.text()
    return await response.json()


async def until_ready(client) -> dict:
    for _ in range(50):
        body = await unanswered(client)
        if body["status"] == "ready" and not body["updating"]:
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(body)


async def test_groups_are_computed_in_the_background_and_kept_while_recomputed(
    make_gateway, fake_rasa, gated
):
    client = await make_gateway()
    fake_rasa.intent = {"name": "nlu_fallback", "confidence": 0.3}
    fake_rasa.replies = [NO_ANSWER]
    await chat(client, "w-1", "где купить слона")
    await log_in(client)
    assert (await client.get("/desk/api/analytics")).status == 200  # starts the grouping

    first = await unanswered(client)  # the encoder is still busy: the answer does not wait
    assert first["status"] == "computing" and first["clusters"] == []
    gated.gate.set()
    ready = await until_ready(client)
    assert [g["count"] for g in ready["clusters"]] == [1] and ready["computed_at"]

    gated.gate.clear()
    await chat(client, "w-2", "а слона где купить")
    await client.get("/desk/api/analytics")  # the unanswered questions changed: regroup
    stale = await unanswered(client)
    assert stale["status"] == "ready" and stale["updating"]
    assert stale["computed_at"] == ready["computed_at"] and stale["clusters"] == ready["clusters"]
    gated.gate.set()
    fresh = await until_ready(client)
    assert [g["count"] for g in fresh["clusters"]] == [2]
    assert fresh["computed_at"] > ready["computed_at"]


async def test_an_unchanged_store_is_not_read_again(make_gateway, fake_rasa, monkeypatch):
    loads = []
    real = bot.gateway.analytics.state.load_conversations
    monkeypatch.setattr(
        bot.gateway.analytics.state,
        "load_conversations",
        lambda *args: loads.append(args) or real(*args),
    )
    client = await make_gateway()
    await chat(client, "w-1", "где мой заказ")
    await log_in(client)
    for _ in range(3):
        assert (await client.get("/desk/api/analytics")).status == 200
    assert len(loads) == 1
    await chat(client, "w-1", "а когда привезут")
    summary = await (await client.get("/desk/api/analytics")).json()
    assert len(loads) == 2 and summary["questions"]["total"] == 2


async def test_an_example_conversation_is_masked_and_hides_the_handoff_form(
    make_gateway, fake_rasa, monkeypatch
):
    monkeypatch.setattr(retrieval.encoder, "load_encoder", TinyEncoder)
    client = await make_gateway()
    fake_rasa.intent = {"name": "nlu_fallback", "confidence": 0.3}
    fake_rasa.replies = [NO_ANSWER]
    body = {
        "sender": "w-1",
        "message": "где купить слона? пишите anna@example.com",
        "metadata": {"language": "ru", "name": "Анна"},
    }
    assert (await client.post("/api/chat", json=body)).status == 200
    fake_rasa.intent = {"name": "request_human", "confidence": 0.95}
    fake_rasa.replies = [
        {"text": "Позову специалиста.", "response": "utter_request_human"},
        {"text": "Как к вам обращаться?", "response": "utter_ask_customer_name"},
    ]
    await chat(client, "w-1", "позовите человека")
    fake_rasa.intent = {"name": "nlu_fallback", "confidence": 0.3}
    fake_rasa.replies = [
        {"text": "Мария Петрова, оставьте контакт.", "response": "utter_ask_handoff_contact"}
    ]
    await chat(client, "w-1", "Мария Петрова")
    await log_in(client)
    await client.get("/desk/api/analytics")
    groups = (await until_ready(client))["clusters"]
    ref = groups[0]["conversations"][0]

    response = await client.get(f"/desk/api/analytics/unanswered?conversation={ref}")
    shown = (await response.json())["conversation"]
    texts = [m["text"] for m in shown["messages"]]
    assert shown["ref"] == ref and "w-1" not in str(shown)
    assert texts[0] == "где купить слона? пишите [email]"
    hidden = [m for m in shown["messages"] if m["hidden"]]
    assert len(hidden) == 1 and hidden[0]["author"] == "customer" and hidden[0]["text"] is None
    assert "Мария" not in str(texts) and "[name], оставьте контакт." in texts

    missing = await client.get("/desk/api/analytics/unanswered?conversation=0123456789ab")
    assert missing.status == 404
    assert (await missing.json())["error"]["code"] == "conversation_not_found"


@pytest.mark.parametrize(
    ("query", "steps", "step"),
    [
        ("?from=2025-01-01&to=2025-01-31", 31, "day"),
        ("?from=2026-11-12&to=2026-11-12", 1, "day"),
        ("?from=2016-12-01&to=2026-11-30", 120, "month"),
    ],
)
async def test_empty_one_day_and_ten_year_ranges_answer_without_error(
    make_gateway, query, steps, step
):
    client = await make_gateway()
    await log_in(client)
    summary = await (await client.get("/desk/api/analytics" + query)).json()
    assert summary["conversations"] == 0 and summary["period"]["step"] == step
    assert len(summary["trends"]) == steps
    assert (await unanswered(client, query))["clusters"] == []
    export = await client.get("/desk/api/analytics/export.csv" + query)
    assert export.status == 200 and len((await export.text()).splitlines()) == 1
