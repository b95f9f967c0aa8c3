"""Engine creation and the bridge from the event loop to blocking database calls.

Every call runs in a small thread pool, so a slow disk never stalls the websockets; a busy SQLite
file ("database is locked") is retried with backoff instead of failing the request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.pool import QueuePool

from bot.common.settings import ConfigError
from bot.common.sql import call_with_retry, set_sqlite_pragmas
from bot.gateway.store.migrations import upgrade
from bot.gateway.store.schema import metadata

log = logging.getLogger("gateway")
T = TypeVar("T")
WORKERS = 4
SUPPORTED = ("sqlite", "postgresql")
DEFAULT_TIMEOUT_SECONDS = 10.0


def make_engine(url: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> Engine:
    """Creates the tables if missing; SQLite gets WAL so readers never wait for the writer.

    Every wait has a bound: connecting, a statement (PostgreSQL), a lock (SQLite's busy
    timeout) and a free pooled connection, so a stuck database fails a request with a clear
    error instead of hanging it."""
    parsed = make_url(url)
    if parsed.get_backend_name() not in SUPPORTED:
        raise ConfigError(
            f"ASSISTANT_DATABASE_URL: {parsed.get_backend_name()!r} is not supported; "
            "use postgresql://... or sqlite:///..., or leave it empty for SQLite in data_dir."
        )
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(
            url,
            future=True,
            pool_pre_ping=True,
            pool_timeout=timeout_seconds,
            connect_args={
                "connect_timeout": max(1, round(timeout_seconds)),
                "options": f"-c statement_timeout={round(timeout_seconds * 1000)}",
            },
        )
        metadata.create_all(engine)
        upgrade(engine)
        return engine
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        future=True,
        poolclass=QueuePool,
        pool_size=WORKERS,
        pool_timeout=timeout_seconds,
        connect_args={"timeout": timeout_seconds, "check_same_thread": False},
    )

    event.listen(engine, "connect", set_sqlite_pragmas)
    metadata.create_all(engine)
    upgrade(engine)
    return engine


class Database:
    """Owns the engine and the worker threads; `await db.run(fn, *args)` from the event loop."""

    def __init__(self, url: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.engine = make_engine(url, timeout_seconds)
        self._executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="db")

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, call_with_retry, function, *args)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.engine.dispose()
