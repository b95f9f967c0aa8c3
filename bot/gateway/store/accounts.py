"""Desk sessions and failed-login counters, in the database so a restart logs nobody out and
unlocks nobody early. Session tokens are stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from bot.gateway.store.conversations import insert_ignoring_duplicates
from bot.gateway.store.schema import desk_sessions, login_failures

MAX_FAILURES = 5
LOCK_SECONDS = 300.0
SESSION_SECONDS = 12 * 3600.0


@dataclass(frozen=True)
class Session:
    token: str
    login: str
    csrf: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def locked_for(self, login: str) -> float:
        """Seconds until `login` may try again; 0 when it is not locked."""
        with self._engine.connect() as connection:
            until = connection.execute(
                select(login_failures.c.locked_until).where(login_failures.c.login == login)
            ).scalar()
        return max(0.0, (until or 0.0) - time.time())

    def record_failure(self, login: str) -> bool:
        """Counts one wrong password; returns True when this failure locked the login."""
        with self._engine.begin() as connection:
            insert_ignoring_duplicates(
                connection, login_failures, login=login, failures=0, locked_until=0.0
            )
            connection.execute(
                update(login_failures)
                .where(login_failures.c.login == login)
                .values(failures=login_failures.c.failures + 1)
            )
            failures = connection.execute(
                select(login_failures.c.failures).where(login_failures.c.login == login)
            ).scalar_one()
            if failures < MAX_FAILURES:
                return False
            connection.execute(
                update(login_failures)
                .where(login_failures.c.login == login)
                .values(failures=0, locked_until=time.time() + LOCK_SECONDS)
            )
            return True

    def clear_failures(self, login: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(login_failures).where(login_failures.c.login == login))

    def open_session(self, login: str) -> Session:
        session = Session(secrets.token_urlsafe(32), login, secrets.token_urlsafe(32))
        with self._engine.begin() as connection:
            connection.execute(
                delete(desk_sessions).where(desk_sessions.c.expires_at < time.time())
            )
            connection.execute(
                insert(desk_sessions).values(
                    token_hash=token_hash(session.token),
                    login=login,
                    csrf=session.csrf,
                    expires_at=time.time() + SESSION_SECONDS,
                )
            )
        return session

    def session(self, token: str) -> Session | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(desk_sessions).where(desk_sessions.c.token_hash == token_hash(token))
            ).first()
        if row is None or row.expires_at < time.time():
            return None
        return Session(token, row.login, row.csrf)

    def close_session(self, token: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                delete(desk_sessions).where(desk_sessions.c.token_hash == token_hash(token))
            )
