"""The widget's files as the gateway serves them: content types, the message limit filled in,
compression, and the size budget (widget.js plus its CSS under 50 KB gzipped)."""

from __future__ import annotations

import gzip

from bot.gateway.pages import DEMO_CSP, MAX_CHARS_PLACEHOLDER, STATIC_DIR

BUDGET_BYTES = 50 * 1024


async def test_script_and_styles_have_their_content_types(make_gateway):
    client = await make_gateway(max_message_chars=1234)
    script = await client.get("/widget.js")
    assert script.status == 200
    assert script.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert script.headers["X-Content-Type-Options"] == "nosniff"
    body = await script.text()
    assert 'Number("1234")' in body and MAX_CHARS_PLACEHOLDER not in body

    styles = await client.get("/widget.css")
    assert styles.status == 200
    assert styles.headers["Content-Type"] == "text/css; charset=utf-8"
    assert ".lm-launcher" in await styles.text()


async def test_widget_files_are_compressed_when_the_browser_accepts_it(make_gateway):
    client = await make_gateway()
    script = await client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["Content-Encoding"] == "gzip"


async def test_demo_page_embeds_the_widget_with_one_tag_under_a_strict_policy(make_gateway):
    client = await make_gateway()
    page = await client.get("/")
    assert page.status == 200
    assert page.headers["Content-Security-Policy"] == DEMO_CSP
    html = await page.text()
    assert html.count("<script") == 1 and 'src="/widget.js"' in html


def test_widget_stays_under_the_size_budget():
    sizes = [
        len(gzip.compress((STATIC_DIR / name).read_bytes(), compresslevel=9))
        for name in ("widget.js", "widget.css")
    ]
    assert sum(sizes) < BUDGET_BYTES, sizes


def test_widget_never_writes_markup_from_text():
    """Text reaches the page through textContent and DOM nodes only (docs: XSS-safe rendering)."""
    script = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
