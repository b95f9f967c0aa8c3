"""The case an agent reads in five seconds, in a real headless Chromium over the real processes.

A customer starts with one question (signing in), moves on to another (a kettle of the wrong
colour), asks for a person and answers the bot's form, with a card number in one answer. The agent
opens the case in the desk and sees the problem from the kettle message (not the first message),
the topic, intent and group the NLU gave THAT message, the facts as fields, the card masked, and
the conversation once. In the reply box Shift+Enter adds a line and Enter sends.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
import secrets
import time

import requests
from playwright.sync_api import Browser, expect

from actions.conversation import intent_topics
from bot.gateway.desk.config import load_desk_config
from tests.e2e.test_desk_browser import LOGIN, NAME, PASSWORD, add_agent, shot
from tests.e2e.test_handoff_gateway import requested_slot, say

LOGIN_QUESTION = "не могу войти в личный кабинет"
KETTLE = "мне привезли чайник не того цвета, заказывала белый, а пришёл красный"
CARD = "4111 1111 1111 1111"
MASKED = "**** **** **** 1111"
ANSWERS = {
    "customer_name": "Вера",
    "handoff_contact": "vera.test@example.com",
    "handoff_order_number": "39182746",
    "handoff_app_version": "пропустить",
    "handoff_problem": KETTLE,
    "handoff_tried": f"хотела вернуть деньги на карту {CARD}",
}


def hand_off(stack, conversation: str) -> None:
    """The conversation through the gateway's REST path, then the form's questions answered."""
    for text in (LOGIN_QUESTION, KETTLE):
        say(stack, conversation, text)
    if requested_slot(stack, conversation) is None:  # the bot may have offered a person itself
        say(stack, conversation, "позовите оператора")
    for _ in range(len(ANSWERS) + 2):
        slot = requested_slot(stack, conversation)
        if slot is None:
            return
        assert slot in ANSWERS, f"the form asks {slot}, which this test does not know"
        say(stack, conversation, ANSWERS[slot])
    raise AssertionError("the form did not end")


def problem_intent(stack, conversation: str) -> str:
    """The intent Rasa gave the latest customer message with the kettle text."""
    url = f"{stack.settings.rasa_url}/conversations/{conversation}/tracker"
    events = requests.get(url, timeout=30).json()["events"]
    said = [e for e in events if e.get("event") == "user" and e.get("text") == KETTLE]
    assert said, "the kettle message is in the tracker"
    return said[-1]["parse_data"]["intent"]["name"]


def filed_case(base: str, conversation: str) -> dict:
    agent = requests.Session()
    login = agent.post(base + "/desk/api/login", json={"login": LOGIN, "password": PASSWORD})
    assert login.status_code == 200, login.text
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        cases = agent.get(base + "/desk/api/cases", timeout=30).json()["cases"]
        mine = [c for c in cases if c["conversation"] == conversation]
        if mine:
            return mine[0]
        time.sleep(0.5)
    raise AssertionError("the case was not filed")


def test_the_agent_reads_the_case_and_replies_with_enter(stack, browser: Browser):
    base = stack.settings.gateway_url
    add_agent(stack.settings.agents_path)
    conversation = "w-" + secrets.token_hex(16)
    hand_off(stack, conversation)
    case = filed_case(base, conversation)
    intent = problem_intent(stack, conversation)
    topic = intent_topics().get(intent)
    group = load_desk_config(stack.settings.agents_path).group_for(topic)
    assert case["group"] == group, "the group is the one of the problem message's topic"

    desk = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    problems: list[str] = []
    desk.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    desk.on("pageerror", lambda error: problems.append(str(error)))
    desk.goto(base + "/desk")
    desk.select_option("#lang", "ru")
    desk.fill("#login", LOGIN)
    desk.fill("#password", PASSWORD)
    desk.click("#login-form button[type=submit]")
    item = desk.locator("#queue button", has_text=case["ticket"])
    expect(item).to_be_visible(timeout=15_000)
    item.click()

    summary = desk.locator("#summary")
    expect(desk.locator("#summary-title")).to_have_text("Проблема (словами клиента)")
    expect(desk.locator("#case-problem")).to_have_text(KETTLE)

    def field(name: str):
        return desk.locator(f"#case-fields dd[data-field={name}]")

    expect(field("name")).to_have_text("Вера")
    expect(field("email")).to_have_text("vera.test@example.com")
    expect(field("order_number")).to_have_text("39182746")
    expect(field("tried")).to_have_text(f"хотела вернуть деньги на карту {MASKED}")
    expect(field("intent")).to_contain_text(intent)
    expect(field("topic")).to_contain_text(topic or "—")
    expect(field("group")).to_have_text(group)
    expect(desk.locator("#case-fields dt").first).to_have_text("Имя")
    verdicts = desk.locator("#case-articles td.verdict")
    for text in verdicts.all_text_contents():
        assert text in ("помогла", "не помогла", "без ответа")
    assert desk.locator("#case pre").count() == 0, "fields, not a block of monospace text"

    # The transcript once: the chat shows each message, the summary repeats none of it.
    transcript = desk.locator("#transcript")
    expect(transcript).to_contain_text(LOGIN_QUESTION)
    assert LOGIN_QUESTION not in summary.inner_text()
    assert desk.locator("#case").inner_text().count(LOGIN_QUESTION) == 1
    assert transcript.locator("li", has_text=KETTLE).count() == 1
    assert CARD not in desk.content() and MASKED in transcript.inner_text()
    shot(desk, "case-view-ru")

    desk.click("#claim")
    expect(desk.locator("#case-meta")).to_contain_text(NAME)
    reply = desk.locator("#reply")
    reply.click()
    reply.type("Здравствуйте, Вера!")
    desk.keyboard.press("Shift+Enter")
    reply.type("Проверю заказ 39182746.")
    expect(reply).to_have_value("Здравствуйте, Вера!\nПроверю заказ 39182746.")
    assert transcript.locator("li.agent").count() == 0, "Shift+Enter does not send"
    shot(desk, "case-view-reply")
    desk.keyboard.press("Enter")
    expect(transcript.locator("li.agent")).to_have_count(1)
    expect(reply).to_have_value("")
    history = requests.get(
        f"{base}/api/chat/history", params={"conversation": conversation}, timeout=30
    ).json()
    sent = [m["text"] for m in history["messages"] if m["author"] == "agent"]
    assert sent == ["Здравствуйте, Вера!\nПроверю заказ 39182746."]

    desk.select_option("#lang", "en")
    expect(desk.locator("#summary-title")).to_have_text("Problem (customer's words)")
    expect(desk.locator("#case-fields dt").nth(3)).to_have_text("Order number")
    expect(desk.locator("#case-problem")).to_have_text(KETTLE)
    expect(transcript.locator("li.customer .who").first).to_contain_text("Customer")
    assert transcript.locator("li", has_text=KETTLE).count() == 1, "redrawn, not added again"
    shot(desk, "case-view-en")

    desk.fill("#resolution", "Заменим чайник")
    desk.click("#close-form button[type=submit]")
    expect(desk.locator("#case-meta")).to_contain_text("closed")
    assert not [p for p in problems if re.search("Content Security Policy|Uncaught", p)], problems
