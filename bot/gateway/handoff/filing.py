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
        if app[WEBHOOK].enabled:
            detail = await app[DB].run(app[HANDOFFS].detail, stored["id"])
            app[WEBHOOK].send("case_created", detail)
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
    desks that show the case are told it changed."""
    found = await app[DB].run(app[HANDOFFS].add_customer_facts, conversation, facts, _summary_of)
    if found is not None and found[1]:
        stored, changed = found
        log.info(
            "gateway.handoff.facts_added case=%d conversation=%s facts=%s",
            stored["id"],
            conversation_ref(conversation),
            ",".join(changed),
        )
        owner = stored["agent"]["login"] if stored["agent"] else None
        await app[HUB].to_desks({"type": "case_updated", "case": stored}, stored["group"], owner)
    return found


def expected_code(case: dict[str, Any]) -> str:
    """Which promise to make the customer: an agent soon, or a reply by the contact left."""
    return "expected_waiting" if case["state"] in ("waiting", "assigned") else "expected_ticket"
