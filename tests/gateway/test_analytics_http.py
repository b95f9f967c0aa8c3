"""Desk analytics through the real gateway: turns recorded from the (stand-in) Rasa's answers,
login required, dates validated, question groups and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest

import retrieval.encoder
from tests.gateway.conftest import PASSWORD
from tests.gateway.tiny_encoder import TinyEncoder

NO_ANSWER = {"text": "Честно скажу: готового ответа нет.", "response": "utter_kb_no_answer"}
PATHS = (
    "/desk/api/analytics",
    "/desk/api/analytics/unanswered",
    "/desk/api/analytics/export.csv",
)


@pytest.fixture
def tiny_encoder(monkeypatch) -> TinyEncoder:
    """The gateway loads the real encoder on first use; here it gets the tiny one instead."""
    encoder = TinyEncoder()
    monkeypatch.setattr(retrieval.encoder, "load_encoder", lambda: encoder)
    return encoder


async def chat(client, sender: str, text: str) -> None:
    response = await client.post("/api/chat", json={"sender": sender, "message": text})
    assert response.status == 200, await response.text()


async def log_in(client) -> None:
    response = await client.post("/desk/api/login", json={"login": "maria", "password": PASSWORD})
    assert response.status == 200


async def test_analytics_needs_a_login(make_gateway):
    client = await make_gateway()
    for path in PATHS:
        response = await client.get(path)
        assert response.status == 401, path
        assert (await response.json())["error"]["code"] == "login_required"


async def test_turns_are_counted_and_unanswered_questions_grouped(
    make_gateway, fake_rasa, tiny_encoder
):
    client = await make_gateway()
    fake_rasa.intent = {"name": "payment_failed", "confidence": 0.93}
    fake_rasa.replies = [{"text": "Ответ про оплату", "response": "utter_payment_failed"}]
    await chat(client, "w-1", "не проходит оплата")
    fake_rasa.intent = {"name": "nlu_fallback", "confidence": 0.3}
    fake_rasa.replies = [NO_ANSWER]
    await chat(client, "w-1", "где купить слона? anna@example.com")
    await chat(client, "w-2", "а слона где купить")
    await log_in(client)

    summary = await (await client.get("/desk/api/analytics")).json()
    assert summary["conversations"] == 2
    assert summary["outcomes"]["unresolved"] == 2
    assert (summary["questions"]["total"], summary["questions"]["not_answered"]) == (3, 2)
    assert {i["intent"]: i["count"] for i in summary["top_intents"]} == {
        "nlu_fallback": 2,
        "payment_failed": 1,
    }

    unanswered = await (await client.get("/desk/api/analytics/unanswered")).json()
    assert unanswered["status"] == "ready" and unanswered["computed_at"]
    groups = unanswered["clusters"]
    assert [g["count"] for g in groups] == [2]
    assert "anna@example.com" not in " ".join(groups[0]["examples"])
    assert "questions:" in groups[0]["article_draft"] and "examples:" in groups[0]["examples_draft"]
    assert len(groups[0]["conversations"]) == 2
    assert not {"w-1", "w-2"} & set(groups[0]["conversations"])  # references, not ids

    export = await client.get("/desk/api/analytics/export.csv")
    assert export.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await export.text())))
    assert sorted(int(r["not_answered"]) for r in rows) == [1, 1]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?from=yesterday", "from"),
        ("?to=2026-02-30", "to"),
        ("?from=2026-11-05&to=2026-11-01", "from"),
    ],
)
async def test_bad_dates_are_a_clear_400(make_gateway, query: str, field: str):
    client = await make_gateway()
    await log_in(client)
    for path in PATHS:
        response = await client.get(path + query)
        assert response.status == 400, path
        error = (await response.json())["error"]
        assert error["code"] == "invalid_date" and error["field"] == field and error["message"]
        assert error["problem"] in ("not_a_date", "end_before_start", "too_long")


async def test_no_unanswered_questions_loads_no_encoder(make_gateway, tiny_encoder):
    client = await make_gateway()
    await log_in(client)
    response = await client.get("/desk/api/analytics/unanswered?from=2026-01-01&to=2026-01-31")
    assert (await response.json())["clusters"] == []
    assert tiny_encoder.calls == []


async def test_an_article_and_the_yes_after_it_are_counted(make_gateway, fake_rasa):
    client = await make_gateway()
    card = {"type": "article", "id": "pay-ru", "title": "Оплата", "url": "https://x/p"}
    fake_rasa.intent = {"name": "payment_failed", "confidence": 0.93}
    fake_rasa.replies = [{"custom": card}, {"text": "Помогло?", "response": "utter_kb_ask_helpful"}]
    await chat(client, "w-1", "не проходит оплата")
    fake_rasa.intent = {"name": "affirm", "confidence": 1.0}
    fake_rasa.replies = [{"text": "Рад, что помог!", "response": "utter_kb_glad_helped"}]
    await chat(client, "w-1", "Да, помогло")
    await log_in(client)
    summary = await (await client.get("/desk/api/analytics")).json()
    assert summary["articles"] == [
        {
            "article": "pay-ru",
            "title": None,
            "url": None,
            "lang": None,
            "shown": 1,
            "helpful": 1,
            "not_helpful": 0,
        }
    ]
    assert summary["questions"]["not_answered"] == 0
    assert summary["outcomes"]["resolved_confirmed"] == 1
