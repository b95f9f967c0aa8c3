"""What the website told us about the customer, cleaned before it reaches a slot or a reply."""

from __future__ import annotations

import re
from typing import Any

MAX_NAME_LENGTH = 60
# Names are shown to the customer and to agents: letters, spaces, hyphens and apostrophes only.
_NAME_CHARACTERS = re.compile(r"[^\w\s'’-]|[\d_]", re.UNICODE)


def clean_name(raw: Any) -> str | None:
    """A displayable first name, or None if the value is not a plausible name."""
    if not isinstance(raw, str):
        return None
    name = " ".join(_NAME_CHARACTERS.sub(" ", raw).split())[:MAX_NAME_LENGTH].strip()
    return name or None
