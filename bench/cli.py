"""How every bench command hands over its result: a table for people, JSON (`--json`) for tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def command_parser(module: str, doc: str | None) -> argparse.ArgumentParser:
    """The parser of `python -m <module>`, its help the module's docstring with its lines kept
    (`module` is spelled out: under `-m`, `__name__` is `__main__`)."""
    return argparse.ArgumentParser(
        prog=f"python -m {module}",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def emit(
    result: dict[str, Any], as_json: bool, print_table: Callable[[dict[str, Any]], None]
) -> int:
    """Print the result one way or the other; the command's exit code."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


def run_and_emit(
    measure: Callable[[], dict[str, Any]],
    failures: tuple[type[Exception], ...],
    as_json: bool,
    print_table: Callable[[dict[str, Any]], None],
) -> int:
    """Runs the measurement and emits its result; a failure the command expects (no data, a
    stack that would not start) is one line on stderr and exit code 2, not a traceback."""
    try:
        result = measure()
    except failures as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return emit(result, as_json, print_table)
