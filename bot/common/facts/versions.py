"""The app's version: "5.12.1" wherever it is written, "5.12" only where the customer says it is
one ("v5.12", "версия 5.12", "обновился до 5.13", "app 5.10").

A bare two-part number is as often a date (5.12 = 5 December), a time or a size, so it needs a
cue; three parts are a version unless they belong to the operating system ("iOS 17.2.1").
"""

from __future__ import annotations

import re

from bot.common.facts.model import Span

_NUMBER = re.compile(
    r"(?:(?<![\w.,])(?P<v>[vV]\.?\s?)|(?<![\w.,]))"
    r"(?P<number>\d{1,2}\.\d{1,3}(?P<third>\.\d{1,4})?)(?![\d]|[.,]\d)"
)
# "12.05", "5.05": a part with a leading zero is a date or a price, not a version.
_LEADING_ZERO = re.compile(r"(?:^|\.)0\d")
_CUE_BEFORE = re.compile(
    r"верси[яиюей]|версией|version|\bver\b\.?|\bвер\.|versi[yi]a|versii|"
    r"приложени[еияю]|приложением|\bapp\b|application|prilozheni[ey]|\bbuild\b|сборк[аиу]|"
    r"обнов\w*\s+(?:\w+\s+)?до|updated?\s+to|upgraded?\s+to|update\s+\w*\s*to|"
    r"последн\w+|latest|\bу меня\b|\bi'?m on\b|\brunning\b|\busing\b",
    re.IGNORECASE,
)
# "the 5.15 update", "после обновления 5.15", "updating to 5.15": an update names a version next to
# it ("обновление от 5.12" is a date: a word between, and it is no longer next to it).
_CUE_AFTER = re.compile(
    r"^\s*(?:верси\w+|стоит|установлен\w*|version|update|upgrade|обновлени\w*|апдейт\w*)\b",
    re.IGNORECASE,
)
_CUE_RIGHT_BEFORE = re.compile(
    r"(?:обновлени[еяюи]|обновлением|апдейт\w*|\bupdate|updating\s+to|upgrading\s+to)\s*$",
    re.IGNORECASE,
)
_OS = re.compile(
    r"ios|ipados|android|андроид|айос|windows|macos|mac os|miui|harmonyos|linux|chrome|safari"
    r"|хром|браузер|browser|прошивк|firmware|\d",
    re.IGNORECASE,
)
# "у меня 2.5 кг", "5.99 руб": a measure or an amount.
_UNIT_AFTER = re.compile(
    r"^\s*(?:руб|р\.|₽|\$|€|%|кг|kg|г\b|см|cm|мм|mm|л\b|тыс|млн|шт|час|ч\b|мин|гб|gb|мб|mb|"
    r"размер|size|дюйм|inch|раз|times|km|км|m\b|м\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
# A cue typed without a space ("версия5.9.1"), and an update from one version to another ("с 5.3
# до 5.4.1", "from 5.3 to 5.4"): the version now is the second.
_GLUED = re.compile(r"(?:верси[яиюей]|version|ver)(\d{1,2}\.\d{1,3}(?:\.\d{1,4})?)(?![\d.])", re.I)
_UPDATE = re.compile(
    r"(?:обнов|updat|upgrad)\w*\s+(?:\w+\s+)?(?:с|from)\s+v?\d{1,2}\.\d{1,3}(?:\.\d{1,4})?\s+"
    r"(?:до|на|to)\s+v?(\d{1,2}\.\d{1,3}(?:\.\d{1,4})?)(?![\d.])",
    re.IGNORECASE,
)
CUE_WINDOW = 40  # characters before the number searched for a cue
MAX_WORDS_BETWEEN = 3  # "версия приложения у меня 5.12"


def _os_before(before: str) -> bool:
    """The nearest words before the number name an operating system or a browser."""
    return bool(_OS.search(" ".join(before.split()[-2:])))


def _cued(before: str, after: str) -> bool:
    """Whether the words around a number name it as the app's version."""
    if _UNIT_AFTER.match(after):
        return False
    if _CUE_AFTER.match(after) or _CUE_RIGHT_BEFORE.search(before):
        return True
    cues = list(_CUE_BEFORE.finditer(before))
    if not cues:
        return False
    between = before[cues[-1].end() :]
    # "обновил iOS до 17.2": the cue's own words may name the system too.
    words = _WORDS.findall(between)  # "app, still crashes on 5.10": punctuation is no word
    return not _OS.search(before[cues[-1].start() :]) and len(words) <= MAX_WORDS_BETWEEN


def _date(number: str) -> bool:
    """1.12.2024: day, month and a four-digit year."""
    day, month, *year = number.split(".")
    return bool(year) and len(year[0]) == 4 and 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def app_versions(text: str) -> list[tuple[str, Span]]:
    """Versions in the order they count: the one an update went to and a glued "версия5.9"
    first, then the others as written."""
    found = [(m.group(1), m.span(1)) for m in (*_UPDATE.finditer(text), *_GLUED.finditer(text))]
    for match in _NUMBER.finditer(text):
        number = match.group("number")
        if _LEADING_ZERO.search(number) or _date(number):
            continue
        before = text[max(0, match.start() - CUE_WINDOW) : match.start()]
        prefixed = bool(match.group("v"))
        three_parts = bool(match.group("third")) and not _os_before(before)
        span = match.span("number")
        if any(span == seen for _, seen in found):
            continue
        if prefixed or three_parts or _cued(before, text[match.end() : match.end() + 20]):
            found.append((number, span))
    return found
