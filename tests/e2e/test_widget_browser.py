"""The website chat widget in a real headless Chromium against the real processes: the demo page
with its one script tag, chat in Russian and English, quick replies, an article card rated
helpful, history kept over a reload and a new tab, a gateway restart survived without a duplicate,
the websocket blocked (long polling takes over), a handoff with an agent typing in the desk, and
injected markup shown as text. Screenshots go to test-artifacts/widget-*.png."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, select

from bot.common.settings import PROJECT_ROOT
from bot.gateway.store.schema import conversations
from tests.conftest import free_port
from tests.e2e.test_desk_browser import LOGIN, NAME, PASSWORD, add_agent

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
REPLY_TIMEOUT = 60_000
XSS = "<img src=x onerror=alert(1)> [нажми](javascript:alert(1))"


class Watched:
    """A page with its console errors and any alert() collected: injected code must never run."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        expected = "ERR_CONNECTION_REFUSED" in message.text or "favicon" in message.location["url"]
        if message.type == "error" and not expected:
            self.problems.append(f"{message.text} ({message.location['url']})")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-{name}.png"))


def open_widget(page: Page) -> None:
    """With the keyboard, as a customer without a mouse would."""
    launcher = page.locator(".lm-launcher")
    expect(launcher).to_be_visible()
    launcher.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".lm-panel")).to_be_visible()
    expect(page.locator(".lm-input")).to_be_focused()


def say(page: Page, text: str) -> None:
    page.locator(".lm-input").fill(text)
    page.keyboard.press("Enter")


def bot_messages(page: Page):
    return page.locator(".lm-list > .lm-bot:not(.lm-greeting):visible")


def wait_for_reply(page: Page, before: int) -> None:
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".lm-pending")).to_have_count(0, timeout=REPLY_TIMEOUT)


def conversation_of(page: Page) -> str:
    return page.evaluate("() => window.LightChat.conversation()")


def stored(base: str, conversation: str) -> list[dict]:
    answer = requests.get(
        f"{base}/api/chat/history", params={"conversation": conversation}, timeout=30
    )
    answer.raise_for_status()
    return answer.json()["messages"]


