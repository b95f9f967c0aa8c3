"""A progress bar on standard error for long benchmark loops; standard output is the result."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Items as they are worked through, with a bar redrawn at most once a second."""
    yield from tqdm(items, desc=label, total=total, file=sys.stderr, mininterval=1.0)
