"""Russian names typed in Latin letters ("menya zovut Oleg", "Yulia Tsvetkova") read back into
Cyrillic, so the same morphology decides whether a Latin word is a Russian name.

cyrtranslit does the letters; chat spelling ("ts", "kh", "iy", "ia") differs from its scheme, so a
few spellings are tried and the caller keeps the first the dictionary knows.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cyrtranslit

# Chat spellings → cyrtranslit's scheme (GOST-like: cz = ц, h = х, shh = щ, j = й).
_RESPELL = (
    (re.compile(r"shch|sch"), "shh"),
    (re.compile(r"ts"), "cz"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=[aeiouy])y(?=[^aeiouy]|$)"), "j"),  # Sergey, Andrey
    (re.compile(r"iy$|yy$|ij$"), "ij"),
    (re.compile(r"ia$"), "iya"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
)
_SOFT = re.compile(r"(?<=[bcdfghklmnpqrstvz])(?=y[aeiou])")  # Natalya → Natal'ya
_SOFT_L = re.compile(r"(?<=l)(?=[bcdfgkmnpstvz])")  # Olga → Ol'ga
_FINAL_Y = re.compile(r"(?<=[^aeiouy])y$")  # Dmitry → Dmitrij
_HARD_C = re.compile(r"c(?![eiyzh])")  # Carlos → Karlos (cyrtranslit reads c as ц)
# Latin letters, with the accented ones of European names: "José", "Zoë", "Łukasz".
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
LATIN_WORD = re.compile(rf"^[{_LATIN_LETTER}][{_LATIN_LETTER}'-]*$")


def is_latin(word: str) -> bool:
    """Written in Latin letters, accented or not: an English or other European word or name."""
    return bool(LATIN_WORD.match(word))


@lru_cache(maxsize=4096)
def cyrillic_spellings(word: str) -> tuple[str, ...]:
    """Cyrillic candidates for a Latin-typed Russian word, lower case, most literal first."""
    lower = word.lower().replace("'", "")
    respelled = lower
    for pattern, replacement in _RESPELL:
        respelled = pattern.sub(replacement, respelled)
    variants = [
        respelled,
        _SOFT.sub("'", respelled),
        _SOFT_L.sub("'", respelled),
        _FINAL_Y.sub("ij", respelled),
        _HARD_C.sub("k", respelled),
        lower,
    ]
    seen: dict[str, None] = {}
    for variant in variants:
        seen.setdefault(cyrtranslit.to_cyrillic(variant, "ru").lower(), None)
    return tuple(seen)
