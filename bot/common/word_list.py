"""Word lists written as text: one place for the helper every rule module uses.

Long lists of cue words read best as a block of text, several words a line; ruff's SIM905 asks
for a list literal where `str.split()` is called on a literal, so the split goes through here.
"""

from __future__ import annotations


def listed(text: str) -> frozenset[str]:
    """The words of a word list written as text, several a line."""
    return frozenset(text.split())
