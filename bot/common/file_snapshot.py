"""Sizes and modification times of a folder's files: how watchers notice a change cheaply.

Used by the supervisor's article watcher and the gateway's announcement board.
"""

from __future__ import annotations

from pathlib import Path

Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Size and modification time of every file under `folder` (empty if it is missing)."""
    if not folder.is_dir():
        return {}
    result = {}
    for path in folder.rglob("*"):
        try:
            stat = path.stat()
        except OSError:  # removed while we looked
            continue
        if path.is_file():
            result[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return result
