"""Analytics over the real processes: the gateway's own Rasa channel reports each customer
message's intent and each reply's response name, the gateway stores them per turn (with the
reply names analytics judges by), and the desk's analytics API counts intents and groups the
unanswered questions in the background (with the real encoder)."""

from __future__ import annotations

import secrets
import time

import requests
from sqlalchemy import create_engine, select

from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT
from bot.gateway.store.schema import messages, turns
from tests.e2e.test_desk_browser import LOGIN, PASSWORD, add_agent
from tests.e2e.test_handoff_gateway import say

HONEST = {
    v.text
    for per in load_content(PROJECT_ROOT / "intents").responses["utter_kb_no_answer"].values()
    for v in per
}
QUESTIONS = ["не проходит оплата картой", "фываолдж ячсмить йцукен", "qwpoeiru zmxncb alskdj"]


def test_turns_are_stored_and_counted(stack):
    conversation = "w-" + secrets.token_hex(16)
    answers = {q: say(stack, conversation, q)["messages"] for q in QUESTIONS}

    engine = create_engine(f"sqlite:///{stack.settings.data_dir / 'gateway.db'}")
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                messages.c.text,
                turns.c.intent,
                turns.c.confidence,
                turns.c.fallback,
                turns.c.replies,
            )
            .join(turns, turns.c.message_id == messages.c.id)
            .where(turns.c.conversation == conversation)
        ).all()
    engine.dispose()
    by_text = {row.text: row for row in rows}
    assert set(by_text) == set(QUESTIONS)
    assert by_text[QUESTIONS[0]].intent == "payment_failed"
    assert 0 < by_text[QUESTIONS[0]].confidence <= 1
    for question, replies in answers.items():
        said_no_answer = any(r["text"] in HONEST for r in replies)
        assert bool(by_text[question].fallback) == said_no_answer, (question, replies)
        assert ("utter_kb_no_answer" in by_text[question].replies.split()) == said_no_answer
    unanswered = [q for q in QUESTIONS if by_text[q].fallback]
    assert unanswered, "the nonsense questions should get the honest no-answer reply"

    add_agent(stack.settings.agents_path)
    desk = requests.Session()
    base = stack.settings.gateway_url
    login = desk.post(f"{base}/desk/api/login", json={"login": LOGIN, "password": PASSWORD})
    assert login.status_code == 200, login.text
    summary = desk.get(f"{base}/desk/api/analytics", timeout=30).json()
    assert "payment_failed" in {i["intent"] for i in summary["top_intents"]}
    assert summary["questions"]["by_reason"]["no_answer"] >= len(unanswered)
    deadline = time.monotonic() + 180  # the first grouping loads the encoder in the background
    while True:
        groups = desk.get(f"{base}/desk/api/analytics/unanswered", timeout=30).json()
        if (groups["status"] == "ready" and not groups["updating"]) or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert groups["status"] == "ready", groups
    examples = {e for c in groups["clusters"] for e in c["examples"]}
    assert set(unanswered) <= examples
