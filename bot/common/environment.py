"""Frozen settings dataclasses to and from `<PREFIX><FIELD>` variables (`ASSISTANT_GATEWAY_PORT`).

One loader, so every family of settings reads, converts and rejects variables alike: a field's
annotation decides the conversion (int, float, Path, else the text as it is), an unknown variable
with the family's prefix is an error naming the known ones, never silently ignored. Nothing here
reads `os.environ`: callers pass it, tests pass their own mapping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def variable_names(cls: type, prefix: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    return [prefix + f.name.upper() for f in dataclasses.fields(cls) if f.name not in exclude]


def fields_from_mapping(
    cls: type,
    values: Mapping[str, str],
    prefix: str,
    *,
    error: type[Exception] = ValueError,
    other_families: tuple[str, ...] = (),
    exclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The keyword arguments for `cls` from the variables starting with `prefix`.

    Variables of `other_families` (prefixes another dataclass owns) are skipped, and so are the
    `exclude`d fields, which no variable may set.
    """
    known = {f.name: f for f in dataclasses.fields(cls) if f.name not in exclude}
    kwargs: dict[str, Any] = {}
    for key, raw in values.items():
        if not key.startswith(prefix) or key.startswith(other_families):
            continue
        name = key[len(prefix) :].lower()
        if name not in known:
            names = ", ".join(variable_names(cls, prefix, exclude))
            raise error(f"Unknown setting {key}. Known: {names}.")
        kwargs[name] = _convert(key, known[name].type, raw, error)
    return kwargs


def to_mapping(settings: Any, prefix: str) -> dict[str, str]:
    """The settings as variables, for a child process: `fields_from_mapping` reads them back."""
    return {
        prefix + f.name.upper(): str(getattr(settings, f.name))
        for f in dataclasses.fields(settings)
    }


def _convert(key: str, annotation: Any, raw: str, error: type[Exception]) -> Any:
    kind = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw).resolve()
    except ValueError:
        raise error(f"{key} must be a {kind}, got {raw!r}.") from None
    return raw
