"""The case as the gateway keeps it and serves it to the desk: the problem, the facts as fields,
topic, intent and the group the topic routes to, the articles with the customer's verdicts, the
transcript once; card numbers masked in the stored record, the desk's view and the text summary,
also for a case stored before the intake masked them. Old bodies are still accepted."""

from __future__ import annotations

import json

import pytest

from bot.gateway.handoff.intake import IntakeError, parse_handoff
from bot.gateway.handoff.summary import summary_text
from bot.gateway.keys import DB, HANDOFFS
from bot.gateway.store.handoffs import NewHandoff
from tests.gateway.conftest import AUTH, case_body, signed_in_agent

CARD = "4111 1111 1111 1111"
MASKED = "**** **** **** 1111"
KETTLE = "мне привезли чайник не того цвета, заказывала белый"


def kettle_case(**overrides):
    body = dict(
        topic="returns",
        intent={"name": "return_item", "confidence": 0.71},
        customer={
            "name": "Вера",
            "email": "vera@example.com",
            "phone": "+79251112233",
            "order_number": "39182746",
            "app_version": None,
        },
        problem=KETTLE,
        tried=f"вернуть деньги на карту {CARD}",
        articles=[
            {"id": "login", "title": "Вход", "url": "https://h/login", "verdict": "helpful"},
            {"id": "ret", "title": "Возврат", "url": "https://h/ret", "verdict": "not_helpful"},
            {"id": "color", "title": "Цвет", "url": None, "verdict": None},
        ],
        transcript=[
            {"ts": "2026-11-22T10:00:00Z", "author": "customer", "text": "не могу войти"},
            {"ts": "2026-11-22T10:00:01Z", "author": "bot", "text": "Вот статья про вход"},
            {"ts": "2026-11-22T10:01:00Z", "author": "customer", "text": KETTLE},
            {"ts": "2026-11-22T10:02:00Z", "author": "customer", "text": f"карта {CARD}"},
        ],
    )
    return case_body("w-kettle", **{**body, **overrides})


async def test_the_desk_gets_the_case_as_fields_with_cards_masked(make_server, aiohttp_client):
    server = await make_server()
    maria = await signed_in_agent(aiohttp_client, server, "maria")
    intake = await maria.post("/internal/handoffs", json=kettle_case(), headers=AUTH)
    assert intake.status == 201, await intake.text()
    case_id = (await intake.json())["handoff_id"]

    detail = (await (await maria.get(f"/desk/api/cases/{case_id}")).json())["case"]
    record = detail["summary"]
    assert record["problem"] == KETTLE
    assert record["customer"]["order_number"] == "39182746"
    assert record["customer"]["phone"] == "+79251112233"
    assert (record["topic"], record["intent"]["name"]) == ("returns", "return_item")
    assert detail["group"] == "general", "returns has no routing of its own"
    assert [a["verdict"] for a in record["articles"]] == ["helpful", "not_helpful", None]
    assert record["tried"] == f"вернуть деньги на карту {MASKED}"
    assert record["transcript"][-1]["text"] == f"карта {MASKED}"
    assert CARD not in json.dumps(detail, ensure_ascii=False)

    app = server.app
    stored = await app[DB].run(app[HANDOFFS].detail, case_id)
    assert CARD not in json.dumps(stored, ensure_ascii=False), "masked before it is kept"


async def test_a_case_stored_before_masking_is_shown_masked(make_server, aiohttp_client):
    server = await make_server()
    app = server.app
    record = {
        "topic": "payment",
        "customer": {"name": f"Анна {CARD}"},
        "problem": f"списали с карты {CARD}",
        "tried": CARD,
        "transcript": [{"ts": None, "author": "customer", "text": f"карта {CARD}"}],
    }
    old = NewHandoff("w-old", "waiting", "billing", "normal", "requested", "ru", record, "")
    stored, _ = await app[DB].run(app[HANDOFFS].create, old)
    maria = await signed_in_agent(aiohttp_client, server, "maria")
    detail = (await (await maria.get(f"/desk/api/cases/{stored['id']}")).json())["case"]
    assert CARD not in json.dumps(detail, ensure_ascii=False)
    assert detail["summary"]["problem"] == f"списали с карты {MASKED}"
    assert detail["summary"]["customer"]["name"] == f"Анна {MASKED}"
    queue = await (await maria.get("/desk/api/cases")).json()
    assert [case["customer_name"] for case in queue["cases"]] == [f"Анна {MASKED}"]


def test_the_text_summary_puts_the_problem_first_and_the_transcript_once():
    text = summary_text(parse_handoff(json.dumps(kettle_case()).encode()), "general")
    lines = text.splitlines()
    assert lines[2] == f"Проблема (словами клиента): {KETTLE}"
    assert text.count(KETTLE) == 2, "once as the problem, once in the transcript"
    assert text.count("не могу войти") == 1
    assert text.index("Номер заказа: 39182746") < text.index("Переписка:")
    assert "Намерение: return_item (0.71)" in text and "Группа: general" in text
    assert "Вход (помогла)" in text and "Возврат (не помогла)" in text
    assert "Цвет (без ответа)" in text
    assert CARD not in text and MASKED in text
    english = summary_text(parse_handoff(json.dumps(kettle_case(language="en")).encode()), "x")
    assert english.splitlines()[2] == f"Problem (customer's words): {KETTLE}"
    assert "Return (did not help)".lower() not in english  # titles are the articles' own
    assert "Возврат (did not help)" in english and "Group: x" in english


def test_an_old_minimal_body_is_still_accepted():
    case = parse_handoff(b'{"conversation": "w-1", "reason": "requested", "language": "ru"}')
    assert case.problem is None and case.articles == [] and case.transcript == []
    assert case.customer == dict.fromkeys(("name", "email", "phone", "order_number", "app_version"))
    assert "Проблема (словами клиента): —" in summary_text(case, "general")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"problem": 5}, "problem"),
        ({"tried": ["x"]}, "tried"),
        ({"customer": {"name": "x" * 201}}, "customer.name"),
        ({"transcript": [{"author": "customer", "text": 1}]}, "transcript[0].text"),
        ({"intent": {"name": "x", "confidence": True}}, "intent.confidence"),
    ],
)
def test_bad_fields_are_still_refused_by_name(overrides: dict, field: str):
    with pytest.raises(IntakeError) as caught:
        parse_handoff(json.dumps(kettle_case(**overrides)).encode())
    assert caught.value.field == field
