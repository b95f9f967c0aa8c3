"""The desk's analytics page in a real headless Chromium, against a real gateway holding the 122
scripted conversations of tests/gateway/analytics_replay.yml (stored through its HTTP APIs): every
figure, every chart's numbers and every table on the page equal the counts summed from the
script; names instead of ids; the question groups link to masked conversations; bad ranges give
a clear message or empty charts. A screenshot of each chart goes to test-artifacts/."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiohttp
import pytest
from playwright.sync_api import Browser, Page, expect

from bot.gateway.analytics.outcomes import REASONS
from tests.e2e.analytics_site import LOGIN, PASSWORD, replayed_gateway
from tests.e2e.test_desk_browser import ARTIFACTS
from tests.gateway.analytics_replay import OUTCOMES, expected_figures, load_script
from tests.gateway.analytics_seed import XSS

PERIOD = ("2026-03-02", "2026-03-15")
CHARTS = ("chart-outcomes", "chart-handoffs", "chart-csat")


def add_xss_question(url: str, clock, fake) -> None:
    """A question carrying markup, on 1 April: outside the script's period."""
    clock.now = 1775044800.0  # 2026-04-01T12:00:00Z
    fake.intent = {"name": "nlu_fallback", "confidence": 0.3}
    fake.replies = [{"text": "Нет ответа", "response": "utter_kb_no_answer"}]

    async def say() -> None:
        async with aiohttp.ClientSession(base_url=url) as session:
            body = {"sender": "w-xss", "message": XSS}
            async with session.post("/api/chat", json=body) as response:
                assert response.status == 200

    asyncio.run(say())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with replayed_gateway(tmp_path_factory.mktemp("analytics"), add_xss_question) as (url, _):
        yield url


def open_analytics(browser: Browser, url: str, lang: str = "ru") -> tuple[Page, list[str]]:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url + "/desk")
    page.select_option("#lang", lang)
    page.fill("#login", LOGIN)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.click("#nav")
    expect(page.locator("#analytics-view")).to_be_visible()
    return page, problems


def show(page: Page, first: str, last: str) -> None:
    page.fill("#analytics-from", first)
    page.fill("#analytics-to", last)
    page.click("#analytics-form button[type=submit]")
    expect(page.locator("#analytics-view")).to_have_attribute(
        "data-ready", f"?from={first}&to={last}"
    )


def table(page: Page, selector: str) -> list[list[str]]:
    rows = page.locator(selector + " tbody tr")
    return [rows.nth(i).locator("td").all_text_contents() for i in range(rows.count())]


def figure(page: Page, name: str) -> tuple[int, int | None]:
    node = page.locator("#" + name)
    total = node.get_attribute("data-total")
    return int(node.get_attribute("data-n") or -1), int(total) if total is not None else None


def minutes(seconds: float) -> str:
    return f"{round(seconds / 60)} мин"


def test_every_figure_on_the_page_equals_the_script(site: str, browser: Browser):
    period, scripted = load_script()
    expected = expected_figures(period, scripted)
    page, problems = open_analytics(browser, site)
    show(page, *PERIOD)
    total, outcomes = expected["conversations"], expected["outcomes"]
    assert figure(page, "a-conversations") == (total, None)
    resolved = outcomes["resolved_confirmed"] + outcomes["resolved_assumed"]
    assert figure(page, "a-resolved") == (resolved, total)
    detail = page.locator("#a-resolved-detail")
    assert detail.get_attribute("data-confirmed") == str(outcomes["resolved_confirmed"])
    assert detail.get_attribute("data-assumed") == str(outcomes["resolved_assumed"])
    assert figure(page, "a-unresolved") == (outcomes["unresolved"], total)
    assert figure(page, "a-handoff-rate") == (outcomes["handed_off"], total)
    questions = expected["questions"]
    assert figure(page, "a-not-answered") == (questions["not_answered"], questions["total"])
    assert figure(page, "a-csat") == (expected["csat"]["satisfied"], expected["csat"]["count"])
    expect(page.locator("#a-resolved")).to_have_text(f"{100 * resolved / total:.1f} %")
    for name, key in (("a-first-response", "first_response"), ("a-resolution", "resolution")):
        times = expected["handoffs"][key]
        assert figure(page, name)[0] == times["count"]
        expect(page.locator("#" + name)).to_have_text(minutes(times["median_seconds"]))
        expect(page.locator(f"#{name}-detail")).to_contain_text(minutes(times["p90_seconds"]))

    trends = expected["trends"]
    outcome_rows = table(page, "#chart-outcomes-numbers")
    assert [[int(c) for c in row[1:]] for row in outcome_rows] == [
        [day[o] for o in OUTCOMES] + [day["conversations"]] for day in trends
    ]
    reasons = sorted(expected["handoffs"]["by_reason"])
    handoff_rows = table(page, "#chart-handoffs-numbers")
    assert [[int(c) for c in row[1:]] for row in handoff_rows] == [
        [day["handoffs_by_reason"].get(reason, 0) for reason in reasons] for day in trends
    ]
    csat_rows = table(page, "#chart-csat-numbers")
    assert [[int(row[2]), int(row[3])] for row in csat_rows] == [
        [day["satisfied"], day["ratings"]] for day in trends
    ]
    why = table(page, "#a-not-answered-reasons")
    assert [int(row[1]) for row in why] == [questions["by_reason"][r] for r in REASONS]
    assert sorted(int(row[1]) for row in table(page, "#a-handoffs")) == sorted(
        expected["handoffs"]["by_reason"].values()
    )
    ARTIFACTS.mkdir(exist_ok=True)
    for chart in CHARTS:
        assert page.locator(f"#{chart} svg rect[fill^='url(#']").count() > 0, chart
        page.locator("#" + chart).screenshot(path=str(ARTIFACTS / f"analytics-{chart}.png"))
    assert not problems, problems


