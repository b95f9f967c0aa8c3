"""Issue 20's numbers: 122 scripted conversations with known outcomes (analytics_replay.yml),
replayed through the gateway's real APIs; every figure of the analytics API and every row of the
CSV export equals what the script says, exactly."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bot.common.masking import conversation_ref
from bot.common.settings import PROJECT_ROOT
from bot.gateway.analytics.names import content_names
from bot.gateway.analytics.records import load_conversations
from bot.gateway.analytics.summary import judge_all, rules_of, summarise
from bot.gateway.keys import DB
from tests.gateway.analytics_replay import (
    Clock,
    expected_figures,
    load_script,
    patch_clock,
    replay,
)
from tests.gateway.conftest import PASSWORD, TOKEN


async def replayed(make_gateway, fake_rasa, monkeypatch) -> tuple[Any, str, dict, list]:
    period, scripted = load_script()
    clock = Clock()
    patch_clock(monkeypatch, clock)
    client = await make_gateway()
    login = await client.post("/desk/api/login", json={"login": "maria", "password": PASSWORD})
    client.csrf = (await login.json())["csrf"]
    await replay(client, fake_rasa, clock, scripted, TOKEN)
    query = f"?from={period.first_day}&to={period.last_day}"
    return client, query, expected_figures(period, scripted), scripted


def test_the_script_has_every_kind_of_outcome_and_reason():
    period, scripted = load_script()
    expected = expected_figures(period, scripted)
    assert len(scripted) >= 100
    assert all(expected["outcomes"].values())
    assert all(expected["questions"]["by_reason"].values())
    assert set(expected["confirmed_by"]) == {"said_helped", "thanks", "rating"}


async def test_every_figure_equals_the_script(make_gateway, fake_rasa, monkeypatch):
    client, query, expected, _ = await replayed(make_gateway, fake_rasa, monkeypatch)
    summary = await (await client.get("/desk/api/analytics" + query)).json()
    total = expected["conversations"]
    assert summary["conversations"] == total
    assert summary["outcomes"] == expected["outcomes"]
    resolved = expected["outcomes"]["resolved_confirmed"] + expected["outcomes"]["resolved_assumed"]
    assert summary["rates"]["resolved"] == round(resolved / total, 4)
    assert summary["confirmed_by"] == expected["confirmed_by"]
    questions = summary["questions"]
    for key, value in expected["questions"].items():
        assert questions[key] == value, key
    handoffs = summary["handoffs"]
    for key, value in expected["handoffs"].items():
        assert handoffs[key] == value, key
    assert handoffs["rate"] == round(expected["handoffs"]["conversations"] / total, 4)
    assert summary["csat"]["count"] == expected["csat"]["count"]
    assert summary["csat"]["satisfied"] == expected["csat"]["satisfied"]
    trends = [{k: step[k] for k in expected["trends"][0]} for step in summary["trends"]]
    assert trends == expected["trends"]
    articles = {
        a["article"]: {k: a[k] for k in ("shown", "helpful", "not_helpful")}
        for a in summary["articles"]
    }
    assert articles == expected["articles"]
    assert all(a["title"] and a["url"].startswith("https://") for a in summary["articles"])
    top = {i["intent"]: i["count"] for i in summary["top_intents"]}
    assert top == dict(sorted(expected["intents"].items(), key=lambda i: (-i[1], i[0]))[:15])


async def test_the_csv_has_one_row_per_conversation_with_its_scripted_outcome(
    make_gateway, fake_rasa, monkeypatch
):
    client, query, _, scripted = await replayed(make_gateway, fake_rasa, monkeypatch)
    export = await client.get("/desk/api/analytics/export.csv" + query)
    rows = list(csv.DictReader(io.StringIO(await export.text())))
    by_ref = {row["conversation"]: row for row in rows}
    assert len(rows) == len(by_ref) == len(scripted)
    for item in scripted:
        row = by_ref[conversation_ref(item.conversation)]
        reasons = [r for r in row["not_answered_reasons"].split(";") if r]
        assert (row["outcome"], reasons, int(row["questions"])) == (
            item.expect["outcome"],
            item.expect["not_answered"],
            item.expect["questions"],
        ), item.template
        assert row["confirmed_by"] == (item.expect.get("confirmed_by") or ""), item.template
        assert row["rating"] == ("" if item.rating is None else str(item.rating))
        assert row["handoff_reason"] == (item.step("handoff") or "")
        if item.step("claim") is not None:
            assert float(row["first_response_seconds"]) == item.step("claim") * 60.0
        if item.step("close") is not None:
            assert float(row["resolution_seconds"]) == item.step("close") * 60.0


def fresh_summary(client, period) -> dict:
    """The period read whole, as if nothing had been kept between requests."""
    engine = client.server.app[DB].engine
    catalogue = content_names(PROJECT_ROOT).get()
    rules = rules_of(catalogue)
    judged = judge_all(load_conversations(engine, period).values(), rules)
    return json.loads(json.dumps(summarise(judged, period, catalogue, rules)))


async def test_figures_read_piece_by_piece_equal_a_whole_reading(
    make_gateway, fake_rasa, monkeypatch
):
    """The page reads again only the conversations that changed since its last load; after every
    ten conversations, a claim, a close, a rating and an erasure it equals a whole reading."""
    period, scripted = load_script()
    clock = Clock()
    patch_clock(monkeypatch, clock)
    client = await make_gateway()
    login = await client.post("/desk/api/login", json={"login": "maria", "password": PASSWORD})
    client.csrf = (await login.json())["csrf"]
    query = f"?from={period.first_day}&to={period.last_day}"
    for start in range(0, len(scripted), 10):
        await replay(client, fake_rasa, clock, scripted[start : start + 10], TOKEN)
        shown = await (await client.get("/desk/api/analytics" + query)).json()
        assert shown == fresh_summary(client, period), start
    cases = (await (await client.get("/desk/api/cases")).json())["cases"]
    waiting = next(c for c in cases if c["state"] in ("waiting", "ticket"))
    assigned = next(c for c in cases if c["state"] == "assigned")
    desk = {"X-CSRF-Token": client.csrf}
    clock.now += 3600
    claim = await client.post(f"/desk/api/cases/{waiting['id']}/claim", json={}, headers=desk)
    close = await client.post(
        f"/desk/api/cases/{assigned['id']}/close", json={"resolution": "Готово"}, headers=desk
    )
    assert claim.status == close.status == 200
    shown = await (await client.get("/desk/api/analytics" + query)).json()
    assert shown == fresh_summary(client, period)
    handed = next(item for item in scripted if item.step("handoff") and item.step("close"))
    erased = await client.delete(f"/api/chat?conversation={handed.conversation}")
    assert erased.status == 200
    shown = await (await client.get("/desk/api/analytics" + query)).json()
    assert shown == fresh_summary(client, period)
    assert shown["conversations"] == len(scripted) - 1
