"""How fast the desk's analytics page is with many conversations (issue 20): N conversations (10 000
by default) of typical shapes stored in the last 30 days through the gateway's own store
functions, a real gateway, and headless Chromium loading the page.

Measured: the analytics API on the first reading of the period and again (nothing stored since),
the CSV export, the grouping of the unanswered questions in the background (the real sentence
encoder), and the page in Chromium from opening the desk to every figure, chart and question group
shown, the groups cached: with the figures read afresh (a message stored since) and warm.

    python -m bench.analytics [--conversations 10000] [--runs 5] [--shots DIR] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import yaml
from aiohttp import web
from playwright.async_api import async_playwright
from sqlalchemy.engine import Engine

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.cli import emit
from bench.stack import free_port
from bot.common.settings import Settings
from bot.gateway.analytics.period import Period
from bot.gateway.app import create_app
from bot.gateway.desk.passwords import hash_password
from bot.gateway.store import conversations, handoffs, turns
from bot.gateway.store.conversations import ConversationStore, insert_message
from bot.gateway.store.database import make_engine
from bot.gateway.store.handoffs import HandoffStore, NewHandoff
from bot.gateway.store.turns import Turn, insert_turn

LOGIN, PASSWORD = "lead", "analytics bench password"
BATCH = 250
FALLBACKS = ("utter_kb_no_answer", "utter_default")
ANSWER = ("utter_kb_answer", "utter_kb_ask_helpful")
ASK_NAME = ("utter_request_human", "utter_ask_customer_name")
LOW_CONFIDENCE = ("utter_handoff_intro_low_confidence", "utter_ask_customer_name")
UNKNOWN = [
    "где купить слона", "продаёте ли вы велосипеды", "можно оплатить биткоином",
    "есть ли подарочная упаковка", "как стать поставщиком", "работаете ли вы в Казахстане",
    "можно ли забрать заказ ночью", "где ваш офис в Казани", "дадите ли скидку пенсионеру",
    "можно ли заказать к 7 утра", "do you ship to Mars", "can I pay with gold",
    "сколько стоит аренда ячейки", "есть ли вакансии курьера",
]  # fmt: skip
Said = tuple[
    str, str, float, tuple[str, ...], str | None
]  # text, intent, confidence, replies, article


SHOWN_JS = "() => performance.getEntriesByName('desk:analytics-shown')[0].duration"
PAGES = {
    "page_afresh": "page: asked -> all shown (in-page), afresh",
    "page_warm": "page: asked -> all shown (in-page), warm",
    "click_afresh": "page: Analytics clicked -> all shown, afresh",
    "click_warm": "page: Analytics clicked -> all shown, warm",
    "desk_afresh": "page: desk opened -> all shown, afresh",
    "desk_warm": "page: desk opened -> all shown, warm",
}


@dataclass(frozen=True)
class Shape:
    """A kind of conversation and how often it comes (weight)."""

    weight: int
    turns: tuple[Said, ...]
    handoff: str | None = None
    claim_close_minutes: tuple[int, int] | None = None
    rating: int | None = None


# fmt: off
SHAPES = (
    Shape(20, (("не проходит оплата", "payment_failed", 0.93, ANSWER, "payment-declined-ru"),
               ("да, помогло", "affirm", 0.98, ("utter_kb_glad_helped",), None))),
    Shape(20, (("сколько стоит доставка", "nlu_fallback", 0.3, ANSWER, "delivery-times-cost-ru"),)),
    Shape(10, (("где мой заказ", "order_status", 0.91, ("utter_order_status",), None),)),
    Shape(12, (("{unknown}", "nlu_fallback", 0.3, ("utter_kb_no_answer",), None),)),
    Shape(8, (("посоветуйте {unknown}", "product_info", 0.42, ("utter_product_info",), None),)),
    Shape(5, (("вопрос по оплате", "payment_methods", 0.55, ("utter_kb_clarify",), None),)),
    Shape(5, (("не приходит код", "account_code_not_received", 0.9, ANSWER, "code-not-arriving-ru"),
              ("нет", "deny", 0.95, ("utter_kb_sorry_not_helped",), None))),
    Shape(10, (("позовите оператора", "request_human", 0.96, ASK_NAME, None),
               ("Анна", "nlu_fallback", 0.3, ("utter_handoff_queued",), None)),
          "requested", (3, 25), 5),
    Shape(5, (("{unknown}", "nlu_fallback", 0.3, ("utter_kb_no_answer",), None),
              ("{unknown}?", "nlu_fallback", 0.3, LOW_CONFIDENCE, None)), "low_confidence"),
    Shape(5, (("привет", "greet", 0.99, ("utter_greet",), None),)),
)
# fmt: on


def _patched_time(now: Callable[[], float]) -> list[tuple[Any, Any]]:
    saved = [(module, module.time) for module in (conversations, turns, handoffs)]
    for module, _ in saved:
        module.time = SimpleNamespace(time=now)  # type: ignore[attr-defined]
    return saved


def _store(connection: Any, clock: Any, conversation: str, shape: Shape, unknown: str) -> None:
    """One conversation's messages and turns, as the gateway stores an answered message."""
    for text, intent, confidence, replies, article in shape.turns:
        clock.now += 20
        customer = insert_message(
            connection, conversation, "customer", text.format(unknown=unknown)
        )
        card = {"kind": "article", "article": {"id": article}} if article else None
        for name in replies:
            insert_message(connection, conversation, "bot", name, extra=card)
            card = None  # the article card is the first reply
        fallback = any(name in FALLBACKS for name in replies)
        said = Turn(customer["id"], conversation, intent, confidence, fallback, article, replies)
        insert_turn(connection, said)


