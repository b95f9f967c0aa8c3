"""SQL helpers every process that owns a table needs: SQLite's pragmas and retry on a busy database.

Shared by the gateway's store, Rasa's tracker store and the module that owns Rasa's events table.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError

log = logging.getLogger("gateway")
T = TypeVar("T")
RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
BUSY_SIGNS = ("locked", "busy", "deadlock detected", "could not serialize")


def set_sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL with synchronous=NORMAL: a commit is an append; a process crash loses nothing, a power
    cut can lose the last commits. Rasa's tracker store uses them too
    (bot/rasa_server/tracker_store.py).
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def is_busy(error: OperationalError) -> bool:
    """Worth another try: SQLite's lock, PostgreSQL's deadlock or serialization failure."""
    message = str(error.orig).lower()
    return any(sign in message for sign in BUSY_SIGNS)


def call_with_retry(function: Callable[..., T], *args: Any) -> T:
    for delay in (*RETRY_DELAYS, None):
        try:
            return function(*args)
        except OperationalError as error:
            if delay is None or not is_busy(error):
                raise
            log.warning("gateway.db.busy retry_in_ms=%.0f", delay * 1000)
            time.sleep(delay)
    raise AssertionError("unreachable")
