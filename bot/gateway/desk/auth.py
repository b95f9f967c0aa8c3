"""Desk login: password check, lock after repeated failures, the session cookie and CSRF.

The cookie is HttpOnly and SameSite=Strict; every state-changing request must also carry the
session's CSRF token in `X-CSRF-Token`, which a page on another site cannot read.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.gateway.desk.config import Agent
from bot.gateway.desk.passwords import dummy_hash, verify_password
from bot.gateway.keys import ACCOUNTS, DB, DESK_CONFIG
from bot.gateway.store.accounts import SESSION_SECONDS, Session
from bot.gateway.store.states import HandoffError

log = logging.getLogger("gateway")
COOKIE = "desk_session"
CSRF_HEADER = "X-CSRF-Token"
MAX_PASSWORD_CHARS = 1024


class DeskError(HandoffError):
    """A refused desk request (not logged in, no CSRF token, not your case, bad body)."""


@dataclass(frozen=True)
class SignedIn:
    agent: Agent
    session: Session


AgentView = Callable[[web.Request, SignedIn], Awaitable[web.StreamResponse]]


def desk_error(error: HandoffError) -> web.Response:
    body = {"code": error.code, "message": error.message, **error.details}
    return web.json_response({"error": body}, status=error.status)


async def json_body(request: web.Request) -> dict[str, Any]:
    try:
        data = json.loads((await request.read()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DeskError("invalid_json", "The body must be a JSON object.", 400) from None
    if not isinstance(data, dict):
        raise DeskError("invalid_json", "The body must be a JSON object.", 400)
    return data


async def signed_in(request: web.Request, csrf: bool) -> SignedIn:
    token = request.cookies.get(COOKIE)
    session = await request.app[DB].run(request.app[ACCOUNTS].session, token) if token else None
    agent = request.app[DESK_CONFIG].current().agents.get(session.login) if session else None
    if session is None or agent is None:
        raise DeskError("login_required", "Please log in.", 401)
    if csrf and not hmac.compare_digest(
        request.headers.get(CSRF_HEADER, "").encode(), session.csrf.encode()
    ):
        raise DeskError("csrf_failed", f"Missing or wrong {CSRF_HEADER} header.", 403)
    return SignedIn(agent, session)


def desk_view(*, csrf: bool) -> Callable[[AgentView], Callable[[web.Request], Awaitable[Any]]]:
    """Authenticates (and checks CSRF when the request changes state); errors become JSON."""

    def wrap(view: AgentView) -> Callable[[web.Request], Awaitable[Any]]:
        @functools.wraps(view)
        async def handler(request: web.Request) -> web.StreamResponse:
            try:
                return await view(request, await signed_in(request, csrf))
            except HandoffError as error:
                return desk_error(error)

        return handler

    return wrap


def me_body(agent: Agent, session: Session, request: web.Request) -> dict[str, Any]:
    config = request.app[DESK_CONFIG].current()
    return {
        "login": agent.login,
        "name": agent.name,
        "groups": list(agent.groups),
        "csrf": session.csrf,
        "all_groups": list(config.groups),
        "canned": [{"title": c.title, "ru": c.ru, "en": c.en} for c in config.canned],
    }


async def post_login(request: web.Request) -> web.Response:
    try:
        data = await json_body(request)
        login, password = data.get("login"), data.get("password")
        if not isinstance(login, str) or not isinstance(password, str):
            raise DeskError("invalid_json", 'Send {"login": "...", "password": "..."}.', 400)
        return await _login(request, login.strip().lower()[:64], password[:MAX_PASSWORD_CHARS])
    except HandoffError as error:
        return desk_error(error)


async def _login(request: web.Request, login: str, password: str) -> web.Response:
    accounts, db = request.app[ACCOUNTS], request.app[DB]
    if locked := await db.run(accounts.locked_for, login):
        raise _locked(locked)
    agent = request.app[DESK_CONFIG].current().agents.get(login)
    encoded = agent.password_hash if agent else dummy_hash()
    correct = await asyncio.to_thread(verify_password, password, encoded)
    if agent is None or not correct:
        log.warning("gateway.desk.login_failed")
        if await db.run(accounts.record_failure, login):
            raise _locked(await db.run(accounts.locked_for, login))
        raise DeskError("invalid_credentials", "Wrong login or password.", 401)
    await db.run(accounts.clear_failures, login)
    session = await db.run(accounts.open_session, login)
    log.info("gateway.desk.login agent=%s", login)
    response = web.json_response(me_body(agent, session, request))
    response.set_cookie(
        COOKIE,
        session.token,
        max_age=int(SESSION_SECONDS),
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.secure,
    )
    return response


def _locked(seconds: float) -> DeskError:
    return DeskError(
        "locked",
        f"Too many wrong passwords; try again in {int(seconds) + 1} s.",
        429,
        retry_after=int(seconds) + 1,
    )


@desk_view(csrf=True)
async def post_logout(request: web.Request, signed: SignedIn) -> web.Response:
    await request.app[DB].run(request.app[ACCOUNTS].close_session, signed.session.token)
    response = web.json_response({"ok": True})
    response.del_cookie(COOKIE, path="/")
    return response


@desk_view(csrf=False)
async def get_me(request: web.Request, signed: SignedIn) -> web.Response:
    return web.json_response(me_body(signed.agent, signed.session, request))
