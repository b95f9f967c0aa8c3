"""Overlap checks between character spans: one piece of text is one fact at most."""

from __future__ import annotations

from collections.abc import Iterable

from bot.common.facts.model import Span


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    start, end = span
    return any(start < other_end and other_start < end for other_start, other_end in others)
