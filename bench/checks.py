"""What one turn produced (from the gateway's reply and Rasa's tracker) and how it failed its
expectations; pure functions, so the rules are testable without a running stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.script import Turn

HANDOFF_LOOP = "handoff_form"
HANDOFF_SLOTS = ("handoff_reason", "handoff_ticket", "handoff_pending_case")
HANDOFF_ACTIONS = {"handoff_form", "action_handoff_start", "action_handoff_submit"}


def article_ids(messages: list[dict[str, Any]]) -> list[str]:
    """Article cards in the gateway's message objects (`article`, or Rasa's `custom` passed on)."""
    ids = []
    for message in messages:
        card = message.get("article") or message.get("custom") or {}
        if isinstance(card, dict) and isinstance(card.get("id"), str):
            ids.append(card["id"])
    return ids


def shown_message(message: dict[str, Any]) -> str:
    """A bot message as a transcript line: its text, the article card and the buttons."""
    parts = [str(message.get("text") or "")]
    if article_ids([message]):
        parts.append(f"[article {article_ids([message])[0]}]")
    titles = [str(b.get("title")) for b in message.get("buttons") or [] if isinstance(b, dict)]
    if titles:
        parts.append(f"[buttons: {' | '.join(titles)}]")
    return " ".join(p for p in parts if p)


def handoff_started(tracker: dict[str, Any], mode: str | None) -> bool:
    """Tolerant on purpose: the handoff flow is still being built, so any sign of it counts."""
    slots = tracker.get("slots") or {}
    loop = (tracker.get("active_loop") or {}).get("name")
    actions = {e.get("name") for e in tracker.get("events") or [] if e.get("event") == "action"}
    return (
        loop == HANDOFF_LOOP
        or any(slots.get(name) for name in HANDOFF_SLOTS)
        or bool(actions & HANDOFF_ACTIONS)
        or mode not in (None, "bot")
    )


@dataclass(frozen=True)
class TurnResult:
    status: int
    texts: tuple[str, ...]
    shown_messages: tuple[str, ...]
    articles: tuple[str, ...]
    intent: str | None
    slots: dict[str, Any]
    handoff: bool
    language: str | None

    @classmethod
    def of(cls, status: int, reply: Any, tracker: Any) -> TurnResult:
        # The NLU's own detector, so "language" means the same here; it imports Rasa (slow).
        from bot.rasa_server.nlu.language_detector import detect_language

        reply = reply if isinstance(reply, dict) else {}
        tracker = tracker if isinstance(tracker, dict) else {}
        messages = [m for m in reply.get("messages") or [] if isinstance(m, dict)]
        texts = tuple(m["text"] for m in messages if isinstance(m.get("text"), str))
        shown = tuple(shown_message(m) for m in messages)
        latest = tracker.get("latest_message") or {}
        return cls(
            status=status,
            texts=texts,
            shown_messages=shown,
            articles=tuple(article_ids(messages)),
            intent=(latest.get("intent") or {}).get("name"),
            slots=tracker.get("slots") or {},
            handoff=handoff_started(tracker, reply.get("mode")),
            language=detect_language(" ".join(texts)),
        )

    def shown(self) -> dict[str, Any]:
        """The transcript entry of this turn."""
        return {"status": self.status, "intent": self.intent, "bot": list(self.shown_messages)}


def failures_of(turn: Turn, result: TurnResult) -> list[str]:
    expect = turn.expect
    if result.status != 200:
        return [f"the gateway answered HTTP {result.status}"]
    failures = []
    if expect.intents and result.intent not in expect.intents:
        failures.append(f"intent: expected {' or '.join(expect.intents)}, got {result.intent}")
    for name, wanted in expect.slots.items():
        actual = result.slots.get(name)
        if (actual is None) != (wanted is None) or str(actual) != str(wanted):
            failures.append(f"slot {name}: expected {wanted!r}, got {actual!r}")
    if expect.articles and not set(expect.articles) & set(result.articles):
        got = list(result.articles) or "none"
        failures.append(f"article: expected {' or '.join(expect.articles)}, got {got}")
    text = " ".join(result.texts).lower()
    if expect.reply_contains and not any(p.lower() in text for p in expect.reply_contains):
        failures.append(f"reply contains none of {list(expect.reply_contains)}")
    if expect.language and result.language != expect.language:
        failures.append(f"reply language: expected {expect.language}, got {result.language}")
    if expect.handoff is not None and result.handoff != expect.handoff:
        started = "started" if result.handoff else "not started"
        failures.append(f"handoff: expected {'started' if expect.handoff else 'none'}, {started}")
    return failures
