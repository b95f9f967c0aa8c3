"""Russian words typed in Latin letters the way people type them in chats ("drugoi cvet", "belyi",
"obmenyat", "elektrochainik"), read back into Cyrillic word by word.

cyrtranslit follows one scheme (GOST-like) and reads chat spelling badly: "cvet" → "квет",
"belyi" → "бели", "drugoi" → "другои". Chat spelling is ambiguous ("c" is ц or к, "i" after a
vowel is й or и, "y" is ы or й, a final consonant may carry a soft sign), so each word's few
readings are tried, most usual first, and the first the Russian dictionary knows is kept; a word
it knows in no reading keeps its first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache

# Letter groups, longest first, with their readings, most usual first.
_UNITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)),
    ("sch", ("щ", "сч")),
    ("zh", ("ж",)),
    ("kh", ("х",)),
    ("ch", ("ч",)),
    ("sh", ("ш",)),
    ("ts", ("ц", "тс")),
    ("tz", ("ц",)),
    ("ya", ("я", "ыа")),
    ("ja", ("я",)),
    ("ia", ("я", "иа")),
    ("yu", ("ю",)),
    ("ju", ("ю",)),
    ("iu", ("ю", "иу")),
    ("yo", ("ё", "йо")),
    ("jo", ("ё",)),
    ("ye", ("е", "ье")),
    ("je", ("е",)),
    ("yi", ("ый", "ий")),
    ("iy", ("ий",)),
    ("ij", ("ий",)),
    ("a", ("а",)),
    ("b", ("б",)),
    ("c", ("ц", "к")),
    ("d", ("д",)),
    ("e", ("е", "э")),
    ("f", ("ф",)),
    ("g", ("г",)),
    ("h", ("х",)),
    ("i", ("и", "й")),
    ("j", ("й",)),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о",)),
    ("p", ("п",)),
    ("q", ("к",)),
    ("r", ("р",)),
    ("s", ("с",)),
    ("t", ("т",)),
    ("u", ("у",)),
    ("v", ("в",)),
    ("w", ("в",)),
    ("x", ("кс",)),
    ("y", ("ы", "й")),
    ("z", ("з",)),
    ("'", ("ь",)),
)
_UNIT = re.compile("|".join(re.escape(letters) for letters, _ in _UNITS))
_READINGS = dict(_UNITS)
LATIN_WORD = re.compile(r"[a-z']+")
MAX_READINGS = 64  # a long word's combinations are cut here; its first readings are the usual ones
_CONSONANT_END = re.compile(r"[бвгдзклмнпрстфхцчшщ]$")


def readings(word: str) -> list[str]:
    """Every Cyrillic reading of one Latin-typed word, most usual first; a soft sign at the end
    ("obmenyat" → "обменять") after each."""
    units = _UNIT.findall(word.lower())
    if "".join(units) != word.lower():
        return []
    choices = [_READINGS[unit] for unit in units]
    found: list[str] = []
    for combination in itertools.islice(itertools.product(*choices), MAX_READINGS):
        spelled = "".join(combination)
        found.append(spelled)
        if _CONSONANT_END.search(spelled):
            found.append(spelled + "ь")
    return found


def chat_reading(text: str, is_known: Callable[[str], bool]) -> str:
    """`text` with each Latin-typed word replaced by its first reading `is_known` accepts (else
    its first reading); other characters unchanged."""

    @lru_cache(maxsize=1024)
    def read(word: str) -> str:
        options = readings(word)
        if not options:
            return word
        return next((option for option in options if is_known(option)), options[0])

    return LATIN_WORD.sub(lambda match: read(match.group(0)), text.lower())
