"""What each bot turn was, for analytics; and which announcements a conversation has heard.

Blocking calls: run them through Database.run. One INSERT per answered customer message, in the
transaction that stores the bot's reply to it (bot/gateway/chat_service.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.engine import Connection, Engine

from bot.gateway.store.conversations import insert_ignoring_duplicates
from bot.gateway.store.schema import announcements_shown, turns

INSERT_TURN = insert(turns)  # built once: a statement object is compiled once (conversations.py)


@dataclass(frozen=True)
class Turn:
    """The intent of one customer message and what the bot's answer to it was."""

    message_id: int
    conversation: str
    intent: str | None
    confidence: float | None
    fallback: bool
    article_id: str | None
    # The response names of the bot's replies in order ("utter_kb_answer utter_kb_ask_helpful"):
    # analytics tells a clarifying question or a handoff-form question by them.
    replies: tuple[str, ...] = ()


def insert_turn(connection: Connection, turn: Turn) -> None:
    """The turn's row, into an open transaction (with the bot's messages it describes)."""
    connection.execute(
        INSERT_TURN,
        {
            "message_id": turn.message_id,
            "conversation": turn.conversation,
            "intent": turn.intent,
            "confidence": turn.confidence,
            "fallback": turn.fallback,
            "article_id": turn.article_id,
            "replies": " ".join(turn.replies),
            "ts": time.time(),
        },
    )


class TurnStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def first_hearing(self, conversation: str, announcement_ids: list[str]) -> list[str]:
        """The announcements this conversation has not heard yet, now marked as heard."""
        new = []
        with self._engine.begin() as connection:
            for announcement in announcement_ids:
                inserted = insert_ignoring_duplicates(
                    connection,
                    announcements_shown,
                    conversation=conversation,
                    announcement=announcement,
                    ts=time.time(),
                )
                if inserted:
                    new.append(announcement)
        return new
