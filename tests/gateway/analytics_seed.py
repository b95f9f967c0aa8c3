"""A small, fully known history in a real SQLite store, for the analytics tests."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from bot.gateway.store.database import make_engine
from bot.gateway.store.schema import conversations, handoffs, messages, ratings, turns

XSS = '<img src=x onerror="window.xssed=1">куда делся мой заказ'


def at(day: str) -> float:
    return datetime.fromisoformat(f"{day}T12:00:00+00:00").astimezone(timezone.utc).timestamp()


class Seeder:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.next_id = 1

    def conversation(self, conversation: str, day: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                insert(conversations).values(
                    id=conversation, language="ru", metadata_json="{}", created_at=at(day)
                )
            )

    def turn(
        self,
        conversation: str,
        day: str,
        text: str,
        intent: str | None,
        fallback: bool = False,
        article: str | None = None,
    ) -> None:
        with self.engine.begin() as connection:
            result = connection.execute(
                insert(messages).values(
                    conversation=conversation, author="customer", text=text, ts=at(day)
                )
            )
            message_id = result.inserted_primary_key[0]
            connection.execute(
                insert(turns).values(
                    message_id=message_id,
                    conversation=conversation,
                    intent=intent,
                    confidence=0.9,
                    fallback=fallback,
                    article_id=article,
                    ts=at(day),
                )
            )

    def handoff(self, conversation: str, day: str, reason: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                insert(handoffs).values(
                    conversation=conversation,
                    state="waiting",
                    group_name="general",
                    priority="normal",
                    reason=reason,
                    language="ru",
                    case_json=json.dumps({}),
                    summary_text="",
                    created_at=at(day),
                    updated_at=at(day),
                )
            )

    def rating(self, conversation: str, day: str, rating: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                insert(ratings).values(conversation=conversation, rating=rating, ts=at(day))
            )


def seed_history(engine: Engine) -> None:
    """November 2026: A solved by an article, B handed over after a useless article, C and D
    unanswered (C rated 2, D rated 5), and E in October, outside the period."""
    seed = Seeder(engine)
    seed.conversation("w-a", "2026-11-10")
    seed.turn("w-a", "2026-11-10", "не проходит оплата", "payment_failed", article="pay-ru")
    seed.turn("w-a", "2026-11-10", "Да, помогло", "affirm")
    seed.conversation("w-b", "2026-11-11")
    seed.turn("w-b", "2026-11-11", "where is my order", "order_status", article="orders-en")
    seed.turn("w-b", "2026-11-11", "No", "deny")
    seed.handoff("w-b", "2026-11-11", "not_helpful")
    seed.conversation("w-c", "2026-11-12")
    seed.turn(
        "w-c",
        "2026-11-12",
        "где купить слона? пишите на anna@example.com или +7 999 123-45-67",
        "nlu_fallback",
        fallback=True,
    )
    seed.rating("w-c", "2026-11-12", 2)
    seed.conversation("w-d", "2026-11-12")
    seed.turn("w-d", "2026-11-12", XSS, "nlu_fallback", fallback=True)
    seed.rating("w-d", "2026-11-13", 5)
    seed.conversation("w-e", "2026-10-01")
    seed.turn("w-e", "2026-10-01", "оплата не проходит", "payment_failed")
    seed.handoff("w-e", "2026-10-01", "requested")


def seeded_engine(folder: Path) -> Engine:
    engine = make_engine(f"sqlite:///{folder / 'gateway.db'}")
    seed_history(engine)
    return engine
