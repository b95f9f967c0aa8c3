"""Reads and writes `text,label` CSV files, skipping bad rows with a message naming file and row.

A benchmark on public data should not die on one odd row, but it must say what it left out, so
every reader returns the skipped rows' reasons next to the valid examples.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("text", "label")


class DataError(Exception):
    """The file cannot be used at all (missing, unreadable, wrong header)."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    line: int = field(default=0, compare=False)


@dataclass
class LabelledData:
    path: Path
    examples: list[Example] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def labels(self) -> set[str]:
        return {example.label for example in self.examples}


def read_csv(path: Path) -> LabelledData:
    """Rows with empty text or label are skipped with a reason; a bad header is a `DataError`."""
    data = LabelledData(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(
                    f"{path}: line 1: missing column(s) {', '.join(missing)}; "
                    f"the header must contain {','.join(COLUMNS)}, got {reader.fieldnames}"
                )
            for row in reader:
                text = (row.get("text") or "").strip()
                label = (row.get("label") or "").strip()
                if not text or not label:
                    empty = "text" if not text else "label"
                    data.skipped.append(f"{path}: line {reader.line_num}: empty {empty}")
                    continue
                data.examples.append(Example(" ".join(text.split()), label, reader.line_num))
    except FileNotFoundError as error:
        raise DataError(f"{path}: no such file") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"{path}: not a UTF-8 CSV file ({error})") from error
    if not data.examples:
        raise DataError(f"{path}: no usable rows")
    return data


def drop_unknown_labels(data: LabelledData, known: set[str], allowed: set[str]) -> LabelledData:
    """Keep rows whose label the model can predict; `allowed` adds e.g. the out-of-scope label."""
    kept = LabelledData(data.path, skipped=list(data.skipped))
    for example in data.examples:
        if example.label in known or example.label in allowed:
            kept.examples.append(example)
        else:
            kept.skipped.append(
                f"{data.path}: line {example.line}: label {example.label!r} not in training"
            )
    return kept


def write_csv(path: Path, examples: Iterable[Example]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for example in examples:
            writer.writerow((example.text, example.label))
            count += 1
    return count
