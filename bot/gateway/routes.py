"""All gateway routes in one list."""

from __future__ import annotations

from aiohttp import web

from bot.gateway.analytics import http as analytics
from bot.gateway.announcements.http import get_announcements
from bot.gateway.chat_erase import delete_chat
from bot.gateway.chat_http import get_health, get_history, get_updates, post_chat
from bot.gateway.chat_ws import ws_chat
from bot.gateway.desk import auth, cases
from bot.gateway.desk.pages import get_desk_asset, get_desk_page
from bot.gateway.desk.ws import ws_desk
from bot.gateway.handoff.internal_http import post_customer_facts, post_handoff, post_rating
from bot.gateway.pages import get_demo_page, get_widget_script, get_widget_styles


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", get_demo_page)
    app.router.add_get("/widget.js", get_widget_script)
    app.router.add_get("/widget.css", get_widget_styles)
    app.router.add_get("/health", get_health)
    app.router.add_post("/api/chat", post_chat)
    app.router.add_delete("/api/chat", delete_chat)
    app.router.add_get("/api/chat/history", get_history)
    app.router.add_get("/api/chat/updates", get_updates)
    app.router.add_get("/ws/chat", ws_chat)
    app.router.add_get("/api/announcements", get_announcements)
    app.router.add_post("/internal/handoffs", post_handoff)
    app.router.add_post("/internal/handoffs/customer", post_customer_facts)
    app.router.add_post("/internal/ratings", post_rating)
    app.router.add_get("/desk", get_desk_page)
    app.router.add_get("/desk/assets/{name}", get_desk_asset)
    app.router.add_post("/desk/api/login", auth.post_login)
    app.router.add_post("/desk/api/logout", auth.post_logout)
    app.router.add_get("/desk/api/me", auth.get_me)
    app.router.add_get("/desk/api/cases", cases.get_cases)
    app.router.add_get("/desk/api/cases/{case}", cases.get_case)
    app.router.add_post("/desk/api/cases/{case}/claim", cases.post_claim)
    app.router.add_post("/desk/api/cases/{case}/messages", cases.post_message)
    app.router.add_post("/desk/api/cases/{case}/notes", cases.post_note)
    app.router.add_post("/desk/api/cases/{case}/close", cases.post_close)
    app.router.add_post("/desk/api/cases/{case}/escalate", cases.post_escalate)
    app.router.add_get("/desk/api/analytics", analytics.get_analytics)
    app.router.add_get("/desk/api/analytics/unanswered", analytics.get_unanswered)
    app.router.add_get("/desk/api/analytics/export.csv", analytics.get_export)
    app.router.add_get("/ws/desk", ws_desk)
