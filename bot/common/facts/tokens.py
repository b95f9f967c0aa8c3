"""Words, numbers and punctuation with their offsets, and where lines start: the name rules look
at what comes right before and after a word, and a punctuation mark ends a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)|(?P<number>\d+)|(?P<mark>[^\w\s])|(?P<newline>\n)"
)


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # "word", "number" or "mark"
    start: int
    end: int
    line_start: bool  # the first token of a line
    lower: str  # lower case, typographic apostrophe made plain: what cues and lists compare

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    line_start = True
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "mark"
        if kind == "newline":
            line_start = True
            continue
        text = match.group()
        lower = text.lower().replace("’", "'")
        tokens.append(Token(text, kind, match.start(), match.end(), line_start, lower))
        line_start = False
    return tokens
