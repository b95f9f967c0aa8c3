"""The customer's verdict on an article, kept with the articles offered (`kb_offered`), so that a
handoff can tell the agent what was read and what the customer thought of it."""

from __future__ import annotations

from typing import Any


def with_verdict(offered: list[dict[str, Any]], article_id: str, helpful: bool) -> list[dict]:
    return [
        {**entry, "verdict": "helpful" if helpful else "not_helpful"}
        if entry.get("id") == article_id
        else entry
        for entry in offered
    ]
