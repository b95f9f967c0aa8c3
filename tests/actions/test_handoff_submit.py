"""The finished case goes to the gateway's intake exactly per docs/protocol.md; the customer gets
the ticket and the expected time, or, when the gateway fails, an honest "saved" and the case is
kept for a retry."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.gateway_client import GatewayClient
from actions.handoff_submit import ActionHandoffSubmit
from tests.actions.conftest import TOKEN, FakeGateway, bot, slot, tracker, user

SLOTS = {
    "handoff_reason": "not_helpful",
    "handoff_priority": "normal",
    "handoff_topic": "payment",
    "handoff_intent": {"name": "payment_failed", "confidence": 0.93},
    "customer_name": "Анна",
    "email": "anna@example.com",
    "phone": None,
    "order_number": "45873921",
    "handoff_problem": "не проходит оплата картой",
    "handoff_tried": "другую карту",
    "kb_offered": [
        {
            "id": "payment-declined-ru",
            "title": "Оплата",
            "url": "https://h/p",
            "verdict": "not_helpful",
        }
    ],
}
EVENTS = [
    user(
        "не проходит оплата картой",
        "payment_failed",
        ts=1_790_000_000.5,
        metadata={"page": "https://shop.example/cart", "name": "Анна"},
    ),
    bot("Вот что нашёл в справке", ts=1_790_000_001.25),
    user("/deny", "deny", ts=1_790_000_010.0),
    {
        "event": "user",
        "timestamp": 1_790_000_020.0,
        "text": "EXTERNAL: x",
        "parse_data": {"intent": {"name": "x"}},
        "metadata": {"is_external": True},
    },
]


async def submit(client: GatewayClient, slots: dict[str, Any] | None = None, language="ru"):
    dispatcher = CollectingDispatcher()
    state = tracker(EVENTS, {**SLOTS, "language": language, **(slots or {})})
    events = await ActionHandoffSubmit(client).run(dispatcher, state, {})
    return dispatcher.messages, events


async def test_case_is_posted_with_the_token_and_the_ticket_is_told(gateway: FakeGateway):
    messages, events = await submit(await gateway.start())
    assert gateway.authorizations == [f"Bearer {TOKEN}"]
    case = gateway.handoffs[0]
    assert case["conversation"] == "w-0123456789abcdef0123456789abcdef"
    assert case["reason"] == "not_helpful" and case["language"] == "ru"
    assert case["topic"] == "payment"
    assert case["intent"] == {"name": "payment_failed", "confidence": 0.93}
    assert case["customer"] == {
        "name": "Анна",
        "email": "anna@example.com",
        "phone": None,
        "order_number": "45873921",
        "app_version": None,
    }
    assert case["problem"] == "не проходит оплата картой" and case["tried"] == "другую карту"
    assert case["articles"] == SLOTS["kb_offered"]
    assert case["transcript"] == [
        {
            "ts": "2026-09-21T14:13:20.500Z",
            "author": "customer",
            "text": "не проходит оплата картой",
        },
        {"ts": "2026-09-21T14:13:21.250Z", "author": "bot", "text": "Вот что нашёл в справке"},
        {"ts": "2026-09-21T14:13:30.000Z", "author": "customer", "text": "/deny"},
    ]
    assert case["channel"] == "widget" and case["page"] == "https://shop.example/cart"
    assert messages[0]["response"] == "utter_handoff_queued"
    assert messages[0]["ticket"] == "LM-000005"
    assert messages[0]["expected"] == "Ответим в течение 10 минут."
    assert slot(events, "handoff_ticket") == "LM-000005"
    assert slot(events, "handoff_problem") is None and slot(events, "handoff_pending_case") is None


async def test_the_case_passes_the_gateways_own_intake_validation(gateway: FakeGateway):
    intake = pytest.importorskip("bot.gateway.handoff.intake")
    await submit(await gateway.start())
    parsed = intake.parse_handoff(json.dumps(gateway.handoffs[0]).encode())
    assert parsed.customer["email"] == "anna@example.com"
    assert len(parsed.transcript) == 3


async def test_no_agent_online_gives_a_ticket_in_english(gateway: FakeGateway):
    gateway.state = "ticket"
    messages, _ = await submit(await gateway.start(), language="en")
    assert messages[0]["response"] == "utter_handoff_ticket"
    assert messages[0]["expected"] == "We'll answer within 10 minutes."


async def test_gateway_error_keeps_the_case_and_says_it_is_saved(gateway: FakeGateway):
    gateway.status = 500
    messages, events = await submit(await gateway.start())
    assert messages[0]["response"] == "utter_handoff_saved"
    assert messages[0]["contact"] == "anna@example.com"
    kept = slot(events, "handoff_pending_case")
    assert kept["problem"] == "не проходит оплата картой"
    assert "handoff_ticket" not in [e.get("name") for e in events]


async def test_gateway_down_is_the_same_as_an_error():
    closed = GatewayClient("http://127.0.0.1:9", TOKEN, timeout_seconds=1)
    messages, events = await submit(closed)
    assert messages[0]["response"] == "utter_handoff_saved"
    assert slot(events, "handoff_pending_case")["conversation"].startswith("w-")


async def test_a_cancelled_form_sends_nothing(gateway: FakeGateway):
    messages, events = await submit(await gateway.start(), {"handoff_cancelled": True})
    assert gateway.handoffs == []
    assert messages[0]["response"] == "utter_handoff_cancelled"
    assert slot(events, "kb_unhelpful_count") == 0.0
