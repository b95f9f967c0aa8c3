"""Payment card numbers: found first, so that no other reader takes their digits for a fact.

A card is 13-19 digits passing the Luhn check, typed whole or in groups of four (Amex: 4-6-5);
sixteen digits in four groups of four are taken for a card even when the check fails (a mistyped
card is still a card to mask), and so are 13-19 digits right after the word "карта"/"card".
Reporting where it is lets callers mask it before it is stored.
"""

from __future__ import annotations

import re

from bot.common.facts.digits import Group, digit_runs, joined
from bot.common.facts.model import Span

CARD_LENGTHS = range(13, 20)
# The customer says a card follows: then 13-19 digits are one however they are grouped and even
# when a digit is mistyped ("номер карты: 4276380012345671", "карта 4276 3800 12345678").
_CARD_CUE = re.compile(
    r"(?:карт[аеуыо]\w*|card|visa|виза|mastercard|мастеркард|maestro|amex|american express"
    r"|\bмир)\W{0,3}(?:№|#|no\.?|number|номер)?\W{0,3}$",
    re.IGNORECASE,
)
CUE_WINDOW = 25  # characters before a run searched for a card cue


def luhn_valid(digits: str) -> bool:
    """The check digit every payment card number carries."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_grouping(groups: list[Group]) -> bool:
    """One block, fours with a shorter last group, or the Amex 4-6-5 pattern."""
    sizes = [len(group.digits) for group in groups]
    if len(sizes) == 1:
        return True
    if all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4:
        return True
    return sizes in ([4, 6, 5], [4, 6, 4])


def _typed_as_card(groups: list[Group]) -> bool:
    """Four groups of four digits: a card even if a digit is wrong, and still to be masked."""
    return len(groups) == 4 and all(len(group.digits) == 4 for group in groups)


def _cued_card(text: str, run: list[Group]) -> Span | None:
    """The whole run, when a card cue stands right before it and its length is a card's."""
    digits, span = joined(run)
    before = text[max(0, span[0] - CUE_WINDOW) : span[0]]
    return span if len(digits) in CARD_LENGTHS and _CARD_CUE.search(before) else None


def card_spans(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for run in digit_runs(text):
        if cued := _cued_card(text, run):
            spans.append(cued)
            continue
        start = 0
        while start < len(run):
            found = None
            for stop in range(len(run), start, -1):  # the longest card starting here
                digits, span = joined(run[start:stop])
                groups = run[start:stop]
                if _typed_as_card(groups) or (
                    len(digits) in CARD_LENGTHS and _card_grouping(groups) and luhn_valid(digits)
                ):
                    found = (stop, span)
                    break
            if found:
                start = found[0]
                spans.append(found[1])
            else:
                start += 1
    return tuple(spans)
