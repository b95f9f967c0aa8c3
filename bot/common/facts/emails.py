"""Email addresses: bot/common/contacts.py's pattern finds candidates, `email-validator` decides
and normalises.

The pattern alone accepts "a..b@x" and trailing dots; the validator knows the RFCs (and IDN
domains), without a DNS look-up, so extraction stays offline and fast.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from bot.common.contacts import EMAIL_PATTERN
from bot.common.facts.model import Span
from bot.common.word_list import listed

# An address the customer wrote to, not their own: "писали на b2b@… неделю назад", "I emailed
# support@… twice" (while "пишите на anna@…" gives one's own).
_WRITTEN_TO = re.compile(
    r"(?:\b(?:на|по)?писал\w*|\bотправлял\w*|\bотправил\w*|\bобращал\w*|\bwrote|\bemailed"
    r"|\be-mailed|\bsent|\bcontacted|\bmessaged|\breached out)"
    r"(?:\s+(?:\w+\s+){0,2}?(?:на|to|at))?\s+$",
    re.IGNORECASE,
)
LOOK_BACK = 40  # characters before an address where the words that write to it are


def emails(text: str) -> list[tuple[str, Span]]:
    """Valid addresses in the order written, lower-cased, each with its span; an address the
    writer says they wrote to is someone else's. Addresses spelled out in words count too
    (`spelled_emails`), and a domain put right just after its address replaces its own."""
    found = []
    for match in EMAIL_PATTERN.finditer(text):
        candidate = match.group().strip(".-'")
        start = match.start() + match.group().index(candidate)
        valid = _valid(candidate)
        if valid is None or _written_to(text, start):
            continue
        found.append(_domain_put_right(text, valid, (start, start + len(candidate))))
    taken = [span for _, span in found]
    for value, span in spelled_emails(text):
        if not any(span[0] < end and start < span[1] for start, end in taken):
            found.append(_domain_put_right(text, value, span))
    return sorted(found, key=lambda item: item[1])


# A domain put right as soon as it is typed: "raphael.costa@gmial.com, sorry, gmail.com",
# "anna@mail.ru ой, то есть @bk.ru". Only the domain is given again; the login stays.
_DOMAIN_PUT_RIGHT = re.compile(
    r"\W{0,3}\b(?:sorry|oops|i mean|typo|ой|упс|точнее|вернее|то есть|в смысле|опечатка)"
    r"(?:\W+(?:i mean|то есть|не так|nope|нет))?\W+@?((?:[\w-]+\.)+[a-zа-я]{2,})\b",
    re.IGNORECASE,
)


def _domain_put_right(text: str, value: str, span: Span) -> tuple[str, Span]:
    """The address with the domain the writer puts right just after it, and the span taking
    the correction in; the address as it was when none follows or the result is no address."""
    match = _DOMAIN_PUT_RIGHT.match(text, span[1])
    if match is None or "@" in match.group(1):
        return value, span
    mended = _valid(f"{value.rsplit('@', 1)[0]}@{match.group(1)}")
    return (mended, (span[0], match.end())) if mended else (value, span)


def _valid(candidate: str) -> str | None:
    """The address normalised and lower-cased, or None when it is not one."""
    try:
        valid = validate_email(candidate, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        return None
    return valid.normalized.lower()


def _written_to(text: str, start: int) -> bool:
    return bool(_WRITTEN_TO.search(text[max(0, start - LOOK_BACK) : start]))


# An address spelled out so that forms and spam robots do not take it: "zhora.melnikov собака
# gmail.com", "ezra dot whitlock at outlook dot com", "anna @ mail.ru". Its words for "@" and "."
# stand between spaces; a dot written as a dot has none around it, and the address ends in a
# common top-level domain, so "I was at home. Then" is no address.
_AT = r"(?:\s+(?:at|собака|собачка|собаку)\s+|\s*@\s*|\s*[(\[](?:at|собака)[)\]]\s*)"
_DOT = r"(?:\s+(?:dot|точка)\s+|\.|\s*[(\[](?:dot|точка)[)\]]\s*)"
SPELLED_EMAIL = re.compile(
    rf"(?<![\w.@])([\w%+'-]+(?:{_DOT}[\w%+'-]+)*){_AT}([\w-]+(?:{_DOT}[\w-]+)+)(?![\w@])",
    re.IGNORECASE,
)
_DOT_WORDS = re.compile(_DOT, re.IGNORECASE)
# English "at" is a word of every sentence: an address with it shows other signs of spelling, a
# "dot" in words or a login's dot, underscore or digits.
_WORD_AT = re.compile(r"\sat\s", re.IGNORECASE)
_SPELLED_OUT = re.compile(
    r"\s(?:dot|точка)\s|[(\[]dot[)\]]|^[^\s@]*[._\d][^\s@]*\sat\s", re.IGNORECASE
)
COMMON_DOMAINS = listed(
    "com ru net org io me info biz su by kz ua uk de fr it es nl pl eu us ca au co edu gov рф"
)


def spelled_emails(text: str) -> list[tuple[str, Span]]:
    """Addresses spelled out in words (SPELLED_EMAIL) that are valid once written as addresses,
    lower-cased, each with its span."""
    found = []
    for match in SPELLED_EMAIL.finditer(text):
        if _WORD_AT.search(match.group()) and not _SPELLED_OUT.search(match.group()):
            continue  # "I bought it at mvideo.ru": "at" is a word here
        local, domain = (_DOT_WORDS.sub(".", part) for part in match.groups())
        if domain.rsplit(".", 1)[-1].lower() not in COMMON_DOMAINS or _written_to(
            text, match.start()
        ):
            continue
        valid = _valid(f"{local}@{domain}")
        if valid is not None:
            found.append((valid, match.span()))
    return found