def russian_chat_article_rating_and_reload(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(base + "/")
    expect(page.locator(".lm-launcher")).to_have_attribute("aria-label", "Открыть чат поддержки")
    shot(page, "1-closed")
    open_widget(page)
    expect(page.locator(".lm-greeting")).to_contain_text("Здравствуйте")

    say(page, "с меня дважды списали деньги за заказ")
    card = page.locator(".lm-card")
    expect(card).to_be_visible(timeout=REPLY_TIMEOUT)
    article = card.locator(".lm-card-link")
    assert article.get_attribute("href").startswith("https://help.lightmarket.example/ru/")
    assert article.get_attribute("target") == "_blank"
    assert article.get_attribute("rel") == "noopener noreferrer"
    expect(card.locator(".lm-card-title")).not_to_be_empty()
    expect(card.locator(".lm-card-excerpt")).not_to_be_empty()
    yes = page.locator(".lm-buttons .lm-yes")
    expect(yes).to_be_visible(timeout=REPLY_TIMEOUT)
    expect(page.locator(".lm-time").first).to_be_visible()
    shot(page, "2-article")

    before = bot_messages(page).count()
    yes.focus()
    page.keyboard.press("Enter")  # quick replies work from the keyboard too
    expect(page.locator(".lm-list > .lm-customer .lm-bubble").last).to_have_text(
        "Да, помогло", timeout=5000
    )
    wait_for_reply(page, before)
    expect(page.locator(".lm-buttons")).to_have_count(0)
    expect(page.locator("[aria-live=polite]")).not_to_be_empty()
    shot(page, "3-rated")

    conversation = conversation_of(page)
    assert conversation.startswith("w-") and len(conversation) == 34
    history = stored(base, conversation)
    assert [m["text"] for m in history if m["author"] == "customer"] == [
        "с меня дважды списали деньги за заказ",
        "Да, помогло",
    ], "every message stored once"
    shown = page.locator(".lm-list > .lm-msg:visible").count()

    page.reload()
    expect(page.locator(".lm-panel")).to_be_visible()  # it was open: it stays open
    expect(page.locator(".lm-list > .lm-msg:visible")).to_have_count(shown)
    expect(page.locator(".lm-card")).to_be_visible()
    assert conversation_of(page) == conversation
    shot(page, "4-reloaded")

    second = context.new_page()
    second.goto(base + "/")
    expect(second.locator(".lm-card")).to_have_count(1, timeout=10_000)
    assert conversation_of(second) == conversation
    second.close()

    page.locator(".lm-input").focus()
    page.keyboard.press("Escape")
    expect(page.locator(".lm-panel")).to_be_hidden()
    expect(page.locator(".lm-launcher")).to_be_focused()
    open_widget(page)
    page.locator(".lm-new").click()
    expect(page.locator(".lm-list > .lm-msg")).to_have_count(1)  # the greeting only
    assert conversation_of(page) != conversation
    assert not watched.problems and not watched.dialogs, (watched.problems, watched.dialogs)
    context.close()


def english_page_limits_and_mobile(browser: Browser, base: str, database: Path) -> None:
    """A page in English that knows its customer, with a bright brand colour, on a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 780}, is_mobile=True)
    page_html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        "<body><h1>LightMarket help</h1>"
        f'<script src="{base}/widget.js" data-name="Anna" data-email="anna@example.com" '
        'data-color="#ffd400" data-greeting=""></script></body></html>'
    )
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(base + "/health")  # the gateway's origin, then the site's own page in it
    page.set_content(page_html)
    open_widget(page)
    expect(page.locator(".lm-input")).to_have_attribute("placeholder", "Type a message…")
    box = page.locator(".lm-panel").bounding_box()
    assert box and round(box["width"]) == 390 and round(box["height"]) == 780, "full screen"
    header = page.locator(".lm-header")
    assert header.evaluate("e => getComputedStyle(e).color") == "rgb(17, 17, 17)", (
        "dark text on a bright brand colour (contrast)"
    )

    page.keyboard.press("Enter")  # empty: nothing is sent
    page.locator(".lm-input").fill("x" * 2001)
    page.keyboard.press("Enter")
    expect(page.locator(".lm-note")).to_contain_text("over 2000 characters")
    expect(page.locator(".lm-list > .lm-customer")).to_have_count(0)

    say(page, "hello, I cannot log in to my account")
    wait_for_reply(page, 0)
    reply = bot_messages(page).first.inner_text()
    assert any(word in reply.lower() for word in ("sign", "log", "account", "code")), reply
    shot(page, "5-english-mobile")

    conversation = conversation_of(page)
    assert stored(base, conversation)[0]["text"] == "hello, I cannot log in to my account"
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        saved = connection.execute(
            select(conversations.c.metadata_json).where(conversations.c.id == conversation)
        ).scalar_one()
    metadata = json.loads(saved)
    assert metadata["name"] == "Anna" and metadata["email"] == "anna@example.com", metadata
    assert metadata["language"] == "en" and metadata["page"].endswith("/health"), metadata
    assert not watched.problems and not watched.dialogs, (watched.problems, watched.dialogs)
    context.close()


def blocked_websocket_falls_back_to_polling(browser: Browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.route_web_socket("**/ws/chat", lambda socket: socket.close())
    page.goto(base + "/")
    open_widget(page)
    expect(page.locator(".lm-status")).to_contain_text("совместимости", timeout=20_000)
    say(page, "как вернуть товар")
    wait_for_reply(page, 0)
    shot(page, "6-polling")
    assert len([m for m in stored(base, conversation_of(page)) if m["author"] == "customer"]) == 1
    context.close()


class Gateway:
    """A second gateway process on the stack's database: one the test may stop and start."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.port = free_port()
        self.env = {**os.environ, **environment, "ASSISTANT_GATEWAY_PORT": str(self.port)}
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.gateway"],
            env=self.env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.3)
        raise RuntimeError("the second gateway did not start")

    def crash(self) -> None:
        """SIGKILL: with customers' sockets open a SIGTERM takes aiohttp's 60 s grace period."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)


def survives_a_gateway_restart(browser: Browser, environment: dict[str, str]) -> None:
    gateway = Gateway(environment)
    gateway.start()
    try:
        page = browser.new_context().new_page()
        page.goto(gateway.url + "/")
        open_widget(page)
        say(page, "где мой заказ")
        wait_for_reply(page, 0)
        answered = bot_messages(page).count()

        gateway.crash()
        expect(page.locator(".lm-status")).to_contain_text("переподключаемся", timeout=10_000)
        say(page, "как изменить адрес доставки")
        expect(page.locator(".lm-pending")).to_have_count(1)
        shot(page, "7-reconnecting")
        gateway.start()
        expect(page.locator(".lm-status")).to_be_hidden(timeout=30_000)
        wait_for_reply(page, answered)
        shot(page, "8-reconnected")
        texts = [m["text"] for m in stored(gateway.url, conversation_of(page))]
        assert texts.count("как изменить адрес доставки") == 1, texts
        shown = page.locator(".lm-customer .lm-bubble").all_inner_texts()
        assert shown.count("как изменить адрес доставки") == 1, shown
        page.context.close()
    finally:
        gateway.crash()


def sign_in_to_desk(browser: Browser, base: str) -> Page:
    desk = browser.new_context().new_page()
    desk.goto(base + "/desk")
    desk.select_option("#lang", "ru")
    desk.fill("#login", LOGIN)
    desk.fill("#password", PASSWORD)
    desk.click("#login-form button[type=submit]")
    expect(desk.locator("#connection")).to_have_text("в сети")
    return desk


def file_case(base: str, token: str, conversation: str) -> str:
    """What the bot's handoff form files at its end; posted directly to keep the test short."""
    case = {
        "conversation": conversation,
        "reason": "requested",
        "language": "ru",
        "topic": "payment",
        "customer": {"name": "Анна", "email": "anna@example.com"},
        "problem": "списали деньги дважды",
        "transcript": [{"ts": None, "author": "customer", "text": "позовите оператора"}],
        "channel": "widget",
    }
    answer = requests.post(
        base + "/internal/handoffs",
        data=json.dumps(case),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code in (200, 201), answer.text
    return answer.json()["ticket"]


def handoff_to_an_agent(browser: Browser, base: str, token: str, agents_file: Path) -> None:
    add_agent(agents_file)
    watched = Watched(browser.new_context().new_page())
    page = watched.page
    page.goto(base + "/")
    open_widget(page)
    say(page, "позовите оператора, пожалуйста")
    wait_for_reply(page, 0)
    desk = sign_in_to_desk(browser, base)
    ticket = file_case(base, token, conversation_of(page))

    desk.locator("#queue button", has_text=ticket).click()
    desk.click("#claim")
    expect(page.locator(".lm-subtitle")).to_have_text(f"Оператор {NAME}", timeout=10_000)
    expect(page.locator(".lm-system").last).to_contain_text(NAME)
    desk.fill("#reply", "Здравствуйте! Смотрю ваш платёж")
    expect(page.locator(".lm-typing")).to_contain_text(f"{NAME} печатает", timeout=10_000)
    shot(page, "9-agent-typing")

    page.keyboard.press("Escape")  # minimised: the agent's message shows as unread
    desk.fill("#reply", f"**Анна**, проверила. {XSS}\n- шаг один\n- шаг два")
    desk.click("#reply-form button[type=submit]")
    expect(page.locator(".lm-badge")).to_have_text("1", timeout=10_000)
    shot(page, "10-unread")
    open_widget(page)
    expect(page.locator(".lm-badge")).to_be_hidden()
    agent = page.locator(".lm-list > .lm-agent").last
    expect(agent.locator(".lm-author")).to_contain_text(NAME)
    expect(agent.locator("strong")).to_have_text("Анна")
    expect(agent.locator("li")).to_have_count(2)
    expect(agent).to_contain_text("<img src=x onerror=alert(1)>")
    expect(agent).to_contain_text("[нажми](javascript:alert(1))")

    say(page, XSS)
    expect(desk.locator("#transcript")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator(".lm-list > .lm-customer .lm-bubble").last).to_have_text(XSS)
    assert page.locator(".lm-list img").count() == 0, "markup is never rendered"
    hrefs = page.locator(".lm-list a").evaluate_all("links => links.map((a) => a.href)")
    assert all(h.startswith(("http:", "https:", "mailto:", "tel:")) for h in hrefs), hrefs
    shot(page, "11-agent-xss-as-text")

    desk.fill("#resolution", "Вернули второе списание")
    desk.click("#close-form button[type=submit]")
    expect(page.locator(".lm-subtitle")).not_to_contain_text(NAME, timeout=10_000)
    expect(page.locator(".lm-system").last).to_contain_text(NAME)
    assert not watched.dialogs, watched.dialogs
    assert not watched.problems, watched.problems
    page.context.close()
    desk.context.close()


def test_russian_chat_with_an_article_rated_helpful_kept_over_a_reload(stack, browser):
    russian_chat_article_rating_and_reload(browser, stack.settings.gateway_url)


def test_english_page_refuses_an_over_long_message_and_fills_a_phone(stack, browser):
    database = stack.settings.data_dir / "gateway.db"
    english_page_limits_and_mobile(browser, stack.settings.gateway_url, database)


def test_blocked_websocket_falls_back_to_long_polling(stack, browser):
    blocked_websocket_falls_back_to_polling(browser, stack.settings.gateway_url)


def test_gateway_restart_loses_and_duplicates_nothing(stack, browser):
    survives_a_gateway_restart(browser, stack.supervisor.environment("gateway"))


def test_handoff_agent_message_and_injected_markup_shown_as_text(stack, browser):
    token = stack.supervisor.environment("gateway")["ASSISTANT_INTERNAL_TOKEN"]
    handoff_to_an_agent(browser, stack.settings.gateway_url, token, stack.settings.agents_path)
    assert stack.all_running()
