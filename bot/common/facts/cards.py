"""Payment card numbers: found first, so that no other reader takes their digits for a fact.

A card is 13-19 digits passing the Luhn check, typed whole or in groups of four (Amex: 4-6-5);
sixteen digits in four groups of four are taken for a card even when the check fails (a mistyped
card is still a card to mask). Reporting where it is lets callers mask it before it is stored.
"""

from __future__ import annotations

from bot.common.facts.digits import Group, digit_runs, joined
from bot.common.facts.model import Span
from bot.common.masking import luhn_valid

CARD_LENGTHS = range(13, 20)


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


def card_spans(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for run in digit_runs(text):
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
