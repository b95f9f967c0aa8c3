"""What happens to a message: stored first, then routed to Rasa or to the agent who owns the
conversation, and every stored message pushed to whoever is connected. Used by the HTTP and the
websocket paths alike, so both behave the same."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from bot.common.masking import conversation_ref, mask_cards
from bot.gateway.announcements.board import AnnouncementBoard
from bot.gateway.hub import Hub
from bot.gateway.messages import Language, text
from bot.gateway.rasa_client import RasaAnswer, RasaClient, RasaUnavailableError
from bot.gateway.store.conversations import (
    ConversationStore,
    Stored,
    ensure_conversation,
    insert_message,
)
from bot.gateway.store.database import Database
from bot.gateway.store.handoffs import HandoffStore
from bot.gateway.store.turns import Turn, TurnStore, insert_turn
from retrieval.language import guess_language

log = logging.getLogger("gateway")
MESSAGE_KINDS = ("text", "article", "helpful", "rating", "notice")
# The replies that mean "I have no answer" (the knowledge base's and Rasa's own fallback).
FALLBACK_RESPONSES = frozenset({"utter_kb_no_answer", "utter_default"})


def bot_extra(reply: dict[str, Any]) -> dict[str, Any]:
    """Keep only what the widget renders from a Rasa reply; drop anything else Rasa may add."""
    extra: dict[str, Any] = {}
    buttons = reply.get("buttons")
    if isinstance(buttons, list):
        extra["buttons"] = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in buttons
            if isinstance(b, dict)
        ]
    custom = reply.get("custom")
    if isinstance(custom, dict):
        if custom.get("type") == "article":
            keys = ("id", "title", "excerpt", "url", "lang")
            extra["article"] = {k: str(custom[k]) for k in keys if custom.get(k) is not None}
            extra["kind"] = "article"
        elif custom.get("type") in MESSAGE_KINDS:
            extra["kind"] = custom["type"]
    return extra


def reply_body(reply: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The text and the extras to store of one Rasa reply (an article card is its title)."""
    extra = bot_extra(reply)
    body = reply.get("text")
    if not isinstance(body, str):
        body = (extra.get("article") or {}).get("title", "")
    return body, extra


def turn_of(message_id: int, conversation: str, answer: RasaAnswer) -> Turn:
    """What analytics keeps of one answered customer message."""
    customs = [r["custom"] for r in answer.replies if isinstance(r.get("custom"), dict)]
    articles = [str(c["id"]) for c in customs if c.get("type") == "article" and c.get("id")]
    return Turn(
        message_id=message_id,
        conversation=conversation,
        intent=answer.intent,
        confidence=answer.confidence,
        fallback=any(r.get("response") in FALLBACK_RESPONSES for r in answer.replies),
        article_id=articles[0] if articles else None,
        replies=tuple(str(r["response"]) for r in answer.replies if r.get("response")),
    )


def language_of(metadata: dict[str, str], body: str) -> Language:
    """The widget says the page's language; a client that does not is guessed from the text."""
    language = metadata.get("language")
    if language == "en":
        return "en"
    if language == "ru":
        return "ru"
    return guess_language(body)


def mode_of(case: dict[str, Any] | None) -> tuple[str, dict[str, str] | None]:
    """`agent` (with the agent's name) while a person owns the conversation, else `bot`."""
    if case and case["state"] == "assigned":
        return "agent", {"name": case["agent"]["name"]}
    return "bot", None


@dataclass
class _Turn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


@dataclass
class Outcome:
    """The stored customer message, the bot's replies to it, and the conversation's mode."""

    message: dict[str, Any]
    replies: list[dict[str, Any]] = field(default_factory=list)
    duplicate: bool = False
    mode: str = "bot"