def seed_conversations(engine: Engine, count: int, period: Period, seed: int = 20) -> Counter[str]:
    """`count` conversations spread over the period, stored with the store's own functions;
    returns how many of each shape."""
    rng = random.Random(seed)
    clock = SimpleNamespace(now=period.start)
    saved = _patched_time(lambda: clock.now)
    shapes: Counter[str] = Counter()
    try:
        for first in range(0, count, BATCH):
            later: list[tuple[str, float, Shape]] = []
            with engine.begin() as connection:
                for index in range(first, min(count, first + BATCH)):
                    shape = rng.choices(SHAPES, weights=[s.weight for s in SHAPES])[0]
                    clock.now = period.start + rng.random() * (period.end - period.start - 3600)
                    unknown = rng.choice(UNKNOWN) + rng.choice(("", "?", " подскажите", " срочно"))
                    _store(connection, clock, f"bench-{index:08d}", shape, unknown)
                    shapes[shape.turns[0][1] + (f"+{shape.handoff}" if shape.handoff else "")] += 1
                    if shape.handoff:
                        later.append((f"bench-{index:08d}", clock.now + 20, shape))
            for conversation, at, shape in later:
                _hand_over(HandoffStore(engine), clock, conversation, at, shape)
    finally:
        for module, original in saved:
            module.time = original
    return shapes


def _hand_over(cases: HandoffStore, clock: Any, conversation: str, at: float, shape: Shape) -> None:
    clock.now = at
    new = NewHandoff(
        conversation, "waiting", "general", "normal", shape.handoff or "", "ru", {}, ""
    )
    case, _ = cases.create(new)
    if shape.claim_close_minutes:
        claim, close = shape.claim_close_minutes
        clock.now = at + claim * 60
        cases.claim(case["id"], LOGIN, "Lead")
        clock.now = at + close * 60
        cases.close(case["id"], LOGIN, "done")
    if shape.rating:
        clock.now += 60
        cases.add_rating(conversation, shape.rating)


def last_30_days() -> Period:
    today = datetime.now(timezone.utc).date()
    return Period(today - timedelta(days=29), today)


def bench_settings(folder: Path) -> Settings:
    agent = {"login": LOGIN, "name": "Lead", "groups": ["general"]}
    agent["password_hash"] = hash_password(PASSWORD, iterations=1000)
    agents = folder / "agents.yml"
    agents.write_text(yaml.safe_dump({"agents": [agent]}), encoding="utf-8")
    return Settings(
        gateway_port=free_port(),
        rasa_port=free_port(),
        data_dir=folder,
        agents_file=str(agents),
        internal_token="b" * 32,
    )


async def timed_ms(session: aiohttp.ClientSession, path: str) -> float:
    started = time.perf_counter()
    async with session.get(path) as response:
        assert response.status == 200, await response.text()
        await response.read()
    return (time.perf_counter() - started) * 1000


