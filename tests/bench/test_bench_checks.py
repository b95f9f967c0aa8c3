"""Turn checks against hand-made gateway replies and Rasa trackers."""

from __future__ import annotations

from bench.checks import TurnResult, failures_of
from bench.script import Expectation, Turn

REPLY = {
    "messages": [
        {"text": "Статус заказа виден в «Мои заказы».", "article": {"id": "order-status-ru"}},
        {"text": "Это помогло?", "buttons": [{"title": "Да", "payload": "/affirm"}]},
    ],
    "mode": "bot",
}
TRACKER = {
    "latest_message": {"intent": {"name": "order_status"}},
    "slots": {"order_number": "45873921", "handoff_reason": None},
    "active_loop": {},
    "events": [{"event": "action", "name": "action_answer_from_knowledge"}],
}


def turn(**expect: object) -> Turn:
    return Turn(say="где заказ", line=3, expect=Expectation(**expect))  # type: ignore[arg-type]


def test_a_matching_turn_has_no_failures() -> None:
    result = TurnResult.of(200, REPLY, TRACKER)
    expected = turn(
        intents=("order_status",),
        slots={"order_number": "45873921"},
        articles=("order-status-ru", "order-status-en"),
        reply_contains=("мои заказы",),
        language="ru",
        handoff=False,
    )
    assert failures_of(expected, result) == []
    assert result.shown()["bot"][1] == "Это помогло? [buttons: Да]"


def test_each_mismatch_is_named() -> None:
    result = TurnResult.of(200, REPLY, TRACKER)
    expected = turn(
        intents=("greet",),
        slots={"order_number": None},
        articles=("refund-times-ru",),
        reply_contains=("Анна",),
        language="en",
        handoff=True,
    )
    assert failures_of(expected, result) == [
        "intent: expected greet, got order_status",
        "slot order_number: expected None, got '45873921'",
        "article: expected refund-times-ru, got ['order-status-ru']",
        "reply contains none of ['Анна']",
        "reply language: expected en, got ru",
        "handoff: expected started, not started",
    ]


def test_any_sign_of_a_handoff_counts() -> None:
    with_form = {**TRACKER, "active_loop": {"name": "handoff_form"}}
    assert TurnResult.of(200, REPLY, with_form).handoff
    assert TurnResult.of(200, {**REPLY, "mode": "agent"}, TRACKER).handoff
    with_slot = {**TRACKER, "slots": {"handoff_reason": "requested"}}
    assert TurnResult.of(200, REPLY, with_slot).handoff


def test_an_http_error_is_the_only_failure_reported() -> None:
    result = TurnResult.of(503, {"messages": [{"text": "Sorry"}]}, {})
    assert failures_of(turn(intents=("greet",)), result) == ["the gateway answered HTTP 503"]