class ChatService:
    def __init__(
        self,
        db: Database,
        conversations: ConversationStore,
        handoffs: HandoffStore,
        rasa: RasaClient,
        hub: Hub,
        announcements: AnnouncementBoard | None = None,
    ) -> None:
        self.db = db
        self.conversations = conversations
        self.handoffs = handoffs
        self.rasa = rasa
        self.hub = hub
        self.announcements = announcements
        self.turns = TurnStore(db.engine)
        self._turns: dict[str, _Turn] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def in_background(self, work: Coroutine[Any, Any, Any]) -> None:
        """Work the caller need not wait for (the bot's answer after a close), kept referenced."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @asynccontextmanager
    async def _turn(self, conversation: str) -> AsyncIterator[None]:
        """One message of a conversation at a time, so replies keep the customer's order."""
        turn = self._turns.setdefault(conversation, _Turn())
        turn.users += 1
        try:
            async with turn.lock:
                yield
        finally:
            turn.users -= 1
            if turn.users == 0:
                self._turns.pop(conversation, None)

    async def open_case(self, conversation: str) -> dict[str, Any] | None:
        return await self.db.run(self.handoffs.open_for, conversation)

    async def mode(self, conversation: str) -> tuple[str, dict[str, str] | None]:
        return mode_of(await self.open_case(conversation))

    async def publish(
        self, message: dict[str, Any], case: dict[str, Any] | None, skip: Any = None
    ) -> None:
        """To the customer's sockets and long polls, and to the desk while `case` is open."""
        conversation = message["conversation"]
        await self.hub.to_customers(conversation, {"type": "message", "message": message}, skip)
        if case:
            owner = case["agent"]["login"] if case["agent"] else None
            text = message.get("text")  # card numbers never reach an agent's screen
            masked = {**message, "text": mask_cards(text) if isinstance(text, str) else text}
            frame = {"type": "message", "case": case["id"], "message": masked}
            await self.hub.to_desks(frame, case["group"], owner)

    async def store(
        self,
        conversation: str,
        author: str,
        body: str,
        case: dict[str, Any] | Literal["look up"] | None = "look up",
        **values: Any,
    ) -> dict[str, Any]:
        """Store and publish; `case` is the conversation's open case when the caller knows it."""
        stored = await self.db.run(
            lambda: self.conversations.add(conversation, author, body, **values)
        )
        if case == "look up":
            case = await self.open_case(conversation)
        await self.publish(stored.message, case)
        return stored.message

    async def customer_message(
        self,
        conversation: str,
        body: str,
        *,
        client_id: str | None = None,
        payload: str | None = None,
        metadata: dict[str, str] | None = None,
        socket: Any = None,
        on_stored: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
    ) -> Outcome:
        """Raises RasaUnavailableError after storing the message when the bot cannot answer.

        `on_stored` runs once the message is safely stored (the websocket's ack), before the bot
        is asked; `socket` is the sender's own socket, which needs no echo of the message.
        """
        async with self._turn(conversation):
            stored, case = await self.db.run(
                self._take_message, conversation, body, client_id, metadata
            )
            if on_stored is not None:
                await on_stored(stored.message)
            mode, _ = mode_of(case)
            if stored.duplicate:
                replies = await self.db.run(
                    self.conversations.replies_to, conversation, stored.message["id"]
                )
                return Outcome(stored.message, replies, duplicate=True, mode=mode)
            await self.publish(stored.message, case, skip=socket)
            if mode == "agent":
                return Outcome(stored.message, mode="agent")
            try:
                replies = await self._ask_bot(
                    conversation, stored.message, payload or body, metadata or {}
                )
            except RasaUnavailableError as error:
                log.warning(
                    "gateway.rasa.unavailable conversation=%s reason=%s",
                    conversation_ref(conversation),
                    error,
                )
                raise
            return Outcome(stored.message, replies)

    def _take_message(
        self,
        conversation: str,
        body: str,
        client_id: str | None,
        metadata: dict[str, str] | None,
    ) -> tuple[Stored, dict[str, Any] | None]:
        """In the database thread, one hop: the page's metadata, the open case, the message.

        The message's INSERT comes last and the steps before it are repeatable, so a retry on a
        busy database never stores the message twice.
        """
        with self.db.engine.begin() as connection:
            if metadata:
                ensure_conversation(connection, conversation, metadata)
            case = self.handoffs.open_in(connection, conversation)
        return self.conversations.add(conversation, "customer", body, client_id=client_id), case

    async def _ask_bot(
        self,
        conversation: str,
        customer: dict[str, Any],
        message: str,
        metadata: dict[str, str],
    ) -> list[dict[str, Any]]:
        started = time.monotonic()
        await self.hub.to_customers(conversation, {"type": "typing", "who": "bot", "on": True})
        try:
            answer = await self.rasa.send(conversation, message, metadata)
        finally:
            await self.hub.to_customers(conversation, {"type": "typing", "who": "bot", "on": False})
        language = language_of(metadata, customer["text"])
        notices = await self._announcements_for(conversation, answer.intent, language)
        bodies = [(notice, {"kind": "announcement"}) for notice in notices]
        bodies += [reply_body(reply) for reply in answer.replies]
        turn = turn_of(customer["id"], conversation, answer)
        case, stored = await self.db.run(self._store_answer, conversation, bodies, turn)
        for message in stored:
            await self.publish(message, case)
        log.info(
            "gateway.message.answered conversation=%s ms=%.0f replies=%d",
            conversation_ref(conversation),
            (time.monotonic() - started) * 1000,
            len(stored),
        )
        return stored

    def _store_answer(
        self, conversation: str, bodies: list[tuple[str, dict[str, Any]]], turn: Turn
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """In the database thread, one hop and one transaction: the open case (the bot may have
        filed one), the bot's messages and the turn's analytics, so a retry repeats nothing."""
        with self.db.engine.begin() as connection:
            case = self.handoffs.open_in(connection, conversation) if bodies else None
            stored = [
                insert_message(connection, conversation, "bot", body, extra=extra)
                for body, extra in bodies
            ]
            insert_turn(connection, turn)
        return case, stored

    async def _announcements_for(
        self, conversation: str, intent: str | None, language: Language
    ) -> list[str]:
        """Texts of the valid announcements on the intent's topic this conversation has not
        been told yet; they come before the bot's answer."""
        if self.announcements is None:
            return []
        relevant = self.announcements.for_intent(intent, datetime.now(timezone.utc))
        if not relevant:
            return []
        new = await self.db.run(self.turns.first_hearing, conversation, [a.id for a in relevant])
        for announcement_id in new:
            log.info(
                "gateway.announcement.told conversation=%s announcement=%s",
                conversation_ref(conversation),
                announcement_id,
            )
        return [a.text[language] for a in relevant if a.id in new]

    async def bot_reply(
        self,
        conversation: str,
        reply: dict[str, Any],
        case: dict[str, Any] | Literal["look up"] | None = "look up",
    ) -> dict[str, Any]:
        body, extra = reply_body(reply)
        return await self.store(conversation, "bot", body, case, extra=extra)

    async def notice(
        self, conversation: str, code: str, language: Language, **values: object
    ) -> dict[str, Any]:
        return await self.store(
            conversation, "system", text(code, language, **values), extra={"kind": "notice"}
        )

    async def handoff_closed(self, conversation: str) -> None:
        """The bot takes the conversation back: its messages (the rating question) are relayed."""
        async with self._turn(conversation):
            try:
                replies = await self.rasa.trigger_intent(conversation, "handoff_closed")
            except RasaUnavailableError as error:
                log.warning(
                    "gateway.handoff.trigger_failed conversation=%s reason=%s",
                    conversation_ref(conversation),
                    error,
                )
                return
            for reply in replies:
                await self.bot_reply(conversation, reply)
