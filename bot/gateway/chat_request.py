"""Validates a chat message arriving from outside, before anything else touches it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.gateway.messages import Language
from retrieval.language import guess_language

SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
MAX_PAYLOAD_CHARS = 500
MAX_METADATA_KEYS = 20
MAX_METADATA_VALUE_CHARS = 500


class ChatRequestError(Exception):
    """Carries the message code (see bot.gateway.messages) and the HTTP status to answer with."""

    def __init__(
        self, code: str, status: int, language: Language | None = None, **values: object
    ) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.language = language
        self.values = values


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    message: str
    metadata: dict[str, str]
    client_id: str | None = None
    payload: str | None = None


def parse_chat_request(body: bytes, max_chars: int) -> ChatRequest:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ChatRequestError("invalid_json", 400) from None
    if not isinstance(data, dict):
        raise ChatRequestError("invalid_json", 400)
    sender = data.get("sender")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        raise ChatRequestError("invalid_sender", 400)
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ChatRequestError("empty_message", 422)
    if len(message) > max_chars:
        raise ChatRequestError(
            "message_too_long", 413, guess_language(message[:500]), limit=max_chars
        )
    return ChatRequest(
        sender,
        message.strip(),
        _metadata(data.get("metadata")),
        client_id(data.get("client_id")),
        payload(data.get("payload")),
    )


def client_id(raw: Any) -> str | None:
    """The widget's own id of a message, so a resend is recognised and not answered twice."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not CLIENT_ID_PATTERN.match(raw):
        raise ChatRequestError("invalid_client_id", 400)
    return raw


def payload(raw: Any) -> str | None:
    """A button's payload (`/intent{...}`): sent to Rasa instead of the shown title."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.startswith("/") or len(raw) > MAX_PAYLOAD_CHARS:
        raise ChatRequestError("invalid_payload", 400)
    return raw


def _metadata(raw: Any) -> dict[str, str]:
    """Keep only short string values: metadata is stored with the conversation."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or len(raw) > MAX_METADATA_KEYS:
        raise ChatRequestError("invalid_metadata", 400)
    return {
        str(key)[:64]: value[:MAX_METADATA_VALUE_CHARS]
        for key, value in raw.items()
        if isinstance(value, str)
    }
