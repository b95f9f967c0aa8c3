"""The numbers of the analytics page, read from the gateway's store for one period.

Blocking calls: run them through Database.run. Texts leave this module masked (bot.common.masking):
analytics is read by more people than a single case is, and needs nobody's contacts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.expression import ColumnElement

from bot.common.masking import mask_personal_data
from bot.gateway.analytics.period import Period
from bot.gateway.store.schema import conversations, handoffs, messages, ratings, turns

NEGATIVE_RATING = 2  # 1-2 of 5: the customer was not happy
VERDICTS = {"affirm": "helpful", "deny": "not_helpful"}
TOP_INTENTS = 15
MAX_UNANSWERED = 2000


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column < period.end)


class AnalyticsQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def summary(self, period: Period) -> dict[str, Any]:
        """Every number of the page except the question clusters."""
        with self._engine.connect() as connection:
            total, contained = self._containment(connection, period)
            in_period = _within(turns.c.ts, period)
            customer_turns, fallback_turns = connection.execute(
                select(func.count(), func.count().filter(turns.c.fallback)).where(in_period)
            ).one()
            return {
                "period": period.as_dict(),
                "conversations": total,
                "contained": contained,
                "containment_rate": _rate(contained, total),
                "handoffs_by_reason": self._handoffs(connection, period),
                "customer_turns": customer_turns,
                "fallback_turns": fallback_turns,
                "fallback_rate": _rate(fallback_turns, customer_turns),
                "top_intents": self._intents(connection, in_period, customer_turns),
                "articles": self._articles(connection, in_period),
                "ratings": self._ratings(connection, period),
            }

    def _containment(self, connection: Connection, period: Period) -> tuple[int, int]:
        """Conversations started in the period, and those that ended with neither a handoff
        nor a rating of 1-2."""
        started = _within(conversations.c.created_at, period)
        handed_over = exists().where(handoffs.c.conversation == conversations.c.id)
        unhappy = exists().where(
            and_(
                ratings.c.conversation == conversations.c.id,
                ratings.c.rating <= NEGATIVE_RATING,
            )
        )
        total = connection.execute(select(func.count()).where(started)).scalar_one()
        contained = connection.execute(
            select(func.count()).where(started, ~handed_over, ~unhappy)
        ).scalar_one()
        return total, contained

    def _handoffs(self, connection: Connection, period: Period) -> dict[str, int]:
        rows = connection.execute(
            select(handoffs.c.reason, func.count())
            .where(_within(handoffs.c.created_at, period))
            .group_by(handoffs.c.reason)
            .order_by(func.count().desc(), handoffs.c.reason)
        )
        return {reason: count for reason, count in rows}

    def _intents(
        self, connection: Connection, in_period: ColumnElement[bool], total: int
    ) -> list[dict[str, Any]]:
        rows = connection.execute(
            select(turns.c.intent, func.count())
            .where(in_period, turns.c.intent.is_not(None))
            .group_by(turns.c.intent)
            .order_by(func.count().desc(), turns.c.intent)
            .limit(TOP_INTENTS)
        )
        return [{"intent": i, "count": n, "share": _rate(n, total)} for i, n in rows]

    def _articles(
        self, connection: Connection, in_period: ColumnElement[bool]
    ) -> list[dict[str, Any]]:
        """How often each article was offered, and the customer's yes/no right after it."""
        previous = func.lag(turns.c.article_id).over(
            partition_by=turns.c.conversation, order_by=turns.c.message_id
        )
        sequence = (
            select(turns.c.article_id, turns.c.intent, previous.label("previous_article"))
            .where(in_period)
            .subquery()
        )
        stats: dict[str, dict[str, Any]] = {}

        def entry(article: str) -> dict[str, Any]:
            return stats.setdefault(
                article, {"article": article, "shown": 0, "helpful": 0, "not_helpful": 0}
            )

        shown = connection.execute(
            select(sequence.c.article_id, func.count())
            .where(sequence.c.article_id.is_not(None))
            .group_by(sequence.c.article_id)
        )
        for article, count in shown:
            entry(article)["shown"] = count
        votes = connection.execute(
            select(sequence.c.previous_article, sequence.c.intent, func.count())
            .where(
                sequence.c.previous_article.is_not(None),
                sequence.c.intent.in_(list(VERDICTS)),
            )
            .group_by(sequence.c.previous_article, sequence.c.intent)
        )
        for article, intent, count in votes:
            entry(article)[VERDICTS[intent]] = count
        return sorted(stats.values(), key=lambda s: (-s["shown"], s["article"]))

    def _ratings(self, connection: Connection, period: Period) -> dict[str, Any]:
        rows = connection.execute(
            select(ratings.c.rating, func.count())
            .where(_within(ratings.c.ts, period))
            .group_by(ratings.c.rating)
        )
        distribution = {str(score): 0 for score in range(1, 6)}
        for score, count in rows:
            distribution[str(score)] = count
        count = sum(distribution.values())
        total = sum(int(score) * n for score, n in distribution.items())
        return {
            "count": count,
            "mean": round(total / count, 2) if count else None,
            "distribution": distribution,
        }

    def unanswered(self, period: Period, limit: int = MAX_UNANSWERED) -> list[str]:
        """The latest questions the bot had no answer to, masked, newest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(messages.c.text)
                .join(turns, turns.c.message_id == messages.c.id)
                .where(_within(turns.c.ts, period), turns.c.fallback)
                .order_by(turns.c.message_id.desc())
                .limit(limit)
            ).scalars()
            return [mask_personal_data(text) for text in rows]
