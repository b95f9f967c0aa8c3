"""English words the help center writes in lower case: a title-cased phrase made only of them
("Wrong Item", "Late Delivery", "Parcel Damaged") is a subject line, not a person's name.

Read once, lazily, from the English articles of the help center the assistant serves
(ASSISTANT_KB_PATH, as the search reads it): they are long, written by the company, and never
write a person's name in lower case, so no hand-kept list of common words is needed; a help center
with other words brings its own. A word on the first-name list ("will", "mark") is left out: "Will
Turner" stays a name.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from bot.common.facts.english_names import ENGLISH_FIRST_NAMES
from bot.common.settings import PROJECT_ROOT, knowledge_path

# A word written in lower case, not inside a link, an address or a code ("e-500").
_LOWER_WORD = re.compile(r"(?<![\w/@.-])[a-z]{2,}(?![\w/@-])")


def words_of(texts: list[str]) -> frozenset[str]:
    """The lower-case words of `texts`, less the first names."""
    found: set[str] = set()
    for text in texts:
        found.update(_LOWER_WORD.findall(text))
    return frozenset(found - ENGLISH_FIRST_NAMES)


def english_articles() -> Path:
    """The folder of the served help center's English articles."""
    return knowledge_path(PROJECT_ROOT, os.environ) / "en"


@lru_cache(maxsize=1)
def common_words(folder: Path | None = None) -> frozenset[str]:
    """The help center's lower-case English words (empty when it has no English articles)."""
    folder = folder or english_articles()
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return words_of([path.read_text(encoding="utf-8") for path in paths])


def is_subject_line(words: list[str]) -> bool:
    """Every word is one the help center writes in lower case: "Wrong Item", not "Priya Shah"."""
    vocabulary = common_words()
    return bool(words) and all(word.lower() in vocabulary for word in words)
