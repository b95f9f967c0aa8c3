"""The desk's analytics view in a real headless Chromium, against a real gateway on a seeded
store (tests/gateway/analytics_seed.py): the numbers show, a customer's question that carries
markup is shown as text and never runs, and a group's article draft opens ready to copy.

No Rasa is needed for analytics, so the gateway runs alone in a background loop; the question
groups use the tiny test encoder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, expect

from bot.common.settings import Settings
from bot.gateway.analytics.encoder import LazyEncoder
from bot.gateway.desk.passwords import hash_password
from bot.gateway.keys import ANALYTICS_ENCODER
from tests.conftest import free_port
from tests.e2e.standalone_gateway import standalone_gateway
from tests.e2e.test_desk_browser import LOGIN, PASSWORD, shot
from tests.gateway.analytics_seed import XSS, seeded_engine
from tests.gateway.tiny_encoder import TinyEncoder


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("analytics")
    seeded_engine(folder).dispose()
    agents = folder / "agents.yml"
    agent = {
        "login": LOGIN,
        "name": "Мария",
        "groups": ["general"],
        "password_hash": hash_password(PASSWORD, iterations=1000),
    }
    agents.write_text(yaml.safe_dump({"agents": [agent]}, allow_unicode=True), encoding="utf-8")
    settings = Settings(
        rasa_port=free_port(),
        gateway_port=free_port(),
        data_dir=folder,
        agents_file=str(agents),
        internal_token="t" * 32,
    )

    def tiny_encoder(app) -> None:
        app[ANALYTICS_ENCODER] = LazyEncoder(TinyEncoder)

    with standalone_gateway(settings, tiny_encoder) as url:
        yield url


def test_analytics_view_shows_numbers_and_escapes_questions(gateway: str, browser: Browser):
    page = browser.new_context().new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(gateway + "/desk")
    page.select_option("#lang", "ru")
    page.fill("#login", LOGIN)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#nav")).to_have_text("Аналитика")
    page.click("#nav")
    expect(page.locator("#analytics-view")).to_be_visible()
    page.fill("#analytics-from", "2026-11-01")
    page.fill("#analytics-to", "2026-11-30")
    page.click("#analytics-form button[type=submit]")

    expect(page.locator("#a-conversations")).to_have_text("4")
    expect(page.locator("#a-containment")).to_contain_text("50.0 %")
    expect(page.locator("#a-fallback")).to_contain_text("2 из 6")
    expect(page.locator("#a-rating")).to_contain_text("3.5 / 5")
    expect(page.locator("#a-handoffs")).to_contain_text("ответы не помогли")
    expect(page.locator("#a-intents")).to_contain_text("payment_failed")
    expect(page.locator("#a-articles")).to_contain_text("pay-ru")
    href = page.locator("#analytics-csv").get_attribute("href")
    assert href == "/desk/api/analytics/export.csv?from=2026-11-01&to=2026-11-30"

    unanswered = page.locator("#a-unanswered")
    expect(unanswered).to_contain_text(XSS)  # the markup is shown as text
    expect(unanswered).not_to_contain_text("anna@example.com")
    assert unanswered.locator("img").count() == 0
    assert page.evaluate("() => window.xssed") is None

    page.fill("#analytics-from", "2026-12-01")
    page.click("#analytics-form button[type=submit]")
    expect(page.locator("#analytics-error")).to_contain_text("начало не позже конца")
    expect(page.locator("#a-conversations")).to_have_text("4")  # the last good numbers stay

    page.locator("#a-unanswered button", has_text="Черновик статьи").first.click()
    expect(unanswered.locator("pre").first).to_contain_text("questions:")
    shot(page, "analytics")
    assert not problems, problems
