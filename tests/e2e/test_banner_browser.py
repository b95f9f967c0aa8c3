"""The widget's announcement banner in a real headless Chromium against the real gateway (alone:
showing a banner needs no bot): the valid banner shows in the page's language as text, the
customer can close it, and it stays closed after a reload."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bot.common.settings import Settings
from tests.conftest import free_port
from tests.e2e.standalone_gateway import standalone_gateway
from tests.e2e.test_desk_browser import shot

MARKUP = "<b>Платежи картой</b> проходят с задержкой до 18:00"


def project(root: Path) -> Path:
    (root / "announcements").mkdir(parents=True)
    (root / "intents").mkdir()
    now = datetime.now(timezone.utc)
    (root / "announcements" / "card-delay.yml").write_text(
        f"id: card-delay\ntopics: [payment]\n"
        f"valid_from: {(now - timedelta(hours=1)).isoformat()}\n"
        f"valid_until: {(now + timedelta(hours=1)).isoformat()}\nbanner: true\n"
        f"text:\n  ru: '{MARKUP}'\n  en: Card payments are delayed until 18:00.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("banner")
    settings = Settings(
        rasa_port=free_port(),
        gateway_port=free_port(),
        data_dir=folder,
        root=project(folder / "project"),
        agents_file=str(folder / "agents.yml"),
    )
    (folder / "agents.yml").write_text("agents: []\n", encoding="utf-8")
    with standalone_gateway(settings) as url:
        yield url


def test_banner_shows_closes_and_stays_closed(gateway: str, browser: Browser):
    page = browser.new_context().new_page()
    page.goto(gateway + "/")
    page.locator(".lm-launcher").click()
    text = page.locator(".lm-banner-text")
    expect(text).to_have_text(MARKUP)  # as text: the tags are not markup
    assert page.locator(".lm-banner b").count() == 0
    shot(page, "widget-banner")
    page.locator(".lm-banner-close").click()
    expect(page.locator(".lm-banner")).to_be_hidden()
    with page.expect_response(lambda r: "/api/announcements" in r.url) as answer:
        page.reload()
    assert answer.value.json()["announcements"][0]["id"] == "card-delay"
    expect(page.locator(".lm-panel")).to_be_visible()  # the widget remembers it was open
    page.wait_for_timeout(200)  # the answer is rendered
    expect(page.locator(".lm-banner")).to_be_hidden()
