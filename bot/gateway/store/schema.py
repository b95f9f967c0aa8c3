"""Table definitions (SQLAlchemy Core). Timestamps are float seconds since the epoch, UTC."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("language", String(8)),
    Column("metadata_json", Text, nullable=False, default="{}"),
    Column("created_at", Float, nullable=False),
    Index("ix_conversations_created_at", "created_at"),  # analytics reads a period of them
)

# sqlite_autoincrement: ids are never reused, so "everything after id N" stays true.
messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation", String(128), ForeignKey("conversations.id"), nullable=False),
    Column("author", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("client_id", String(64)),
    Column("agent_name", String(128)),
    Column("extra_json", Text),
    Column("ts", Float, nullable=False),
    UniqueConstraint("conversation", "client_id", name="uq_messages_client_id"),
    Index("ix_messages_conversation_id", "conversation", "id"),
    sqlite_autoincrement=True,
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation", String(128), ForeignKey("conversations.id"), nullable=False),
    Column("state", String(16), nullable=False),
    Column("group_name", String(64), nullable=False),
    Column("priority", String(8), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("language", String(8), nullable=False),
    Column("case_json", Text, nullable=False),
    Column("summary_text", Text, nullable=False),
    Column("agent_login", String(64)),
    Column("agent_name", String(128)),
    Column("resolution", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("closed_at", Float),
    Column("claimed_at", Float),  # the first claim by an agent (analytics: first response)
    Index("ix_handoffs_conversation", "conversation"),
    Index("ix_handoffs_state", "state"),
    sqlite_autoincrement=True,
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("author_login", String(64), nullable=False),
    Column("author_name", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("ts", Float, nullable=False),
)

ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation", String(128), nullable=False, index=True),
    Column("handoff_id", Integer),
    Column("rating", Integer, nullable=False),
    Column("ts", Float, nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("login", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", Float, nullable=False),
)

desk_sessions = Table(
    "desk_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("login", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", Float, nullable=False),
)

# What the NLU made of each customer message the bot answered, and how it answered: analytics
# reads it. A table of its own, so an existing database gains it without a migration.
turns = Table(
    "turns",
    metadata,
    Column("message_id", Integer, primary_key=True),  # the customer message (messages.id)
    Column("conversation", String(128), nullable=False),
    Column("intent", String(128)),
    Column("confidence", Float),
    Column("fallback", Boolean, nullable=False),
    Column("article_id", String(200)),
    # The response names of the bot's replies, space-separated ("utter_kb_clarify"); NULL on
    # turns stored before the column was added (bot/gateway/store/migrations.py).
    Column("replies", Text),
    Column("ts", Float, nullable=False),
    Index("ix_turns_ts", "ts"),
    Index("ix_turns_conversation", "conversation", "message_id"),
)

# Which announcement a conversation has already been told, so it is said once.
announcements_shown = Table(
    "announcements_shown",
    metadata,
    Column("conversation", String(128), primary_key=True),
    Column("announcement", String(64), primary_key=True),
    Column("ts", Float, nullable=False),
)
