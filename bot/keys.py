"""Typed application keys shared by the gateway modules."""

from __future__ import annotations

from aiohttp import web

from bot.rasa_client import RasaClient
from bot.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa", RasaClient)
