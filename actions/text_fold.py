"""One fold for the action server's word lists and patterns.

The patterns and word lists in actions/ are written lower-case, with е for ё and a plain
apostrophe, so a message is folded the same way before it is matched: "Всё ещё жду" is read as
"все еще жду", and "I’m" (typographic apostrophe) as "i'm".
"""

from __future__ import annotations


def folded(text: str | None) -> str:
    """Lower case, ё as е, a typographic apostrophe as a plain one: how the patterns are written."""
    return (text or "").lower().replace("ё", "е").replace("’", "'")
