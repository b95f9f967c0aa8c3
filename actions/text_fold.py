"""One fold for the action server's word lists and patterns.

The patterns and word lists in actions/ are written lower-case, in Cyrillic, with е for ё and a
plain apostrophe, so a message is folded the same way before it is matched: "Всё ещё жду" is read
as "все еще жду", "I’m" (typographic apostrophe) as "i'm", and Russian typed in Latin letters in
Cyrillic ("nomer zakaza ne pomnyu" as "номер заказа не помню"), as the NLU and the search read it.
"""

from __future__ import annotations

from functools import lru_cache

from retrieval.normalise import in_cyrillic


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return in_cyrillic(text).lower().replace("ё", "е").replace("’", "'")


def folded(text: str | None) -> str:
    """Lower case, ё as е, a typographic apostrophe as a plain one, Latin-typed Russian in
    Cyrillic: how the patterns are written."""
    return _folded(text or "")
