"""Typed application keys shared by the gateway modules."""

from __future__ import annotations

from aiohttp import web

from bot.analytics.encoder import LazyEncoder
from bot.announcements.board import AnnouncementBoard
from bot.chat_service import ChatService
from bot.desk.config import DeskConfigFile
from bot.handoff.webhook import Webhook
from bot.hub import Hub
from bot.limits import ChatLimits
from bot.rasa_client import RasaClient
from bot.settings import Settings
from bot.store.accounts import AccountStore
from bot.store.database import Database
from bot.store.erasure import ErasureStore
from bot.store.handoffs import HandoffStore
from bot.store.tracker_events import TrackerEvents

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
