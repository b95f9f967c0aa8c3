"""What the readers of customer messages count as a word: letters, with an apostrophe or a hyphen
inside ("кого-то", "don't", "e-mail"), never digits. One pattern, so that every reader cuts a
message the same way."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
