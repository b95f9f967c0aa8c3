"""Files a validated case: picks the group and the state (waiting when an agent of the group is
online in working hours, else ticket), stores it, tells the desks and the helpdesk webhook.
The action server's intake and the gateway's own bot-is-down path both come through here."""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime, timezone
from typing import Any

from aiohttp import web

from bot.common.masking import conversation_ref
from bot.gateway.handoff.intake import HandoffCase
from bot.gateway.handoff.summary import summary_text
from bot.gateway.keys import DB, DESK_CONFIG, HANDOFFS, HUB, WEBHOOK
from bot.gateway.store.handoffs import NewHandoff
from bot.gateway.store.states import State

log = logging.getLogger("gateway")
FULL_RECORD_EVENTS = frozenset({"case_created", "case_facts_added"})


async def file_case(app: web.Application, case: HandoffCase) -> tuple[dict[str, Any], bool]:
    """Returns (case, created); a conversation with an open case gets that case back."""
    config = app[DESK_CONFIG].current()
    group = config.group_for(case.topic)
    staffed = config.is_working_time(datetime.now(timezone.utc))
    state: State = "waiting" if staffed and app[HUB].agents_online(group) else "ticket"
    new = NewHandoff(
        conversation=case.conversation,
        state=state,
        group=group,
        priority=case.priority,
        reason=case.reason,
        language=case.language,
        case=case.record(),
        summary_text=summary_text(case, group),
    )
    stored, created = await app[DB].run(app[HANDOFFS].create, new)
    if created:
        log.info(
            "gateway.handoff.created case=%d conversation=%s group=%s state=%s priority=%s",
            stored["id"],
            conversation_ref(case.conversation),
            group,
            stored["state"],
            stored["priority"],
        )
        await app[HUB].to_desks({"type": "case_new", "case": stored}, group)
        await _to_webhook(app, "case_created", stored)
    return stored, created


def _summary_of(record: dict[str, Any], group: str) -> str:
    """The readable summary of a stored record (a record stored by an older version may lack a
    field: it reads as empty)."""
    case = HandoffCase(**{f.name: record.get(f.name) for f in fields(HandoffCase)})
    return summary_text(case, group)


async def add_customer_facts(
    app: web.Application, conversation: str, facts: dict[str, str]
) -> tuple[dict[str, Any], list[str]] | None:
    """Facts given after filing, into the open case (HandoffStore.add_customer_facts); the
    desks that show the case and the helpdesk webhook are told it changed."""
    found = await app[DB].run(app[HANDOFFS].add_customer_facts, conversation, facts, _summary_of)
    if found is not None and found[1]:
        stored, changed = found
        log.info(
            "gateway.handoff.facts_added case=%d conversation=%s facts=%s",
            stored["id"],
            conversation_ref(conversation),
            ",".join(changed),
        )
        await announce_change(app, stored, None, "case_facts_added")
    return found


async def announce_change(
    app: web.Application, case: dict[str, Any], old_owner: str | None, event: str
) -> None:
    """Tell the desks of the case's group (and its owner, or the owner it had) that the case
    changed, and the helpdesk webhook."""
    owner = case["agent"]["login"] if case["agent"] else old_owner
    await app[HUB].to_desks({"type": "case_updated", "case": case}, case["group"], owner)
    await _to_webhook(app, event, case)


async def _to_webhook(app: web.Application, event: str, case: dict[str, Any]) -> None:
    """The helpdesk's copy of a case event. A new case and new facts carry the full record (the
    facts and the readable summary), since those are what the helpdesk did not have."""
    if app[WEBHOOK].enabled:
        if event in FULL_RECORD_EVENTS:
            case = await app[DB].run(app[HANDOFFS].detail, case["id"])
        app[WEBHOOK].send(event, case)


def expected_code(case: dict[str, Any]) -> str:
    """Which promise to make the customer: an agent soon, or a reply by the contact left."""
    return "expected_waiting" if case["state"] in ("waiting", "assigned") else "expected_ticket"