async def grouping_seconds(session: aiohttp.ClientSession, timeout: float = 600) -> float:
    """Seconds until the background grouping of the default period is ready."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        async with session.get("/desk/api/analytics/unanswered") as response:
            body = await response.json()
        if body["status"] != "computing" and not body["updating"]:
            return time.perf_counter() - started
        await asyncio.sleep(0.2)
    raise TimeoutError("the question groups were not ready in time")


async def page_ms(
    browser: Any, url: str, storage: Any, shots: Path | None
) -> tuple[float, float, float]:
    """Milliseconds to every figure, chart and group shown: from opening the desk, from clicking
    Analytics, and in the page from asking the gateway (the page's own measure)."""
    context = await browser.new_context(
        storage_state=storage, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = await context.new_page()
    opened = time.perf_counter()
    await page.goto(url + "/desk")
    await page.wait_for_selector("#nav:not([hidden])")
    clicked = time.perf_counter()
    await page.click("#nav")
    await page.wait_for_selector("#analytics-view[data-ready]", timeout=30000)
    done = time.perf_counter()
    shown = await page.evaluate(SHOWN_JS)
    for chart in ("chart-outcomes", "chart-handoffs", "chart-csat"):
        if shots is not None:
            await page.locator("#" + chart).screenshot(
                path=str(shots / f"analytics-10k-{chart}.png")
            )
    await context.close()
    return (done - opened) * 1000, (done - clicked) * 1000, shown


async def page_times(
    url: str, runs: int, touch: Callable[[], Awaitable[Any]], shots: Path | None
) -> dict[str, list[float]]:
    """Page load times, the question groups cached: with the figures read afresh (a message was
    stored since) and warm; each from opening the desk and from clicking Analytics."""
    times: dict[str, list[float]] = {key: [] for key in PAGES}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(url + "/desk")
        await page.fill("#login", LOGIN)
        await page.fill("#password", PASSWORD)
        await page.click("#login-form button[type=submit]")
        await page.wait_for_selector("#nav:not([hidden])")
        storage = await context.storage_state()
        await context.close()
        for run in range(runs):
            await touch()
            for kind in ("afresh", "warm"):
                shot = shots if run == 0 and kind == "warm" else None
                desk, click, shown = await page_ms(browser, url, storage, shot)
                times[f"desk_{kind}"].append(desk)
                times[f"click_{kind}"].append(click)
                times[f"page_{kind}"].append(shown)
        await browser.close()
    return times


async def measure(count: int, runs: int, shots: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = bench_settings(Path(folder))
        engine = make_engine(settings.database)
        started = time.perf_counter()
        shapes = seed_conversations(engine, count, last_30_days())
        seeded = time.perf_counter() - started
        runner = web.AppRunner(create_app(settings))
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.gateway_port).start()
        url = settings.gateway_url
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as session:
            login = {"login": LOGIN, "password": PASSWORD}
            async with session.post("/desk/api/login", json=login) as response:
                assert response.status == 200, await response.text()
            api = [await timed_ms(session, "/desk/api/analytics") for _ in range(2)]
            grouping = await grouping_seconds(session)
            export = await timed_ms(session, "/desk/api/analytics/export.csv")
            async with session.get("/desk/api/analytics") as response:
                figures = await response.json()
        store = ConversationStore(engine)
        touch = lambda: asyncio.to_thread(store.add, "bench-00000000", "agent", "…")  # noqa: E731
        pages = await page_times(url, runs, touch, shots)
        await runner.cleanup()
        engine.dispose()
    return {
        "conversations": figures["conversations"],
        "shapes": dict(shapes),
        "seed_seconds": round(seeded, 1),
        "api_first_ms": round(api[0]),
        "api_again_ms": round(api[1]),
        "csv_ms": round(export),
        "grouping_seconds": round(grouping, 1),
        "questions_not_answered": figures["questions"]["not_answered"],
        **{f"page_{name}_ms": [round(ms) for ms in values] for name, values in pages.items()},
        **{f"page_{name}_median_ms": round(statistics.median(v)) for name, v in pages.items()},
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"{'conversations in the range':<48} {result['conversations']}")
    api = f"{result['api_first_ms']} / {result['api_again_ms']} ms"
    print(f"{'analytics API, first reading / again':<48} {api}")
    print(f"{'CSV export':<48} {result['csv_ms']} ms")
    grouped = f"grouping {result['questions_not_answered']} unanswered questions"
    print(f"{grouped:<48} {result['grouping_seconds']} s, in the background")
    for key, label in PAGES.items():
        times = result[f"page_{key}_ms"]
        print(f"{label:<48} median {result[f'page_{key}_median_ms']} ms of {times}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shots", type=Path, help="save a screenshot of each chart here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    result = asyncio.run(measure(args.conversations, args.runs, args.shots))
    return emit(result, args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
