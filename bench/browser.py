"""The headless Chromium the benchmarks and the browser tests drive (Debian's package, installed by
scripts/test.sh), with the flags that keep it quiet and deterministic on a server."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
