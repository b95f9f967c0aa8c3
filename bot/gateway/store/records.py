"""Rows turned into the JSON objects of docs/protocol.md."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from sqlalchemy.engine import Row


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    moment = datetime.fromtimestamp(ts, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def message_object(row: Row | SimpleNamespace) -> dict[str, Any]:
    """A stored message as the widget and the desk see it (a row, or the values just stored)."""
    message: dict[str, Any] = {
        "id": row.id,
        "conversation": row.conversation,
        "author": row.author,
        "text": row.text,
        "client_id": row.client_id,
        "agent_name": row.agent_name,
        "ts": iso(row.ts),
    }
    if row.extra_json:
        message.update(json.loads(row.extra_json))
    message.setdefault("kind", "text")
    return message
