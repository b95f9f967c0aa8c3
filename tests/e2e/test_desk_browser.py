"""The agent desk in a real headless Chromium against the real processes: a customer's
conversation is handed off, an agent signs in, sees it arrive in the queue, claims it, chats with
the customer (whose side is a real browser websocket) and closes it. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

import requests
import yaml
from playwright.sync_api import Browser, Page, expect

from bot.common.settings import PROJECT_ROOT
from bot.gateway.desk.passwords import hash_password

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
LOGIN, PASSWORD, NAME = "browser-maria", "browser test password", "Мария"
# The customer's side: a real browser websocket to /ws/chat, frames kept in window.frames_.
CUSTOMER_JS = """([conversation]) => new Promise((resolve, reject) => {
  window.frames_ = [];
  const url = location.origin.replace(/^http/, "ws") + "/ws/chat";
  const socket = new WebSocket(url);
  window.socket_ = socket;
  socket.onmessage = (event) => window.frames_.push(JSON.parse(event.data));
  socket.onerror = reject;
  socket.onopen = () => {
    socket.send(JSON.stringify({type: "hello", conversation, after: 0,
                                metadata: {language: "ru", name: "Анна"}}));
    resolve(true);
  };
})"""


def add_agent(agents_file: Path) -> None:
    """Adds the test's agent beside any others; the gateway re-reads the file on change."""
    config = yaml.safe_load(agents_file.read_text(encoding="utf-8")) if agents_file.exists() else {}
    config = config or {}
    agents = [a for a in config.get("agents") or [] if a.get("login") != LOGIN]
    agents.append(
        {
            "login": LOGIN,
            "name": NAME,
            "groups": ["general", "billing", "technical", "third_line"],
            "password_hash": hash_password(PASSWORD, iterations=10_000),
        }
    )
    config["agents"] = agents
    agents_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def frames(page: Page) -> list[dict]:
    return page.evaluate("() => window.frames_")


def wait_for_frame(page: Page, predicate: str, timeout: float = 20_000) -> dict:
    """Waits until a frame matching the JS predicate (over `f`) arrived, returns it."""
    page.wait_for_function(f"() => window.frames_.some((f) => {predicate})", timeout=timeout)
    return page.evaluate(f"() => window.frames_.find((f) => {predicate})")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desk-{name}.png"), full_page=True)


def test_agent_takes_a_handoff_chats_and_closes_it(stack, browser: Browser):
    base = stack.settings.gateway_url
    token = stack.supervisor.environment("gateway")["ASSISTANT_INTERNAL_TOKEN"]
    add_agent(stack.settings.agents_path)
    conversation = "w-" + secrets.token_hex(16)

    customer = browser.new_context().new_page()
    customer.goto(base + "/")
    customer.evaluate(CUSTOMER_JS, [conversation])
    wait_for_frame(customer, "f.type === 'history'")
    customer.evaluate(
        "() => window.socket_.send(JSON.stringify({type: 'message', client_id: 'c-1',"
        " text: 'где мой заказ 45873921'}))"
    )
    wait_for_frame(customer, "f.type === 'ack' && f.client_id === 'c-1'")
    wait_for_frame(customer, "f.type === 'message' && f.message.author === 'bot'", 60_000)

    agent_context = browser.new_context()
    agent_context.grant_permissions(["notifications"], origin=base)
    desk = agent_context.new_page()
    problems: list[str] = []
    desk.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    desk.on("pageerror", lambda error: problems.append(str(error)))
    response = desk.goto(base + "/desk")
    assert (
        response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    )
    desk.select_option("#lang", "ru")
    desk.fill("#login", LOGIN)
    desk.fill("#password", "wrong password")
    desk.click("#login-form button[type=submit]")
    expect(desk.locator("#login-error")).to_have_text("Неверный логин или пароль.")
    desk.fill("#password", PASSWORD)
    desk.click("#login-form button[type=submit]")
    expect(desk.locator("#desk-view")).to_be_visible()
    expect(desk.locator("#login-view")).to_be_hidden()
    expect(desk.locator("#connection")).to_have_text("в сети")
    shot(desk, "1-signed-in")

    case = {
        "conversation": conversation,
        "reason": "complaint",
        "language": "ru",
        "topic": "payment",
        "intent": {"name": "payment_failed", "confidence": 0.91},
        "customer": {"name": "<b>Анна</b>", "email": "anna@example.com", "phone": None},
        "problem": "<script>alert(1)</script> списали дважды с карты 4111 1111 1111 1111",
        "tried": "ничего",
        "transcript": [{"ts": None, "author": "customer", "text": "где мой заказ 45873921"}],
        "channel": "widget",
    }
    intake = requests.post(
        base + "/internal/handoffs",
        data=json.dumps(case),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert intake.status_code in (200, 201), intake.text
    ticket = intake.json()["ticket"]
    assert intake.json()["state"] == "waiting", "an agent is online in the billing group"

    item = desk.locator("#queue button", has_text=ticket)
    expect(item).to_be_visible(timeout=10_000)
    expect(item).to_contain_text("<b>Анна</b>")  # shown as text, not markup
    assert desk.locator("#queue b").count() == 0
    shot(desk, "2-queue")
    item.click()
    expect(desk.locator("#summary")).to_contain_text("**** **** **** 1111")
    expect(desk.locator("#summary")).to_contain_text("<script>alert(1)</script>")
    expect(desk.locator("#transcript")).to_contain_text("где мой заказ 45873921")
    desk.click("#claim")
    expect(desk.locator("#case-meta")).to_contain_text(NAME)
    wait_for_frame(customer, f"f.type === 'agent_joined' && f.name === '{NAME}'")
    shot(desk, "3-claimed")

    desk.fill("#reply", "Здравствуйте, Анна! Сейчас проверю платёж.")
    wait_for_frame(customer, "f.type === 'typing' && f.who === 'agent' && f.on")
    desk.click("#reply-form button[type=submit]")
    heard = wait_for_frame(customer, "f.type === 'message' && f.message.author === 'agent'")
    assert heard["message"]["text"] == "Здравствуйте, Анна! Сейчас проверю платёж."
    assert heard["message"]["agent_name"] == NAME

    customer.evaluate(
        "() => window.socket_.send(JSON.stringify({type: 'message', client_id: 'c-2',"
        " text: 'Спасибо, жду'}))"
    )
    expect(desk.locator("#transcript")).to_contain_text("Спасибо, жду")
    bot_replies = [f for f in frames(customer) if f.get("type") == "message"]
    assert not any(
        f["message"]["author"] == "bot" and f["message"]["id"] > heard["message"]["id"]
        for f in bot_replies
    ), "the bot stays silent while the agent owns the conversation"
    shot(desk, "4-chat")

    desk.fill("#note", "проверить возврат в банке")
    desk.click("#note-form button[type=submit]")
    expect(desk.locator("#notes")).to_contain_text("проверить возврат в банке")
    desk.fill("#resolution", "Второе списание вернули")
    desk.click("#close-form button[type=submit]")
    expect(desk.locator("#case-meta")).to_contain_text("закрыто")
    wait_for_frame(customer, f"f.type === 'agent_left' && f.name === '{NAME}'")
    expect(desk.locator("#queue button", has_text=ticket)).to_have_count(0)
    shot(desk, "5-closed")
    assert not [p for p in problems if re.search("Content Security Policy|Uncaught", p)], problems
    assert stack.all_running()
