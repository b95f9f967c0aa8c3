"""Email addresses: bot/common/contacts.py's pattern finds candidates, `email-validator` decides
and normalises.

The pattern alone accepts "a..b@x" and trailing dots; the validator knows the RFCs (and IDN
domains), without a DNS look-up, so extraction stays offline and fast.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from bot.common.contacts import EMAIL_PATTERN
from bot.common.facts.model import Span


def emails(text: str) -> list[tuple[str, Span]]:
    """Valid addresses in the order written, lower-cased, each with its span."""
    found = []
    for match in EMAIL_PATTERN.finditer(text):
        candidate = match.group().strip(".-'")
        start = match.start() + match.group().index(candidate)
        try:
            valid = validate_email(candidate, check_deliverability=False, allow_smtputf8=True)
        except EmailNotValidError:
            continue
        found.append((valid.normalized.lower(), (start, start + len(candidate))))
    return found
