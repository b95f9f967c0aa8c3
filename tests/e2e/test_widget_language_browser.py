"""The widget's own labels follow the customer's language once they write, in a real headless
Chromium against the real gateway (alone: the labels change in the page, whatever the bot
answers). The demo page is Russian; an English message turns the labels English, Russian typed
in Latin letters turns them back, and the choice is kept over a reload. A text the page set itself
(the demo page's data-title) stays as the page wrote it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.common.settings import Settings
from tests.conftest import free_port
from tests.e2e.standalone_gateway import standalone_gateway
from tests.e2e.test_desk_browser import shot


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("widget-language")
    root = folder / "project"
    (root / "announcements").mkdir(parents=True)
    (root / "intents").mkdir()
    (folder / "agents.yml").write_text("agents: []\n", encoding="utf-8")
    settings = Settings(
        rasa_port=free_port(),
        gateway_port=free_port(),
        data_dir=folder,
        root=root,
        agents_file=str(folder / "agents.yml"),
    )
    with standalone_gateway(settings) as url:
        yield url


def say(page: Page, text: str) -> None:
    page.locator(".lm-input").fill(text)
    page.keyboard.press("Enter")


def labels(page: Page) -> dict[str, str | None]:
    return {
        "placeholder": page.locator(".lm-input").get_attribute("placeholder"),
        "send": page.locator(".lm-send").get_attribute("aria-label"),
        "close": page.locator(".lm-close").get_attribute("aria-label"),
        "title": page.locator(".lm-title").text_content(),
        "lang": page.locator(".lm-root").get_attribute("lang"),
    }


RUSSIAN = {
    "placeholder": "Напишите сообщение…",
    "send": "Отправить",
    "close": "Свернуть чат",
    "title": "Поддержка Лайтмаркета",
    "lang": "ru",
}
ENGLISH = {
    "placeholder": "Type a message…",
    "send": "Send",
    "close": "Minimise the chat",
    "title": "Поддержка Лайтмаркета",  # the page's own data-title
    "lang": "en",
}


def test_labels_follow_the_customers_language_and_stay_over_a_reload(
    gateway: str, browser: Browser
):
    page = browser.new_context().new_page()
    page.goto(gateway + "/")
    page.locator(".lm-launcher").click()
    assert labels(page) == RUSSIAN  # the page's language until the customer writes
    say(page, "hi, where is my order?")
    expect(page.locator(".lm-input")).to_have_attribute("placeholder", ENGLISH["placeholder"])
    assert labels(page) == ENGLISH
    shot(page, "widget-language-en")
    say(page, "45873921")  # a number says nothing about the language
    page.wait_for_timeout(200)
    assert labels(page) == ENGLISH
    say(page, "privet, ne prihodit kod")  # Russian typed in Latin letters is Russian
    expect(page.locator(".lm-input")).to_have_attribute("placeholder", RUSSIAN["placeholder"])
    assert labels(page) == RUSSIAN
    say(page, "my promo code says expired")
    expect(page.locator(".lm-input")).to_have_attribute("placeholder", ENGLISH["placeholder"])
    page.reload()
    expect(page.locator(".lm-panel")).to_be_visible()  # the widget remembers it was open
    assert labels(page) == ENGLISH
    launcher = page.locator(".lm-launcher").get_attribute("aria-label") or ""
    assert launcher.startswith("Open the support chat")


def test_a_russian_message_with_english_words_keeps_russian_labels(gateway: str, browser: Browser):
    page = browser.new_context().new_page()
    page.goto(gateway + "/")
    page.locator(".lm-launcher").click()
    say(page, "у меня coupon не применяется, пишет expired")
    page.wait_for_timeout(300)
    assert labels(page) == RUSSIAN
