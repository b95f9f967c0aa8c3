"""One example conversation of an unanswered-question group, as analytics may show it: contacts,
cards and passports masked, the answers to the handoff form hidden, and the customer's name (from
the website or the form) replaced, so a lead sees what was asked and said, not who asked it.
Blocking: run it through Database.run."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.common.masking import mask_personal_data
from bot.gateway.analytics.outcomes import TurnRow, roles
from bot.gateway.store.records import iso
from bot.gateway.store.schema import conversations, messages, turns

MAX_MESSAGES = 60
NAME_MASK = "[name]"
NAME_QUESTION = "utter_ask_customer_name"
MAX_NAME_CHARS = 60


def _names(metadata_json: str | None, form_names: list[str]) -> list[str]:
    try:
        metadata = json.loads(metadata_json or "{}")
    except ValueError:
        metadata = {}
    found = [str(metadata.get("name") or "").strip(), *form_names]
    return sorted({n for n in found if 1 < len(n) <= MAX_NAME_CHARS}, key=len, reverse=True)


def _without_names(text: str, names: list[str]) -> str:
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_MASK, text, flags=re.IGNORECASE)
    return text


def masked_transcript(engine: Engine, conversation: str, ref: str) -> dict[str, Any] | None:
    """The conversation's first MAX_MESSAGES messages; None when it no longer exists."""
    with engine.connect() as connection:
        head = connection.execute(
            select(conversations.c.created_at, conversations.c.metadata_json).where(
                conversations.c.id == conversation
            )
        ).first()
        if head is None:
            return None
        rows = connection.execute(
            select(messages.c.id, messages.c.author, messages.c.text, messages.c.ts)
            .where(messages.c.conversation == conversation)
            .order_by(messages.c.id)
            .limit(MAX_MESSAGES + 1)
        ).all()
        turn_rows = connection.execute(
            select(turns.c.message_id, turns.c.intent, turns.c.replies)
            .where(turns.c.conversation == conversation)
            .order_by(turns.c.message_id)
        ).all()
    stored = [
        TurnRow(r.message_id, r.intent, None, False, None, tuple((r.replies or "").split()))
        for r in turn_rows
    ]
    kinds = roles(stored)
    hidden = {turn.message_id for turn, kind in zip(stored, kinds, strict=True) if kind == "form"}
    texts = {row.id: row.text for row in rows}
    asked_name = [
        texts.get(turn.message_id, "").strip()
        for before, turn in itertools.pairwise(stored)
        if NAME_QUESTION in (before.replies or ())
    ]
    names = _names(head.metadata_json, asked_name)
    shown = [
        {
            "author": row.author,
            "text": None
            if row.id in hidden
            else _without_names(mask_personal_data(row.text), names),
            "hidden": row.id in hidden,
            "ts": iso(row.ts),
        }
        for row in rows[:MAX_MESSAGES]
    ]
    return {
        "ref": ref,
        "started_at": iso(head.created_at),
        "messages": shown,
        "truncated": len(rows) > MAX_MESSAGES,
    }
