"""Typed application keys shared by the gateway modules."""

from __future__ import annotations

from aiohttp import web

from bot.common.rasa_events import TrackerEvents
from bot.common.settings import Settings
from bot.gateway.analytics.encoder import LazyEncoder
from bot.gateway.announcements.board import AnnouncementBoard
from bot.gateway.chat_service import ChatService
from bot.gateway.desk.config import DeskConfigFile
from bot.gateway.handoff.webhook import Webhook
from bot.gateway.hub import Hub
from bot.gateway.limits import ChatLimits
from bot.gateway.rasa_client import RasaClient
from bot.gateway.store.accounts import AccountStore
from bot.gateway.store.database import Database
from bot.gateway.store.erasure import ErasureStore
from bot.gateway.store.handoffs import HandoffStore

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa", RasaClient)
DB = web.AppKey("db", Database)
HANDOFFS = web.AppKey("handoffs", HandoffStore)
ACCOUNTS = web.AppKey("accounts", AccountStore)
DESK_CONFIG = web.AppKey("desk_config", DeskConfigFile)
HUB = web.AppKey("hub", Hub)
CHAT = web.AppKey("chat", ChatService)
WEBHOOK = web.AppKey("webhook", Webhook)
ANNOUNCEMENTS = web.AppKey("announcements", AnnouncementBoard)
ANALYTICS_ENCODER = web.AppKey("analytics_encoder", LazyEncoder)
LIMITS = web.AppKey("limits", ChatLimits)
ERASURE = web.AppKey("erasure", ErasureStore)
TRACKER = web.AppKey("tracker", TrackerEvents)
