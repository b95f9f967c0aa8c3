"""Order numbers: eight digits, however the customer groups them ("58 213 947", "3918-2746").

Digits that are part of a card, a phone or an email were already claimed; dates typed with dashes,
amounts of money and quantities are eight digits too, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.common.facts.digits import Group, digit_runs, joined
from bot.common.facts.model import Span
from bot.common.facts.spans import overlaps

ORDER_DIGITS = 8
# What follows an amount or a quantity: "12 500 000 руб", "10 000 000 шт", "$", "%".
_UNIT_AFTER = re.compile(
    r"^\s*(?:руб|р\.|р\b|₽|rub|usd|eur|\$|€|%|тыс|млн|шт|pcs|items|штук|коп|kg|кг|км|km|gb|гб|мб|mb)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$€₽£]|rub|usd|eur)\s*$", re.IGNORECASE)
_CUE_BEFORE = re.compile(r"(?:заказ\w*|order\w*|№|#|no\.?|номер\w*)\W{0,3}$", re.IGNORECASE)
# Eight digits that name something else: an item's code, a company's registration, an account.
_OTHER_NUMBER_BEFORE = re.compile(
    r"(?:артикул\w*|арт\.|sku|код\w* товара|item (?:code|number|no)|product (?:code|id|number)"
    r"|reg(?:istration)?\.? (?:number|no)|company (?:number|no)|инн|огрн\w*|кпп|бик|окпо"
    r"|сч[её]т\w*|трек\w*|track\w*|паспорт\w*|снилс|iban|account|invoice)"
    r"\W{0,3}(?:№|#|no\.?|number|номер)?\W{0,3}$",
    re.IGNORECASE,
)


def _date_like(groups: list[Group]) -> bool:
    """12-05-2026 or 2026-05-12: a date typed with dashes or spaces."""
    sizes = [len(group.digits) for group in groups]
    if sizes == [2, 2, 4]:
        day, month = int(groups[0].digits), int(groups[1].digits)
        return 1 <= day <= 31 and 1 <= month <= 12
    if sizes == [4, 2, 2]:
        month, day = int(groups[1].digits), int(groups[2].digits)
        return 1 <= day <= 31 and 1 <= month <= 12
    return False


def _phone_like(text: str, groups: list[Group]) -> bool:
    """ "8 999 12 34", "+7 916 12 34 5": a phone typed in groups (maybe cut short), not an order.
    A phone begins with its trunk or country code as a group of its own, then a 3-digit code."""
    if len(groups) < 3 or len(groups[1].digits) != 3:
        return False
    first = groups[0]
    plus = text[max(0, first.span[0] - 1) : first.span[0]] == "+"
    return first.digits == "8" or (first.digits == "7" and plus)


# Typed without a space after the word: "заказ12345678", "order12345678".
_GLUED = re.compile(r"(?:заказ[а-яё]*|order|zakaz)(\d{8})(?!\d)", re.IGNORECASE)


def _candidates(text: str) -> Iterable[tuple[str, Span]]:
    for match in _GLUED.finditer(text):
        yield match.group(1), match.span(1)
    for run in digit_runs(text):
        if _phone_like(text, run):
            continue
        digits, span = joined(run)
        if len(digits) == ORDER_DIGITS and not _date_like(run):
            yield digits, span
            continue
        for group in run:  # one eight-digit block inside a longer run
            if len(group.digits) == ORDER_DIGITS:
                yield group.digits, group.span


def order_numbers(text: str, skip: Iterable[Span] = ()) -> list[tuple[str, Span]]:
    """Order numbers in the order written, the ones introduced by "заказ"/"order"/"№" first."""
    skip = tuple(skip)
    found = []
    for digits, span in _candidates(text):
        if overlaps(span, skip):
            continue
        if _UNIT_AFTER.match(text[span[1] :]) or _CURRENCY_BEFORE.search(text[: span[0]]):
            continue
        if _OTHER_NUMBER_BEFORE.search(text[max(0, span[0] - 30) : span[0]]):
            continue
        found.append((digits, span))
    found.sort(key=lambda item: item[1][0])  # in the order written
    found.sort(key=lambda item: not _CUE_BEFORE.search(text[max(0, item[1][0] - 12) : item[1][0]]))
    return found
