"""Sizes and modification times of a folder's files: how watchers notice a change cheaply.

Used by the supervisor's article watcher and the gateway's announcement board.
"""

from __future__ import annotations

from pathlib import Path

Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Size and modification time of every file under `folder`, or of `folder` itself when it is
    one file (a help center exported as one JSONL file); empty if it is missing."""
    if folder.is_file():
        paths = [folder]
    elif folder.is_dir():
        paths = list(folder.rglob("*"))
    else:
        return {}
    result = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # removed while we looked
            continue
        if path.is_file():
            result[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return result
