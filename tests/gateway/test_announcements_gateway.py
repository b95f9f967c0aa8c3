"""Announcements through the real gateway (stand-in Rasa): the notice comes before the bot's
answer when the customer's intent is on its topic, once per conversation; the widget's banner
endpoint lists the valid banners."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

NOTICE_RU = "Платежи картой проходят с задержкой. Повторять оплату не нужно."
NOTICE_EN = "Card payments are delayed. Please don't pay again."


def project(root: Path, valid_until: datetime, banner: bool = True) -> Path:
    (root / "announcements").mkdir(parents=True)
    (root / "intents").mkdir()
    (root / "intents" / "payment_failed.yml").write_text(
        "intent: payment_failed\ntopic: payment\n", encoding="utf-8"
    )
    (root / "intents" / "order_status.yml").write_text(
        "intent: order_status\ntopic: orders\n", encoding="utf-8"
    )
    start = valid_until - timedelta(hours=3)
    (root / "announcements" / "card-delay.yml").write_text(
        f"id: card-delay\ntopics: [payment]\nvalid_from: {start.isoformat()}\n"
        f"valid_until: {valid_until.isoformat()}\nbanner: {str(banner).lower()}\n"
        f"text:\n  ru: {NOTICE_RU}\n  en: {NOTICE_EN}\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def in_force(tmp_path) -> Path:
    return project(tmp_path / "project", datetime.now(timezone.utc) + timedelta(hours=1))


async def say(client, sender: str, text: str, language: str = "ru") -> list[dict]:
    body = {"sender": sender, "message": text, "metadata": {"language": language}}
    response = await client.post("/api/chat", json=body)
    assert response.status == 200, await response.text()
    return (await response.json())["messages"]


async def test_the_notice_comes_first_and_only_once(make_gateway, fake_rasa, in_force):
    client = await make_gateway(root=in_force)
    fake_rasa.intent = {"name": "payment_failed", "confidence": 0.95}
    first = await say(client, "w-1", "не проходит оплата")
    assert [m["text"] for m in first] == [NOTICE_RU, "Ответ бота"]
    assert first[0]["kind"] == "announcement" and first[0]["author"] == "bot"
    second = await say(client, "w-1", "оплата так и не прошла")
    assert [m["text"] for m in second] == ["Ответ бота"]
    other = await say(client, "w-2", "my card payment failed", language="en")
    assert [m["text"] for m in other] == [NOTICE_EN, "Ответ бота"]
    history = await (await client.get("/api/chat/history?conversation=w-1")).json()
    assert [m["text"] for m in history["messages"]].count(NOTICE_RU) == 1


async def test_other_topics_hear_nothing(make_gateway, fake_rasa, in_force):
    client = await make_gateway(root=in_force)
    fake_rasa.intent = {"name": "order_status", "confidence": 0.95}
    assert [m["text"] for m in await say(client, "w-1", "где заказ")] == ["Ответ бота"]
    fake_rasa.intent = None
    assert [m["text"] for m in await say(client, "w-1", "эээ")] == ["Ответ бота"]


async def test_an_expired_notice_is_not_said(make_gateway, fake_rasa, tmp_path):
    root = project(tmp_path / "project", datetime.now(timezone.utc) - timedelta(minutes=1))
    client = await make_gateway(root=root)
    fake_rasa.intent = {"name": "payment_failed", "confidence": 0.95}
    assert [m["text"] for m in await say(client, "w-1", "не проходит оплата")] == ["Ответ бота"]
    banners = await (await client.get("/api/announcements?lang=ru")).json()
    assert banners == {"announcements": []}


async def test_banners_in_the_asked_language(make_gateway, in_force):
    client = await make_gateway(root=in_force)
    response = await client.get("/api/announcements?lang=en")
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    [banner] = (await response.json())["announcements"]
    assert banner["id"] == "card-delay" and banner["text"] == NOTICE_EN
    assert banner["valid_until"].endswith("Z")
    bad = await client.get("/api/announcements?lang=de")
    assert bad.status == 400 and (await bad.json())["error"]["code"] == "invalid_language"


async def test_a_notice_without_banner_is_only_said(make_gateway, tmp_path):
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    client = await make_gateway(root=project(tmp_path / "project", later, banner=False))
    assert (await (await client.get("/api/announcements")).json())["announcements"] == []
