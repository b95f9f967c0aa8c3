"""The website chat widget: its size, and how fast it is in a real browser.

`python -m bench.widget [--loads 10] [--messages 30] [--json]` starts the real stack on loopback and
reports:
- widget.js + widget.css, gzipped (the budget is 50 KB);
- page load → launcher visible (the widget's `lightchat:launcher-visible` mark, which it sets when
  its stylesheet has loaded and the button shows), over fresh page loads;
- message sent → first reply shown, measured in the page with the Performance API (the widget's
  `lightchat:send` and `lightchat:shown` marks), and separately the bot's own processing time: from
  the gateway's "bot typing" frame to its "typing off" frame, sent right before and after the
  gateway asks Rasa (the `lightchat:typing` marks). The difference is the widget's and gateway's
  own share: storing, pushing, rendering.
Messages are the held-out test examples of the project's intents, Russian and English mixed.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import itertools
import json
import sys
from typing import Any

from playwright.async_api import Page, async_playwright

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.load import TURNS_PER_CONVERSATION, sample_messages
from bench.metrics import percentile
from bench.stack import running_stack
from bot.gateway.pages import STATIC_DIR

REPLY_TIMEOUT_MS = 60_000
# After the first reply: wait until the bot is quiet (more replies may follow the first one).
QUIET_JS = """() => {
  const marks = performance.getEntriesByName("lightchat:typing");
  const last = marks[marks.length - 1];
  return last && !last.detail.on && document.querySelector("#lightchat").shadowRoot
    .querySelectorAll(".lm-pending").length === 0;
}"""
TIMING_JS = """() => {
  const after = (name, t) => performance.getEntriesByName(name).filter((m) => m.startTime > t);
  const sent = performance.getEntriesByName("lightchat:send")[0].startTime;
  const shown = after("lightchat:shown", sent).find((m) => m.detail.author === "bot");
  const typing = after("lightchat:typing", sent).filter((m) => m.detail.who === "bot");
  const on = typing.find((m) => m.detail.on);
  const off = typing.find((m) => !m.detail.on && on && m.startTime > on.startTime);
  return {reply: shown.startTime - sent, bot: on && off ? off.startTime - on.startTime : null};
}"""


def gzipped_sizes() -> dict[str, int]:
    sizes = {}
    for name in ("widget.js", "widget.css"):
        raw = (STATIC_DIR / name).read_bytes()
        sizes[name] = len(gzip.compress(raw, compresslevel=9))
        sizes[name + " raw"] = len(raw)
    sizes["total gzipped"] = sizes["widget.js"] + sizes["widget.css"]
    return sizes


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 0.5), 1),
        "p95": round(percentile(values, 0.95), 1),
        "n": len(values),
    }


async def launcher_times(browser: Any, base: str, loads: int) -> list[float]:
    """Fresh contexts: no cached widget, no stored conversation, as a first-time visitor."""
    times = []
    for _ in range(loads):
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(base + "/")
        await page.wait_for_function(
            "() => performance.getEntriesByName('lightchat:launcher-visible').length > 0"
        )
        times.append(
            await page.evaluate(
                "() => performance.getEntriesByName('lightchat:launcher-visible')[0].startTime"
            )
        )
        await context.close()
    return times


async def one_turn(page: Page, text: str) -> dict[str, float | None]:
    await page.evaluate("() => performance.clearMarks()")
    await page.locator(".lm-input").fill(text)
    await page.keyboard.press("Enter")
    # A bot message shown after this send (a greeting of a new conversation may come before it).
    await page.wait_for_function(
        """() => {
          const sent = performance.getEntriesByName("lightchat:send")[0];
          return sent && performance.getEntriesByName("lightchat:shown")
            .some((m) => m.detail.author === "bot" && m.startTime > sent.startTime);
        }""",
        timeout=REPLY_TIMEOUT_MS,
    )
    timing = await page.evaluate(TIMING_JS)
    await page.wait_for_function(QUIET_JS, timeout=REPLY_TIMEOUT_MS)
    return timing


async def reply_times(browser: Any, base: str, messages: list[str]) -> list[dict[str, Any]]:
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(base + "/")
    await page.locator(".lm-launcher").click()
    timings = []
    for turn, text in enumerate(messages):
        if turn and turn % TURNS_PER_CONVERSATION == 0:
            await page.locator(".lm-new").click()  # a fresh conversation, as real visitors have
        timings.append(await one_turn(page, text))
    await context.close()
    return timings


async def in_browser(base: str, loads: int, messages: list[str]) -> tuple[list, list]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        await reply_times(browser, base, messages[:2])  # warm-up: Rasa's and the page's first use
        launcher = await launcher_times(browser, base, loads)
        turns = await reply_times(browser, base, messages[2:])
        await browser.close()
    return launcher, turns


async def measure(loads: int, count: int, url: str | None) -> dict[str, Any]:
    messages = list(itertools.islice(itertools.cycle(sample_messages()[::7]), count + 2))
    if url:
        launcher, turns = await in_browser(url.rstrip("/"), loads, messages)
    else:
        async with running_stack() as settings:
            launcher, turns = await in_browser(settings.gateway_url, loads, messages)
    bot = [t["bot"] for t in turns if t["bot"] is not None]
    replies = [t["reply"] for t in turns]
    return {
        "size_bytes": gzipped_sizes(),
        "launcher_visible_ms": summary(launcher),
        "reply_shown_ms": summary(replies),
        "bot_processing_ms": summary(bot),
        "widget_and_gateway_ms": summary(
            [t["reply"] - t["bot"] for t in turns if t["bot"] is not None]
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.widget", description=__doc__)
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--messages", type=int, default=30)
    parser.add_argument("--url", help="a running gateway (make run) instead of a fresh stack")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.loads < 1 or args.messages < 1:
        parser.error("--loads and --messages must be at least 1")
    result = asyncio.run(measure(args.loads, args.messages, args.url))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    sizes = result["size_bytes"]
    print(
        f"widget.js + widget.css gzipped: {sizes['total gzipped']} bytes "
        f"({sizes['widget.js']} + {sizes['widget.css']}; budget 51200)"
    )
    print("measured in the browser        p50 ms   p95 ms    n")
    for name in (
        "launcher_visible_ms",
        "reply_shown_ms",
        "bot_processing_ms",
        "widget_and_gateway_ms",
    ):
        values = result[name]
        print(f"{name:<30} {values['p50']:>7} {values['p95']:>8} {values['n']:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
