"""Facts a customer states in any message: own name, email, phone, order number, app version.

One call, `extract_facts(text)`, so the handoff form, the desk and analytics read a message the
same way; card numbers are found too, so that callers can mask them and never take one for a phone
or an order.
"""

from __future__ import annotations

from bot.common.facts.extract import extract_facts
from bot.common.facts.lexicon import preload
from bot.common.facts.model import Facts, Span

__all__ = ["Facts", "Span", "extract_facts", "preload"]
