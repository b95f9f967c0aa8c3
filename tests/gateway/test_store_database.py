"""The bridge to blocking database calls: busy retries, and the event loop stays free."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from bot.gateway.store.conversations import insert_ignoring_duplicates
from bot.gateway.store.database import Database, call_with_retry
from bot.gateway.store.schema import conversations
from tests.gateway import postgres

# Fixtures that start a real server, shared with the other modules that need one.
postgres_url = postgres.postgres_url


def flaky(failures: int, message: str = "database is locked"):
    calls = []

    def run() -> str:
        calls.append(1)
        if len(calls) <= failures:
            raise OperationalError("UPDATE ...", {}, sqlite3.OperationalError(message))
        return "done"

    return run, calls


def test_a_busy_database_is_retried_until_it_answers():
    run, calls = flaky(2)
    assert call_with_retry(run) == "done" and len(calls) == 3


def test_other_errors_are_not_retried():
    run, calls = flaky(1, "no such table: x")
    with pytest.raises(OperationalError):
        call_with_retry(run)
    assert len(calls) == 1


async def test_calls_run_off_the_event_loop(tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'g.db'}")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    await db.run(time.sleep, 0.3)
    task.cancel()
    db.close()
    assert ticks >= 10, "the loop kept running while the call blocked its thread"


def test_postgres_deadlocks_and_serialization_failures_are_retried():
    for message in ("deadlock detected", "could not serialize access due to concurrent update"):
        run, calls = flaky(1, message)
        assert call_with_retry(run) == "done" and len(calls) == 2, message


def test_a_database_that_stays_busy_fails_after_the_last_retry(monkeypatch):
    monkeypatch.setattr("bot.common.sql.RETRY_DELAYS", (0.0, 0.0))
    run, calls = flaky(10)
    with pytest.raises(OperationalError):
        call_with_retry(run)
    assert len(calls) == 3


def test_postgres_statements_have_a_time_limit(postgres_url):
    db = Database(postgres_url, timeout_seconds=1)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "1s"
            started = time.monotonic()
            with pytest.raises(OperationalError, match="statement timeout"):
                connection.execute(text("SELECT pg_sleep(5)"))
            assert time.monotonic() - started < 4
    finally:
        db.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_insert_ignoring_duplicates_keeps_the_first_row_on_both_databases(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_url")
    db = Database(url)
    conversation = f"ignore-dup-{time.time_ns()}"
    row = {"id": conversation, "language": "ru", "metadata_json": "{}", "created_at": 1.5}
    try:
        with db.engine.begin() as connection:
            assert insert_ignoring_duplicates(connection, conversations, **row)
            again = {**row, "language": "en", "created_at": 2.5}
            assert not insert_ignoring_duplicates(connection, conversations, **again)
            stored = connection.execute(
                select(conversations).where(conversations.c.id == conversation)
            ).one()
        assert (stored.language, stored.created_at) == ("ru", 1.5)
        with db.engine.connect() as connection, pytest.raises(ValueError, match="no column"):
            insert_ignoring_duplicates(connection, conversations, id="x", colour="red")
    finally:
        db.close()
