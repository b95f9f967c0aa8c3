"""A phone number corrected by its last digits: "ой, в номере ошиблась, в конце 380, а не 308",
"oh and the phone's wrong, it ends in 5521 not 5512". The customer gives only the ending; the rest
is the number known before, so the corrected number is that one with the new ending, when its old
ending is the one they name.
"""

from __future__ import annotations

import re

from actions.text_fold import folded

# The new ending, then the old one it replaces.
NEW_THEN_OLD = re.compile(
    r"\b(?:в конце|на конце|заканчивается на|кончается на|последние (?:\w+ )?цифры"
    r"|ends (?:in|with)|last (?:\w+ )?digits (?:are |is )?)\s*(\d{2,6})\s*,?\s*"
    r"(?:а не|не|not|rather than|instead of)\s+(\d{2,6})\b"
)
# The old ending first: "не 308, а 380 в конце", "not 5512 but 5521 at the end".
OLD_THEN_NEW = re.compile(
    r"\b(?:в конце|на конце|at the end)?\s*(?:не|not)\s+(\d{2,6})\s*,?\s*(?:а|but)\s+(\d{2,6})"
    r"\s+(?:в конце|на конце|at the end)\b"
)


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
