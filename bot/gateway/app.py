"""The gateway application factory: `create_app(settings)`; resources live in cleanup_ctx."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from bot.common.rasa_events import TrackerEvents
from bot.common.settings import Settings
from bot.gateway.analytics.encoder import LazyEncoder
from bot.gateway.announcements.board import AnnouncementBoard
from bot.gateway.bus import RedisBus
from bot.gateway.chat_service import ChatService
from bot.gateway.desk.config import DeskConfigFile
from bot.gateway.errors import error_middleware
from bot.gateway.handoff.webhook import Webhook
from bot.gateway.hub import Hub
from bot.gateway.keys import (
    ACCOUNTS,
    ANALYTICS_ENCODER,
    ANNOUNCEMENTS,
    CHAT,
    DB,
    DESK_CONFIG,
    ERASURE,
    HANDOFFS,
    HUB,
    LIMITS,
    RASA,
    SETTINGS,
    TRACKER,
    WEBHOOK,
)
from bot.gateway.limits import ChatLimits, ConnectionLimiter, RateLimiter
from bot.gateway.middlewares import add_security_headers, body_limit_middleware, chat_api_middleware
from bot.gateway.rasa_client import RasaClient
from bot.gateway.routes import setup_routes
from bot.gateway.store.accounts import AccountStore
from bot.gateway.store.conversations import ConversationStore
from bot.gateway.store.database import Database
from bot.gateway.store.erasure import ErasureStore
from bot.gateway.store.handoffs import HandoffStore


async def _rasa_client(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    client = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
    await client.start()
    app[RASA] = client
    yield
    await client.close()


async def _webhook(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    webhook = Webhook(settings.handoff_webhook_url, settings.handoff_webhook_secret)
    await webhook.start()
    app[WEBHOOK] = webhook
    yield
    await webhook.close()


async def _store(app: web.Application) -> AsyncIterator[None]:
    """The database, the live connections and the chat service that ties them to Rasa."""
    settings = app[SETTINGS]
    db = Database(settings.database, settings.database_timeout_seconds)
    handoffs = HandoffStore(db.engine, app[DESK_CONFIG].current().ticket_prefix)
    hub = Hub()
    app[DB] = db
    app[HANDOFFS] = handoffs
    app[ACCOUNTS] = AccountStore(db.engine)
    app[HUB] = hub
    bus = RedisBus(settings.hub_redis_url, hub) if settings.hub_redis_url else None
    if bus is not None:
        await bus.start()
    app[ERASURE] = ErasureStore(db.engine)
    tracker = TrackerEvents(settings.tracker_database, settings.database_timeout_seconds)
    app[TRACKER] = tracker
    app[CHAT] = ChatService(
        db, ConversationStore(db.engine), handoffs, app[RASA], hub, app[ANNOUNCEMENTS]
    )
    yield
    if bus is not None:
        await bus.close()
    await hub.close_all()
    tracker.close()
    db.close()


def chat_limits(settings: Settings) -> ChatLimits:
    return ChatLimits(
        per_conversation=RateLimiter(
            settings.rate_limit_conversation, settings.rate_window_seconds
        ),
        per_ip=RateLimiter(settings.rate_limit_ip, settings.rate_window_seconds),
        sockets=ConnectionLimiter(settings.max_sockets_per_ip),
    )


def create_app(settings: Settings) -> web.Application:
    """Reads the desk config now, so a broken agents file stops start-up with its name."""
    app = web.Application(
        # The chat API's CORS headers go on every answer, the error middleware's included.
        middlewares=[chat_api_middleware, error_middleware, body_limit_middleware],
        client_max_size=settings.max_body_bytes,
    )
    # aiohttp 3.9 types this signal's callbacks wrongly; the call matches its documentation.
    app.on_response_prepare.append(add_security_headers)  # type: ignore[arg-type]
    app[SETTINGS] = settings
    app[LIMITS] = chat_limits(settings)
    app[DESK_CONFIG] = DeskConfigFile(settings.agents_path)
    app[ANNOUNCEMENTS] = AnnouncementBoard(
        settings.root / "announcements", settings.root / "intents"
    )
    app[ANALYTICS_ENCODER] = LazyEncoder()
    app.cleanup_ctx.append(_rasa_client)
    app.cleanup_ctx.append(_webhook)
    app.cleanup_ctx.append(_store)
    setup_routes(app)
    return app
