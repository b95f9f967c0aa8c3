"""Validates the written-up case the action server posts (docs/protocol.md, handoff intake).

Strict on purpose: an unknown key or a wrong type is refused with the field named, so a mistake
on the Rasa side shows up in its tests instead of as a half-empty case in the desk. Payment card
numbers are masked in the customer's words (problem, what was tried, transcript, name) before the
case is kept: no agent needs them, whoever sent the case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.common.masking import mask_cards
from bot.gateway.chat_request import SENDER_PATTERN

REASONS = ("requested", "low_confidence", "not_helpful", "complaint", "negative", "always_human")
HIGH_PRIORITY_REASONS = ("complaint", "negative")
CUSTOMER_KEYS = ("name", "email", "phone", "order_number", "app_version")
TOP_KEYS = {
    "conversation",
    "reason",
    "language",
    "priority",
    "topic",
    "intent",
    "customer",
    "problem",
    "tried",
    "articles",
    "transcript",
    "channel",
    "page",
}
TOPIC_PATTERN = re.compile(r"^[a-z0-9_-]{1,64}$")
MAX_TEXT = 4000
MAX_TRANSCRIPT = 300
MAX_ARTICLES = 20


class IntakeError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class HandoffCase:
    conversation: str
    reason: str
    language: str
    priority: str
    topic: str | None
    intent: dict[str, Any] | None
    customer: dict[str, str | None]
    problem: str | None
    tried: str | None
    articles: list[dict[str, Any]]
    transcript: list[dict[str, Any]]
    channel: str
    page: str | None

    def record(self) -> dict[str, Any]:
        """The structured record stored with the case and shown in the desk."""
        return {
            "conversation": self.conversation,
            "reason": self.reason,
            "language": self.language,
            "priority": self.priority,
            "topic": self.topic,
            "intent": self.intent,
            "customer": self.customer,
            "problem": self.problem,
            "tried": self.tried,
            "articles": self.articles,
            "transcript": self.transcript,
            "channel": self.channel,
            "page": self.page,
        }


def _optional_text(data: dict[str, Any], key: str, where: str, limit: int = MAX_TEXT) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise IntakeError(f"{where}{key}", f"must be a string of at most {limit} characters")
    return value.strip() or None


def _words(data: dict[str, Any], key: str, where: str, limit: int = MAX_TEXT) -> str | None:
    """A text the customer typed: validated, then with card numbers masked."""
    value = _optional_text(data, key, where, limit)
    return mask_cards(value) if value is not None else None


def _choice(data: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise IntakeError(key, f"must be one of {', '.join(allowed)}")
    return str(value)


def _intent(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"name", "confidence"}:
        raise IntakeError("intent", 'must be {"name": str, "confidence": number 0-1}')
    name = _optional_text(raw, "name", "intent.", 100)
    confidence = raw.get("confidence")
    if confidence is not None and (
        isinstance(confidence, bool)
        or not isinstance(confidence, (int, float))
        or not 0 <= confidence <= 1
    ):
        raise IntakeError("intent.confidence", "must be a number from 0 to 1")
    return {"name": name, "confidence": confidence}


def _customer(raw: Any) -> dict[str, str | None]:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise IntakeError("customer", "must be an object")
    if unknown := set(raw) - set(CUSTOMER_KEYS):
        raise IntakeError("customer", f"unknown keys {sorted(unknown)}; known: {CUSTOMER_KEYS}")
    customer = {key: _optional_text(raw, key, "customer.", 200) for key in CUSTOMER_KEYS}
    return {**customer, "name": _words(raw, "name", "customer.", 200)}


def _objects(raw: Any, field: str, most: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of an optional list field, each with the prefix its fields' errors name."""
    if raw is None:
        return
    if not isinstance(raw, list) or len(raw) > most:
        raise IntakeError(field, f"must be a list of at most {most} objects")
    for number, item in enumerate(raw):
        if not isinstance(item, dict):
            raise IntakeError(f"{field}[{number}]", "must be an object")
        yield f"{field}[{number}].", item


