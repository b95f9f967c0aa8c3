"""When the bot cannot answer, a person still can: the customer is asked to leave an email or a
phone, and a message carrying one files a ticket in the handoff queue with the conversation so
far, so nothing the customer wrote waits for the bot to come back."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.common.contacts import find_email, normalise_phone
from bot.gateway.handoff.filing import file_case
from bot.gateway.handoff.intake import MAX_TEXT, MAX_TRANSCRIPT, parse_handoff
from bot.gateway.keys import CHAT
from bot.gateway.messages import Language
from retrieval.language import guess_language

CONTACT_CHARS = 200


def _case_body(
    conversation: str,
    language: Language,
    messages: list[dict[str, Any]],
    metadata: dict[str, str],
    contact: str,
) -> dict[str, Any]:
    said = [m["text"] for m in messages if m["author"] == "customer"]
    page = metadata.get("page", "")
    return {
        "conversation": conversation,
        "reason": "requested",
        "language": language,
        "customer": {
            "name": metadata.get("name", "")[:CONTACT_CHARS],
            "email": find_email(contact),
            "phone": normalise_phone(contact),
        },
        "problem": "\n".join(said[:-1] or said)[-MAX_TEXT:],
        "transcript": [
            {"ts": m["ts"], "author": m["author"], "text": m["text"][:MAX_TEXT]}
            for m in messages[-MAX_TRANSCRIPT:]
        ],
        "channel": "widget",
        "page": page if page.startswith(("http://", "https://")) else None,
    }


async def take_contact(
    app: web.Application, conversation: str, latest: str, language: Language
) -> dict[str, Any] | None:
    """Files a ticket when `latest` (the customer's message the bot could not answer) carries an
    email or a phone; returns the stored notice telling the customer so, else None."""
    contact = latest[:CONTACT_CHARS]
    if not (find_email(contact) or normalise_phone(contact)):
        return None
    chat = app[CHAT]
    messages = await chat.db.run(chat.conversations.after, conversation, 0)
    metadata = await chat.db.run(chat.conversations.metadata, conversation)
    # The conversation's language: an address or a number alone says nothing about it.
    said = " ".join(m["text"] for m in messages if m["author"] == "customer")
    language = guess_language(said, language)
    body = _case_body(conversation, language, messages, metadata, contact)
    stored, _ = await file_case(app, parse_handoff(json.dumps(body).encode()))
    return await chat.notice(conversation, "contact_taken", language, ticket=stored["ticket"])
