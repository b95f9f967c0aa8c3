"""The desk's case API: queue, case view, claim, chat, notes, escalate, close.

The case view carries the structured record the desk renders as fields (`summary`), the plain-text
summary for tools that cannot (`summary_text`), and the conversation's messages, the one
transcript the desk shows; card numbers are masked in all three."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.common.masking import mask_cards
from bot.gateway.desk.auth import DeskError, SignedIn, desk_view, json_body
from bot.gateway.handoff.filing import announce_change
from bot.gateway.keys import CHAT, DB, DESK_CONFIG, HANDOFFS, HUB, SETTINGS
from bot.gateway.store.states import OPEN_STATES, STATES

MAX_NOTE_CHARS = 4000


def _case_id(request: web.Request) -> int:
    try:
        return int(request.match_info["case"])
    except ValueError:
        raise DeskError("case_not_found", "There is no such case.", 404) from None


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DeskError("empty_text", f"{key} must be a non-empty string.", 422, field=key)
    if len(value) > limit:
        raise DeskError("text_too_long", f"{key} is over {limit} characters.", 413, limit=limit)
    return value.strip()


def _masked(text: Any) -> Any:
    return mask_cards(text) if isinstance(text, str) else text


def masked_record(record: dict[str, Any]) -> dict[str, Any]:
    """The stored case with card numbers masked in the customer's words: the intake masks them
    on the way in, and cases kept before it did are shown the same way."""
    customer = record.get("customer")
    transcript = record.get("transcript")
    return {
        **record,
        "customer": {**customer, "name": _masked(customer.get("name"))}
        if isinstance(customer, dict)
        else customer,
        "problem": _masked(record.get("problem")),
        "tried": _masked(record.get("tried")),
        "transcript": [
            {**line, "text": _masked(line.get("text"))} if isinstance(line, dict) else line
            for line in transcript
        ]
        if isinstance(transcript, list)
        else transcript,
    }


async def _case_for(request: web.Request, signed: SignedIn) -> dict[str, Any]:
    """The case, if it is in one of the agent's groups or the agent owns it."""
    case = await request.app[DB].run(request.app[HANDOFFS].get, _case_id(request))
    owner = case["agent"]["login"] if case["agent"] else None
    if case["group"] not in signed.agent.groups and owner != signed.agent.login:
        raise DeskError("not_your_group", f"The case belongs to group {case['group']}.", 403)
    return case


@desk_view(csrf=False)
async def get_cases(request: web.Request, signed: SignedIn) -> web.Response:
    wanted = tuple(s for s in request.query.get("state", ",".join(OPEN_STATES)).split(",") if s)
    if not wanted or any(state not in STATES for state in wanted):
        raise DeskError("invalid_state", f"state must list some of {', '.join(STATES)}.", 400)
    cases = await request.app[DB].run(request.app[HANDOFFS].queue, wanted, signed.agent.groups)
    cases = [{**case, "customer_name": _masked(case["customer_name"])} for case in cases]
    return web.json_response({"cases": cases})


@desk_view(csrf=False)
async def get_case(request: web.Request, signed: SignedIn) -> web.Response:
    case = await _case_for(request, signed)
    db = request.app[DB]
    detail = await db.run(request.app[HANDOFFS].detail, case["id"])
    detail["summary"] = masked_record(detail["summary"])
    detail["customer_name"] = _masked(detail["customer_name"])
    messages = await db.run(request.app[CHAT].conversations.after, case["conversation"], 0)
    transcript = [{**m, "text": mask_cards(m["text"])} for m in messages]
    return web.json_response({"case": detail, "transcript": transcript})


@desk_view(csrf=True)
async def post_claim(request: web.Request, signed: SignedIn) -> web.Response:
    case = await _case_for(request, signed)
    agent = signed.agent
    claimed = await request.app[DB].run(
        request.app[HANDOFFS].claim, case["id"], agent.login, agent.name
    )
    if case["state"] != "assigned":
        conversation = claimed["conversation"]
        chat = request.app[CHAT]
        await chat.hub.to_customers(conversation, {"type": "agent_joined", "name": agent.name})
        await chat.notice(conversation, "agent_joined", claimed["language"], name=agent.name)
        await announce_change(request.app, claimed, None, "case_claimed")
    return web.json_response({"case": claimed})


@desk_view(csrf=True)
async def post_message(request: web.Request, signed: SignedIn) -> web.Response:
    data = await json_body(request)
    body = _text(data, "text", request.app[SETTINGS].max_message_chars)
    client_id = data.get("client_id")
    if client_id is not None and (not isinstance(client_id, str) or len(client_id) > 64):
        raise DeskError("invalid_client_id", "client_id must be a string of 1-64 chars.", 400)
    case = await request.app[DB].run(
        request.app[HANDOFFS].owned, _case_id(request), signed.agent.login
    )
    message = await request.app[CHAT].store(
        case["conversation"],
        "agent",
        body,
        case,
        client_id=client_id,
        agent_name=signed.agent.name,
    )
    return web.json_response({"message": message}, status=201)


@desk_view(csrf=True)
async def post_note(request: web.Request, signed: SignedIn) -> web.Response:
    body = _text(await json_body(request), "text", MAX_NOTE_CHARS)
    case = await _case_for(request, signed)
    agent = signed.agent
    note = await request.app[DB].run(
        request.app[HANDOFFS].add_note, case["id"], "note", agent.login, agent.name, body
    )
    return web.json_response({"note": note}, status=201)


@desk_view(csrf=True)
async def post_close(request: web.Request, signed: SignedIn) -> web.Response:
    resolution = _text(await json_body(request), "resolution", MAX_NOTE_CHARS)
    handoffs, db, agent = request.app[HANDOFFS], request.app[DB], signed.agent
    closed = await db.run(handoffs.close, _case_id(request), agent.login, resolution)
    await db.run(handoffs.add_note, closed["id"], "resolution", agent.login, agent.name, resolution)
    conversation = closed["conversation"]
    chat = request.app[CHAT]
    await chat.hub.to_customers(conversation, {"type": "agent_left", "name": agent.name})
    await chat.notice(conversation, "agent_left", closed["language"], name=agent.name)
    await announce_change(request.app, closed, agent.login, "case_closed")
    chat.in_background(chat.handoff_closed(conversation))
    return web.json_response({"case": closed})


@desk_view(csrf=True)
async def post_escalate(request: web.Request, signed: SignedIn) -> web.Response:
    data = await json_body(request)
    group = data.get("group")
    if group not in request.app[DESK_CONFIG].current().groups:
        raise DeskError("invalid_group", "group must be one of the configured groups.", 400)
    note = _text(data, "note", MAX_NOTE_CHARS)
    handoffs, db, hub, agent = (
        request.app[HANDOFFS],
        request.app[DB],
        request.app[HUB],
        signed.agent,
    )
    case = await db.run(handoffs.escalate, _case_id(request), agent.login, group)
    await db.run(handoffs.add_note, case["id"], "escalation", agent.login, agent.name, note)
    if not hub.agents_online(group):
        case = await db.run(handoffs.move, case["id"], "ticket")
    conversation = case["conversation"]
    chat = request.app[CHAT]
    await hub.to_customers(conversation, {"type": "agent_left", "name": agent.name})
    await chat.notice(conversation, "agent_escalated", case["language"], name=agent.name)
    await announce_change(request.app, case, agent.login, "case_escalated")
    await hub.to_desks({"type": "case_new", "case": case}, group)
    return web.json_response({"case": case})