def test_names_instead_of_ids_with_the_ids_on_hover(site: str, browser: Browser):
    expected = expected_figures(*load_script())
    page, problems = open_analytics(browser, site)
    show(page, *PERIOD)
    links = page.locator("#a-articles a")
    assert links.count() == len(expected["articles"])
    delivery = page.locator("#a-articles a[title='delivery-times-cost-ru']")
    expect(delivery).to_have_text("Сроки и стоимость доставки")
    assert (
        delivery.get_attribute("href") == "https://help.lightmarket.example/ru/delivery-times-cost"
    )
    rows = {row[0]: int(row[1]) for row in table(page, "#a-articles")}
    assert (
        rows["Сроки и стоимость доставки"]
        == expected["articles"]["delivery-times-cost-ru"]["shown"]
    )
    payment = page.locator("#a-intents span[title='payment_failed']")
    expect(payment).to_contain_text("The payment is declined")
    expect(payment).to_contain_text("например: «оплата не проходит»")
    expect(page.locator("#a-intents span[title='nlu_fallback']")).to_contain_text("не распознал")
    helps = page.locator("#analytics-view .figure details.help")
    assert helps.count() == 8
    helps.nth(1).locator("summary").click()
    expect(helps.nth(1).locator("p")).to_contain_text("предположительно")
    page.select_option("#lang", "en")
    expect(page.locator("#analytics-view .figure").nth(1)).to_contain_text("Resolved by the bot")
    expect(page.locator("#chart-outcomes svg")).to_contain_text("resolved, assumed")
    expect(helps.nth(4).locator("p")).to_contain_text("under 0.5")
    assert not problems, problems


def test_each_group_opens_its_conversations_masked(site: str, browser: Browser):
    page, problems = open_analytics(browser, site)
    show(page, *PERIOD)
    expect(page.locator("#a-unanswered-status")).to_contain_text("Сгруппировано")
    group = page.locator("#a-unanswered > li", has_text="ываыв фывф").first
    group.locator(".conversations a").first.click()
    transcript = group.locator(".transcript")
    expect(transcript).to_contain_text("ываыв фывф")
    expect(transcript).to_contain_text("(ответ в форме передачи скрыт)")
    assert "petr@example.com" not in transcript.inner_text()
    assert "Пётр" not in transcript.inner_text()
    assert not problems, problems


@pytest.mark.parametrize(
    ("first", "last", "rows", "message"),
    [
        ("2026-03-02", "2026-03-02", 1, None),
        ("2016-04-01", "2026-03-31", 120, "шаг графиков: месяц"),
        ("2020-01-01", "2020-01-31", 31, "Нет данных за этот период."),
    ],
)
def test_one_day_ten_years_and_an_empty_range(site, browser, first, last, rows, message):
    page, problems = open_analytics(browser, site)
    show(page, first, last)
    assert page.locator("#chart-outcomes-numbers tbody tr").count() == rows
    if message:
        expect(page.locator("#analytics-view")).to_contain_text(message)
    if first.startswith("2020"):
        expect(page.locator("#a-conversations")).to_have_text("0")
        expect(page.locator("#a-resolved")).to_have_text("—")
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#chart-outcomes").screenshot(path=str(ARTIFACTS / "analytics-no-data.png"))
    assert not problems, problems


def test_an_end_before_the_start_is_a_clear_message(site: str, browser: Browser):
    page, problems = open_analytics(browser, site)
    show(page, *PERIOD)
    page.fill("#analytics-from", "2026-03-20")
    page.click("#analytics-form button[type=submit]")
    expect(page.locator("#analytics-error")).to_contain_text("Конец периода раньше начала")
    expect(page.locator("#analytics-period")).to_contain_text("2 мар. 2026")  # what is shown
    assert not problems, problems


def test_a_question_with_markup_is_shown_as_text(site: str, browser: Browser):
    page, problems = open_analytics(browser, site)
    show(page, "2026-04-01", "2026-04-01")
    unanswered = page.locator("#a-unanswered")
    expect(unanswered).to_contain_text(XSS)
    assert unanswered.locator("img").count() == 0
    assert page.evaluate("() => window.xssed") is None
    page.locator("#a-unanswered button", has_text="Черновик статьи").first.click()
    expect(unanswered.locator("pre").first).to_contain_text("questions:")
    assert not problems, problems
