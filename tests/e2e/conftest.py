"""One headless Chromium per test module for the browser tests (widget, desk, analytics, banner)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from bench.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # A missing browser is a broken set-up, not a reason to skip: scripts/test.sh installs it.
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make test`, which installs chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