def _articles(raw: Any) -> list[dict[str, Any]]:
    articles = []
    for where, item in _objects(raw, "articles", MAX_ARTICLES):
        verdict = item.get("verdict")
        if verdict not in ("helpful", "not_helpful", None):
            raise IntakeError(f"{where}verdict", "must be helpful, not_helpful or null")
        articles.append(
            {
                "id": _optional_text(item, "id", where, 200),
                "title": _optional_text(item, "title", where, 300),
                "url": _optional_text(item, "url", where, 2000),
                "verdict": verdict,
            }
        )
    return articles


def _transcript(raw: Any) -> list[dict[str, Any]]:
    lines = []
    for where, item in _objects(raw, "transcript", MAX_TRANSCRIPT):
        author = item.get("author")
        if author not in ("customer", "bot", "agent", "system"):
            raise IntakeError(f"{where}author", "must be customer, bot, agent or system")
        ts = item.get("ts")
        if ts is not None and (isinstance(ts, bool) or not isinstance(ts, (str, int, float))):
            raise IntakeError(f"{where}ts", "must be an ISO time string or a number")
        lines.append({"ts": ts, "author": author, "text": _words(item, "text", where) or ""})
    return lines


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise IntakeError("body", "must be a JSON object in UTF-8") from None
    if not isinstance(data, dict):
        raise IntakeError("body", "must be a JSON object")
    return data


def _conversation(data: dict[str, Any]) -> str:
    conversation = data.get("conversation")
    if not isinstance(conversation, str) or not SENDER_PATTERN.match(conversation):
        raise IntakeError("conversation", "must be 1-128 characters: letters, digits, - _ . :")
    return conversation


def parse_handoff(body: bytes) -> HandoffCase:
    data = _json_object(body)
    if unknown := set(data) - TOP_KEYS:
        raise IntakeError("body", f"unknown keys {sorted(unknown)}; known: {sorted(TOP_KEYS)}")
    conversation = _conversation(data)
    reason = _choice(data, "reason", REASONS, None)
    priority = _choice(data, "priority", ("normal", "high"), "normal")
    if reason in HIGH_PRIORITY_REASONS:
        priority = "high"
    topic = data.get("topic")
    if topic is not None and (not isinstance(topic, str) or not TOPIC_PATTERN.match(topic)):
        raise IntakeError("topic", f"must match {TOPIC_PATTERN.pattern}")
    page = _optional_text(data, "page", "", 2000)
    if page is not None and not page.startswith(("http://", "https://")):
        raise IntakeError("page", "must be an http(s) URL")
    return HandoffCase(
        conversation=conversation,
        reason=reason,
        language=_choice(data, "language", ("ru", "en"), None),
        priority=priority,
        topic=topic,
        intent=_intent(data.get("intent")),
        customer=_customer(data.get("customer")),
        problem=_words(data, "problem", ""),
        tried=_words(data, "tried", ""),
        articles=_articles(data.get("articles")),
        transcript=_transcript(data.get("transcript")),
        channel=_choice(data, "channel", ("widget", "rest"), "widget"),
        page=page,
    )


def parse_customer_facts(body: bytes) -> tuple[str, dict[str, str]]:
    """The facts a customer gave after their case was filed: (conversation, the facts given)."""
    data = _json_object(body)
    if unknown := set(data) - {"conversation", "customer"}:
        raise IntakeError("body", f"unknown keys {sorted(unknown)}; known: conversation, customer")
    given = {key: value for key, value in _customer(data.get("customer")).items() if value}
    if not given:
        raise IntakeError("customer", "must give at least one fact")
    return _conversation(data), given


def parse_rating(body: bytes) -> tuple[str, int]:
    data = _json_object(body)
    if set(data) - {"conversation", "rating"}:
        raise IntakeError("body", 'must be {"conversation": str, "rating": 1-5}')
    conversation = _conversation(data)
    rating = data.get("rating")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise IntakeError("rating", "must be an integer from 1 to 5")
    return conversation, rating
