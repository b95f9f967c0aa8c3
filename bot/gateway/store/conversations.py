"""Conversations and their messages. Blocking calls: run them through Database.run."""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, and_, bindparam, insert, select, text, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import TextClause

from bot.gateway.store.records import message_object
from bot.gateway.store.schema import conversations, messages

HISTORY_LIMIT = 500
INSERT_MESSAGE = insert(messages)  # built once, not per call: its cache key is then generated once
EXTRA_KEYS = ("buttons", "article", "kind")


@dataclass(frozen=True)
class Stored:
    """A stored message; `duplicate` when the same client_id was already stored (a resend)."""

    message: dict[str, Any]
    duplicate: bool = False


@functools.cache
def _insert_ignoring_duplicates(table: Table, columns: tuple[str, ...]) -> TextClause:
    """Built once per table and column set. SQLAlchemy 1.4 cannot cache the compiled form of its
    dialect-specific `insert().on_conflict_do_nothing()` (it has no cache key), so that statement
    was compiled again on every call: 0.3 ms, twice or more per customer message. `ON CONFLICT DO
    NOTHING` is spelled the same in SQLite and PostgreSQL; the parameters keep their column
    types."""
    unknown = [name for name in columns if name not in table.c]
    if unknown:
        raise ValueError(f"{table.name} has no column(s) {', '.join(unknown)}")
    quote = sqlite.dialect().identifier_preparer.quote_identifier  # "name", as in PostgreSQL
    names = ", ".join(quote(name) for name in columns)
    values = ", ".join(f":{name}" for name in columns)
    statement = text(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING"
    )
    return statement.bindparams(*(bindparam(name, type_=table.c[name].type) for name in columns))


def insert_ignoring_duplicates(connection: Connection, table: Table, **values: Any) -> bool:
    """INSERT that does nothing when the primary key exists (SQLite and PostgreSQL); True when
    the row is new."""
    statement = _insert_ignoring_duplicates(table, tuple(values))
    return bool(connection.execute(statement, values).rowcount)


def ensure_conversation(
    connection: Connection, conversation: str, metadata: dict[str, str] | None = None
) -> None:
    insert_ignoring_duplicates(
        connection,
        conversations,
        id=conversation,
        language=(metadata or {}).get("language"),
        metadata_json=json.dumps(metadata or {}, ensure_ascii=False),
        created_at=time.time(),
    )
    if metadata:
        connection.execute(
            update(conversations)
            .where(conversations.c.id == conversation)
            .values(metadata_json=json.dumps(metadata, ensure_ascii=False))
        )


def insert_message(
    connection: Connection,
    conversation: str,
    author: str,
    text: str,
    *,
    client_id: str | None = None,
    agent_name: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One message into an open transaction; the stored message as the widget sees it."""
    kept = {k: v for k, v in (extra or {}).items() if k in EXTRA_KEYS and v}
    ensure_conversation(connection, conversation)
    values = {
        "conversation": conversation,
        "author": author,
        "text": text,
        "client_id": client_id,
        "agent_name": agent_name,
        "extra_json": json.dumps(kept, ensure_ascii=False) if kept else None,
        "ts": time.time(),
    }
    result = connection.execute(INSERT_MESSAGE, values)
    # The row as stored is what was inserted plus its id; no need to read it back.
    return message_object(SimpleNamespace(id=result.inserted_primary_key[0], **values))


class ConversationStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def touch(self, conversation: str, metadata: dict[str, str] | None = None) -> None:
        with self._engine.begin() as connection:
            ensure_conversation(connection, conversation, metadata)

    def exists(self, conversation: str) -> bool:
        with self._engine.connect() as connection:
            query = select(conversations.c.id).where(conversations.c.id == conversation)
            return connection.execute(query).first() is not None

    def metadata(self, conversation: str) -> dict[str, str]:
        with self._engine.connect() as connection:
            query = select(conversations.c.metadata_json).where(conversations.c.id == conversation)
            raw = connection.execute(query).scalar()
        return json.loads(raw) if raw else {}

    def add(
        self,
        conversation: str,
        author: str,
        text: str,
        *,
        client_id: str | None = None,
        agent_name: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Stored:
        """Stores one message; a client_id seen before returns the first copy instead."""
        try:
            with self._engine.begin() as connection:
                message = insert_message(
                    connection,
                    conversation,
                    author,
                    text,
                    client_id=client_id,
                    agent_name=agent_name,
                    extra=extra,
                )
        except IntegrityError:
            if client_id is None:
                raise
            first = self._by_client_id(conversation, client_id)
            assert first is not None
            return Stored(first, duplicate=True)
        return Stored(message)

    def _by_client_id(self, conversation: str, client_id: str) -> dict[str, Any] | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(messages).where(
                    and_(messages.c.conversation == conversation, messages.c.client_id == client_id)
                )
            ).first()
        return message_object(row) if row else None

    def after(self, conversation: str, after_id: int = 0) -> list[dict[str, Any]]:
        """Messages with id > after_id, oldest first (the newest HISTORY_LIMIT at most)."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(messages)
                .where(and_(messages.c.conversation == conversation, messages.c.id > after_id))
                .order_by(messages.c.id.desc())
                .limit(HISTORY_LIMIT)
            ).all()
        return [message_object(row) for row in reversed(rows)]

    def replies_to(self, conversation: str, message_id: int) -> list[dict[str, Any]]:
        """The bot's answers to one customer message: what follows it up to the next one."""
        replies = []
        for message in self.after(conversation, message_id):
            if message["author"] == "customer":
                break
            if message["author"] == "bot":
                replies.append(message)
        return replies
