"""The case the action server files: the problem from the right message, the topic and intent of
that message (so the gateway routes it to the group of the problem), the facts as fields, the
articles with the customer's verdicts, the transcript, card numbers masked everywhere."""

from __future__ import annotations

import json

from actions.handoff_case import build_case
from bot.gateway.handoff.intake import parse_handoff
from tests.actions.conftest import bot, tracker, user
from tests.actions.test_handoff_problem import TOPICS, action, request_then_form

CARD = "4111 1111 1111 1111"
KETTLE = "мне привезли чайник не того цвета, заказывала белый"
EVENTS = [
    user("не могу войти в личный кабинет", "account_login", 0.95, ts=1_790_000_000.0),
    bot("Вот статья про вход", ts=1_790_000_001.0),
    user(KETTLE, "return_item", 0.71, ts=1_790_000_010.0),
    bot("Вот как оформить возврат", ts=1_790_000_011.0),
    user("позовите оператора", "request_human", 0.99, ts=1_790_000_020.0),
    *request_then_form(
        ("customer_name", "Вера", "greet", "Вера"),
        ("handoff_tried", f"вернуть деньги на карту {CARD}", "nlu_fallback", "x"),
    )[:-1],
]
# What the handoff's start recorded from the first message, as it did before this change.
SLOTS = {
    "handoff_reason": "requested",
    "handoff_topic": "account",
    "handoff_intent": {"name": "account_login", "confidence": 0.95},
    "handoff_problem": "не могу войти в личный кабинет",
    "handoff_tried": f"вернуть деньги на карту {CARD}",
    "customer_name": "Вера",
    "email": "Vera.K@Mail.ru",
    "phone": "+79251112233",
    "order_number": "39182746",
    "app_version": None,
    "kb_offered": [
        {"id": "login-ru", "title": "Вход", "url": "https://h/login", "verdict": "helpful"},
        {"id": "return-ru", "title": "Возврат", "url": "https://h/ret", "verdict": "not_helpful"},
        {"id": "color-ru", "title": "Цвет", "url": "https://h/c", "verdict": None},
    ],
}


def test_problem_topic_and_intent_come_from_the_message_the_handoff_is_about():
    case = build_case(tracker(EVENTS, SLOTS), TOPICS)
    assert case["problem"] == KETTLE
    assert case["topic"] == "returns"
    assert case["intent"] == {"name": "return_item", "confidence": 0.71}


def test_facts_are_fields_and_cards_are_masked_everywhere():
    case = build_case(tracker(EVENTS, SLOTS), TOPICS)
    assert case["customer"] == {
        "name": "Вера",
        "email": "vera.k@mail.ru",
        "phone": "+79251112233",
        "order_number": "39182746",
        "app_version": None,
    }
    assert case["tried"] == "вернуть деньги на карту **** **** **** 1111"
    assert [a["verdict"] for a in case["articles"]] == ["helpful", "not_helpful", None]
    said = [line["text"] for line in case["transcript"] if line["author"] == "customer"]
    assert said[:3] == ["не могу войти в личный кабинет", KETTLE, "позовите оператора"]
    assert "вернуть деньги на карту **** **** **** 1111" in said
    assert CARD not in json.dumps(case, ensure_ascii=False)


def test_a_card_in_the_problem_message_is_masked_too():
    events = [user(f"списали дважды с карты {CARD}", "payment_double_charge", 0.9)]
    case = build_case(tracker(events, {"handoff_reason": "requested"}), TOPICS)
    assert case["problem"] == "списали дважды с карты **** **** **** 1111"
    assert case["topic"] == "payment"


def test_the_forms_answer_is_the_problem_when_the_form_asked():
    events = [
        user("привет", "greet"),
        user("оператор", "request_human", 0.97),
        *request_then_form(
            ("handoff_problem", "не приходит код из смс", "account_code_not_received", "x")
        )[:-1],
    ]
    slots = {"handoff_problem": "не приходит код из смс", "handoff_topic": "process"}
    case = build_case(tracker(events, slots), TOPICS)
    assert case["problem"] == "не приходит код из смс"
    assert case["topic"] == "account"
    assert case["intent"] == {"name": "account_code_not_received", "confidence": 0.9}


def test_without_a_problem_message_the_starts_record_is_used():
    events = [user("оператор", "request_human", 0.97), action("action_handoff_start")]
    slots = {
        "handoff_topic": "process",
        "handoff_intent": {"name": "request_human", "confidence": 0.97},
        "handoff_problem": None,
    }
    case = build_case(tracker(events, slots), TOPICS)
    assert case["problem"] is None and case["topic"] == "process"
    assert case["intent"] == {"name": "request_human", "confidence": 0.97}


def test_the_case_passes_the_gateways_intake():
    case = build_case(tracker(EVENTS, SLOTS), TOPICS)
    parsed = parse_handoff(json.dumps(case).encode())
    assert parsed.problem == KETTLE and parsed.topic == "returns"
    assert parsed.customer["order_number"] == "39182746"
