"""A fact corrected by a part of it. A phone by its last digits: "ой, в номере ошиблась, в конце
380, а не 308", "oh and the phone's wrong, it ends in 5521 not 5512". An e-mail by the part typed
wrong: "ой, не gmial, а gmail конечно", "it's outlook not outloook". The customer gives only the
part; the rest is the fact known before, so the corrected fact is that one with the new part, when
the old part is one it holds.
"""

from __future__ import annotations

import re

from actions.text_fold import folded
from bot.common.facts import extract_facts

_DIGITS = r"(\d{2,6})"
_END_WORDS = r"(?:в конце|на конце|at the end)"


def _old_then_new(part: str) -> str:
    """The part typed wrong, then the right one: "не 308, а 380", "not outloook but outlook"."""
    return rf"(?:не|not)\s+{part}\s*,?\s*(?:а|but)\s+{part}"


def _new_then_old(part: str, gap: str, denials: str = "") -> str:
    """The right part, then the one typed wrong: "380, а не 308", "outlook not outloook"."""
    return rf"{part}{gap}(?:а не|не|not{denials})\s+{part}"


# The new ending, then the old one it replaces.
NEW_THEN_OLD = re.compile(
    r"\b(?:в конце|на конце|заканчивается на|кончается на|последние (?:\w+ )?цифры"
    r"|ends (?:in|with)|last (?:\w+ )?digits (?:are |is )?)\s*"
    + _new_then_old(_DIGITS, r"\s*,?\s*", "|rather than|instead of")
    + r"\b"
)
# The old ending first: "не 308, а 380 в конце", "not 5512 but 5521 at the end".
OLD_THEN_NEW = re.compile(rf"\b{_END_WORDS}?\s*{_old_then_new(_DIGITS)}\s+{_END_WORDS}\b")


def corrected_by_ending(text: str, known: str | None) -> str | None:
    """The known number with the ending the message gives in place of the one it names, or
    None when the message corrects no ending of it."""
    if not known:
        return None
    lowered = folded(text)
    reversed_pairs = [(new, old) for old, new in OLD_THEN_NEW.findall(lowered)]
    pairs = NEW_THEN_OLD.findall(lowered) + reversed_pairs
    for new, old in pairs:
        if len(new) == len(old) and new != old and known.endswith(old):
            return known[: -len(old)] + new
    return None


# The part typed wrong and the right one: "не gmial, а gmail", "not outloook but outlook"; or the
# right one first: "gmail, не gmial", "outlook not outloook".
_PART = r"([\w.+-]{2,})"
OLD_PART_FIRST = re.compile(rf"(?:^|[\s,]){_old_then_new(_PART)}")
_PART_GAP = r"\s*,?\s+"
NEW_PART_FIRST = re.compile(rf"(?:^|[\s,]){_new_then_old(_PART, _PART_GAP)}")


def corrected_in_part(text: str, known: str | None) -> str | None:
    """The known e-mail with the part the message names as typed wrong replaced by the right
    one, when that part is in the address once and the result is an address; else None."""
    if not known:
        return None
    lowered = text.lower()
    pairs = OLD_PART_FIRST.findall(lowered) + [
        (old, new) for new, old in NEW_PART_FIRST.findall(lowered)
    ]
    for old, new in pairs:
        old, new = old.strip("."), new.strip(".")
        if old == new or known.count(old) != 1:
            continue
        corrected = extract_facts(known.replace(old, new)).email
        if corrected:
            return corrected
    return None
