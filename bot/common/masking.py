"""Personal data masked out of free text: payment cards, Russian passports, phones and emails.

One module for every process: the handoff summary and the desk transcript mask cards only (the
agent needs the contacts); logs mask everything (`install_log_masking()` in the gateway's, the
action server's and the supervisor's main), so a log file can be shared with a developer without
leaking a customer's card or phone. Logs name a conversation by `conversation_ref`, a hash of
its sender id, never by the id itself.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any

from bot.common.contacts import EMAIL_PATTERN
from bot.common.facts.cards import card_spans, luhn_valid

CARD_PATTERN = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
# Series (4 digits, often written 2+2) and number (6 digits): "45 06 123456", "4506123456".
PASSPORT_PATTERN = re.compile(r"(?<![\d\w])\d{2} ?\d{2}[ -]?\d{6}(?![\d\w])")
# A run of digits, spaces, brackets and dashes, optionally with a leading "+"; the digit count
# (10-15, E.164) decides, so dates, times, order numbers (8 digits) and counters stay readable.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()-]{7,}\d(?![\w])")
PHONE_DIGITS = range(10, 16)
# A timestamp a log line quotes ("2026-12-04 23:49:58,520") has ten digits before its first colon.
DATE_START = re.compile(r"\d{4}-\d{2}-\d{2}\b")
CARD_MASK = "**** **** **** "
PASSPORT_MASK = "[passport]"
PHONE_MASK = "[phone]"
EMAIL_MASK = "[email]"


def conversation_ref(sender: str) -> str:
    """How logs name a conversation: a hash, since a sender id can be tied to a person."""
    return hashlib.sha256(sender.encode()).hexdigest()[:12]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask_cards(text: str) -> str:
    """Keeps the last four digits of a payment card number: every card the fact reader finds
    (a mistyped card in four groups of four, or digits after "карта"/"card", included), then
    any other 13-19 digits passing Luhn."""
    for start, end in sorted(card_spans(text), reverse=True):
        text = text[:start] + CARD_MASK + _digits(text[start:end])[-4:] + text[end:]

    def masked(match: re.Match[str]) -> str:
        digits = _digits(match.group())
        return CARD_MASK + digits[-4:] if luhn_valid(digits) else match.group()

    return CARD_PATTERN.sub(masked, text)


def mask_phones(text: str) -> str:
    def masked(match: re.Match[str]) -> str:
        candidate = match.group()
        if DATE_START.match(candidate) or len(_digits(candidate)) not in PHONE_DIGITS:
            return candidate
        return PHONE_MASK

    return PHONE_CANDIDATE.sub(masked, text)


def mask_personal_data(text: str) -> str:
    """Everything a log line must not carry in clear. Cards first: they are the longest runs."""
    text = EMAIL_PATTERN.sub(EMAIL_MASK, text)
    text = mask_cards(text)
    text = PASSPORT_PATTERN.sub(PASSPORT_MASK, text)
    return mask_phones(text)


def mask_record(record: logging.LogRecord) -> None:
    """Masks the formatted message and the traceback of one log record, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: logging reports it when the record is emitted
        return
    masked = mask_personal_data(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        record.exc_text = mask_personal_data(logging.Formatter().formatException(record.exc_info))


def install_log_masking() -> None:
    """Every record of the process is masked when it is made, whatever logger or handler it
    goes through later: libraries (rasa-sdk, sanic, aiohttp) add their own handlers after us."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_personal_data", False):
        return

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        mask_record(record)
        return record

    masked_record.masks_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked_record)
