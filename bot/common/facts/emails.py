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
    writer says they wrote to is someone else's."""
    found = []
    for match in EMAIL_PATTERN.finditer(text):
        candidate = match.group().strip(".-'")
        start = match.start() + match.group().index(candidate)
        if _WRITTEN_TO.search(text[max(0, start - LOOK_BACK) : start]):
            continue
        try:
            valid = validate_email(candidate, check_deliverability=False, allow_smtputf8=True)
        except EmailNotValidError:
            continue
        found.append((valid.normalized.lower(), (start, start + len(candidate))))
    return found
