"""How every bench command hands over its result: a table for people, JSON (`--json`) for tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def emit(
    result: dict[str, Any], as_json: bool, print_table: Callable[[dict[str, Any]], None]
) -> int:
    """Print the result one way or the other; the command's exit code."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0
