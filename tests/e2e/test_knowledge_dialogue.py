"""The knowledge base through the real processes: an article answer with its source and helpful
buttons, the verdict stored in the conversation, and an honest answer when nothing fits."""

from __future__ import annotations

import requests

from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT

CONTENT = load_content(PROJECT_ROOT / "intents")


def texts_of(name: str) -> set[str]:
    return {v.text for per in CONTENT.responses[name].values() for v in per}


def say(stack, sender: str, message: str) -> list[dict]:
    response = requests.post(
        f"{stack.settings.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=60,
    )
    response.raise_for_status()
    return response.json()


def slots(stack, sender: str) -> dict:
    response = requests.get(f"{stack.settings.rasa_url}/conversations/{sender}/tracker", timeout=30)
    return response.json()["slots"]


def test_question_gets_article_with_link_and_verdict_is_stored(stack):
    replies = say(stack, "kb-1", "с меня дважды списали деньги за заказ")
    cards = [r["custom"] for r in replies if r.get("custom")]
    assert cards and cards[0]["type"] == "article", replies
    card = cards[0]
    assert card["url"].startswith("https://help.lightmarket.example/ru/")
    assert card["title"] and card["excerpt"]
    text = next(r["text"] for r in replies if r.get("text"))
    assert card["title"] in text and card["url"] in text
    buttons = next(r["buttons"] for r in replies if r.get("buttons"))
    payloads = [b["payload"] for b in buttons]
    assert payloads[:2] == ["/affirm", "/deny"] and payloads[2:] in ([], ["/kb_other_articles"])

    verdict = say(stack, "kb-1", "/affirm")
    assert verdict[0]["text"] in texts_of("utter_kb_glad_helped")
    offered = slots(stack, "kb-1")["kb_offered"]
    assert offered == [
        {"id": card["id"], "title": card["title"], "url": card["url"], "verdict": "helpful"}
    ]


def test_english_question_gets_an_english_article(stack):
    replies = say(stack, "kb-2", "money was taken twice from my card for one order")
    cards = [r["custom"] for r in replies if r.get("custom")]
    assert cards and cards[0]["lang"] == "en", replies


def test_nothing_fits_is_said_honestly_with_a_way_to_a_person(stack):
    replies = say(stack, "kb-3", "ыфвапр олдж ячсмить")
    assert replies[0]["text"] in texts_of("utter_kb_no_answer")
    assert replies[0]["buttons"][0]["payload"] == "/request_human"
