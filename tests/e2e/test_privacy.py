"""The customer's right to erase, with the real processes: DELETE /api/chat empties the gateway's
history and Rasa's tracker, the bot starts afresh afterwards, and in the widget a customer asking
to delete their data hears about the bin button, uses it and gets a new conversation."""

from __future__ import annotations

import json
import secrets

import requests
from playwright.sync_api import expect

from tests.e2e.test_widget_browser import (
    REPLY_TIMEOUT,
    Watched,
    conversation_of,
    open_widget,
    say,
    stored,
    wait_for_reply,
)


def chat(base: str, sender: str, text: str) -> requests.Response:
    return requests.post(f"{base}/api/chat", json={"sender": sender, "message": text}, timeout=60)


def rasa_events(stack, sender: str) -> list[dict]:
    answer = requests.get(
        f"{stack.settings.rasa_url}/conversations/{sender}/tracker",
        params={"include_events": "ALL"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["events"]


def test_erasing_empties_the_history_and_rasas_tracker(stack):
    base = stack.settings.gateway_url
    sender = "w-" + secrets.token_hex(16)
    assert chat(base, sender, "меня зовут Анна, мой телефон +79991234567").status_code == 200
    assert any(e["event"] == "user" for e in rasa_events(stack, sender))

    answer = requests.delete(f"{base}/api/chat", params={"conversation": sender}, timeout=30)
    assert answer.status_code == 200, answer.text
    deleted = answer.json()["deleted"]
    assert deleted["messages"] >= 2 and deleted["bot_events"] >= 2
    assert stored(base, sender) == []
    # Asking Rasa for the tracker starts a fresh session (default slots): nothing of what was said.
    events = rasa_events(stack, sender)
    assert not [e for e in events if e["event"] in ("user", "bot")]
    assert "9991234567" not in json.dumps(events) and "Анна" not in json.dumps(events)

    again = chat(base, sender, "привет")
    assert again.status_code == 200 and again.json()["messages"], "the bot starts afresh"


def test_a_customer_asks_to_delete_their_data_and_erases_the_chat(stack, browser):
    base = stack.settings.gateway_url
    context = browser.new_context()
    watched = Watched(context.new_page())
    page = watched.page
    page.on("dialog", lambda dialog: None)  # Watched dismisses; this test accepts below
    page.goto(base + "/")
    open_widget(page)
    say(page, "сотрите всю информацию обо мне")  # no article answers it: a person
    wait_for_reply(page, 0)
    expect(page.locator(".lm-list > .lm-bot").first).to_contain_text("корзин")
    conversation = conversation_of(page)
    assert stored(base, conversation)

    page.remove_listener("dialog", watched._dialog)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".lm-erase").click()
    expect(page.locator(".lm-note")).to_have_text("Переписка удалена.", timeout=REPLY_TIMEOUT)
    expect(page.locator(".lm-list > .lm-msg")).to_have_count(1)  # the greeting only
    assert conversation_of(page) != conversation
    assert stored(base, conversation) == []
    assert not watched.problems, watched.problems
    context.close()
