"""Runs of digit groups ("4276 3800 1234 5678", "58 213 947", "3918-2746") with their offsets.

Card and order readers both need the groups a person typed, not just the digits: the grouping
tells a card (fours) from two numbers written side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.common.facts.model import Span

# Groups joined by one or two spaces (no-break ones too) or one dash; a dot or comma ends the run,
# so dates, versions and prices with decimals are never one run.
_RUN = re.compile(r"(?<![\w.,])\d+(?:(?:[ \u00a0]{1,2}|-)\d+)*(?![\w]|[.,]\d)")
_GROUP = re.compile(r"\d+")


@dataclass(frozen=True)
class Group:
    digits: str
    span: Span


def digit_runs(text: str) -> list[list[Group]]:
    """Every run of digit groups in the text; a run not touching letters or decimal points."""
    runs = []
    for match in _RUN.finditer(text):
        offset = match.start()
        runs.append(
            [
                Group(group.group(), (offset + group.start(), offset + group.end()))
                for group in _GROUP.finditer(match.group())
            ]
        )
    return runs


def joined(groups: list[Group]) -> tuple[str, Span]:
    return "".join(group.digits for group in groups), (groups[0].span[0], groups[-1].span[1])
