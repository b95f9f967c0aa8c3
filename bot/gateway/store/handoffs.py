"""Handoff cases, their notes and the customers' ratings. Blocking calls: use Database.run.

Every state change is one UPDATE guarded by the state it expects, so two agents acting at once
cannot both succeed: the loser's UPDATE matches no row and gets a HandoffError.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, case, func, insert, select, update
from sqlalchemy.engine import Connection, Engine, Row

from bot.gateway.store.conversations import ensure_conversation
from bot.gateway.store.records import iso
from bot.gateway.store.schema import handoffs, notes, ratings
from bot.gateway.store.states import CLAIMABLE, OPEN_STATES, HandoffError, State, check_transition

# Asked twice per customer message; built once (a statement object is compiled once).
OPEN_CASE = (
    select(handoffs)
    .where(handoffs.c.conversation == bindparam("conversation"))
    .where(handoffs.c.state.in_(OPEN_STATES))
    .order_by(handoffs.c.id.desc())
)


@dataclass(frozen=True)
class NewHandoff:
    conversation: str
    state: State
    group: str
    priority: str
    reason: str
    language: str
    case: dict[str, Any]
    summary_text: str


class HandoffStore:
    def __init__(self, engine: Engine, ticket_prefix: str = "LM") -> None:
        self._engine = engine
        self._prefix = ticket_prefix

    def ticket(self, handoff_id: int) -> str:
        return f"{self._prefix}-{handoff_id:06d}"

    def _case(self, row: Row) -> dict[str, Any]:
        record = json.loads(row.case_json)
        return {
            "id": row.id,
            "ticket": self.ticket(row.id),
            "conversation": row.conversation,
            "state": row.state,
            "group": row.group_name,
            "priority": row.priority,
            "reason": row.reason,
            "language": row.language,
            "topic": record.get("topic"),
            "customer_name": (record.get("customer") or {}).get("name"),
            "agent": {"login": row.agent_login, "name": row.agent_name}
            if row.agent_login
            else None,
            "created_at": iso(row.created_at),
            "waiting_seconds": round((row.closed_at or time.time()) - row.created_at),
            "resolution": row.resolution,
        }

    def detail(self, handoff_id: int) -> dict[str, Any]:
        """The case with its structured record, readable summary and notes (the case view)."""
        with self._engine.connect() as connection:
            row = self._row(connection, handoff_id)
            note_rows = connection.execute(
                select(notes).where(notes.c.handoff_id == handoff_id).order_by(notes.c.id)
            ).all()
        return {
            **self._case(row),
            "summary": json.loads(row.case_json),
            "summary_text": row.summary_text,
            "notes": [
                {
                    "id": n.id,
                    "kind": n.kind,
                    "author": n.author_name,
                    "text": n.text,
                    "ts": iso(n.ts),
                }
                for n in note_rows
            ],
        }

    @staticmethod
    def _row(connection: Connection, handoff_id: int) -> Row:
        row = connection.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
        if row is None:
            raise HandoffError("case_not_found", f"There is no case {handoff_id}.", status=404)
        return row

    def get(self, handoff_id: int) -> dict[str, Any]:
        with self._engine.connect() as connection:
            return self._case(self._row(connection, handoff_id))

    def open_for(self, conversation: str) -> dict[str, Any] | None:
        with self._engine.connect() as connection:
            return self.open_in(connection, conversation)

    def open_in(self, connection: Connection, conversation: str) -> dict[str, Any] | None:
        """The conversation's open case, read on a connection the caller already holds."""
        row = connection.execute(OPEN_CASE, {"conversation": conversation}).first()
        return self._case(row) if row else None

    def create(self, new: NewHandoff) -> tuple[dict[str, Any], bool]:
        """Returns (case, created); a conversation with an open case gets that case back."""
        if existing := self.open_for(new.conversation):
            return existing, False
        now = time.time()
        with self._engine.begin() as connection:
            ensure_conversation(connection, new.conversation)
            result = connection.execute(
                insert(handoffs).values(
                    conversation=new.conversation,
                    state=new.state,
                    group_name=new.group,
                    priority=new.priority,
                    reason=new.reason,
                    language=new.language,
                    case_json=json.dumps(new.case, ensure_ascii=False),
                    summary_text=new.summary_text,
                    created_at=now,
                    updated_at=now,
                )
            )
            handoff_id = result.inserted_primary_key[0]
            return self._case(self._row(connection, handoff_id)), True

    def add_customer_facts(
        self,
        conversation: str,
        facts: dict[str, str],
        render: Callable[[dict[str, Any], str], str],
    ) -> tuple[dict[str, Any], list[str]] | None:
        """Facts the customer gave after the case was filed go into the conversation's open case,
        so the agent finds them among its fields, not only somewhere in the transcript; the
        readable summary is rendered again (`render(record, group)`). Returns the case and the
        facts that changed it, or None when the conversation has no open case."""
        with self._engine.begin() as connection:
            row = connection.execute(OPEN_CASE, {"conversation": conversation}).first()
            if row is None:
                return None
            record = json.loads(row.case_json)
            customer = dict(record.get("customer") or {})
            changed = [key for key, value in facts.items() if customer.get(key) != value]
            if changed:
                record["customer"] = {**customer, **facts}
                connection.execute(
                    update(handoffs)
                    .where(handoffs.c.id == row.id)
                    .values(
                        case_json=json.dumps(record, ensure_ascii=False),
                        summary_text=render(record, row.group_name),
                        updated_at=time.time(),
                    )
                )
            return self._case(self._row(connection, row.id)), changed

    def queue(
        self, states: tuple[str, ...], groups: tuple[str, ...] | None
    ) -> list[dict[str, Any]]:
        """High priority first, then the longest waiting; `groups=None` means every group."""
        condition = handoffs.c.state.in_(states)
        if groups is not None:
            condition = and_(condition, handoffs.c.group_name.in_(groups))
        order = case((handoffs.c.priority == "high", 0), else_=1)
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(handoffs).where(condition).order_by(order, handoffs.c.created_at).limit(500)
            ).all()
        return [self._case(row) for row in rows]

    def claim(self, handoff_id: int, login: str, name: str) -> dict[str, Any]:
        now = time.time()
        with self._engine.begin() as connection:
            won = connection.execute(
                update(handoffs)
                .where(and_(handoffs.c.id == handoff_id, handoffs.c.state.in_(CLAIMABLE)))
                .values(
                    state="assigned",
                    agent_login=login,
                    agent_name=name,
                    updated_at=now,
                    claimed_at=func.coalesce(handoffs.c.claimed_at, now),  # the first claim
                )
            ).rowcount
            row = self._row(connection, handoff_id)
        if won == 1 or (row.state == "assigned" and row.agent_login == login):
            return self._case(row)
        if row.state == "assigned":
            raise HandoffError(
                "already_claimed",
                f"The case is already taken by {row.agent_name}.",
                owner=row.agent_name,
            )
        raise HandoffError("case_closed", "The case is closed.")

    def owned(self, handoff_id: int, login: str) -> dict[str, Any]:
        """The case if `login` owns it now; else a HandoffError saying why not."""
        case_ = self.get(handoff_id)
        self._check_owner(case_, login)
        return case_

    @staticmethod
    def _check_owner(case_: dict[str, Any], login: str) -> None:
        if case_["state"] == "closed":
            raise HandoffError("case_closed", "The case is closed.")
        if case_["state"] != "assigned":
            raise HandoffError("not_claimed", "Claim the case first.")
        if case_["agent"]["login"] != login:
            raise HandoffError(
                "not_owner",
                f"The case is handled by {case_['agent']['name']}.",
                owner=case_["agent"]["name"],
            )

    def move(
        self, handoff_id: int, target: State, owner: str | None = None, **values: Any
    ) -> dict[str, Any]:
        """One validated transition; `owner` must hold the case when given."""
        with self._engine.begin() as connection:
            row = self._row(connection, handoff_id)
            if owner is not None:
                self._check_owner(self._case(row), owner)
            check_transition(row.state, target)
            changed = connection.execute(
                update(handoffs)
                .where(and_(handoffs.c.id == handoff_id, handoffs.c.state == row.state))
                .values(state=target, updated_at=time.time(), **values)
            ).rowcount
            if changed != 1:
                raise HandoffError("conflict", "The case changed meanwhile; reload it.")
            return self._case(self._row(connection, handoff_id))

    def close(self, handoff_id: int, login: str, resolution: str) -> dict[str, Any]:
        return self.move(
            handoff_id, "closed", owner=login, resolution=resolution, closed_at=time.time()
        )

    def escalate(self, handoff_id: int, login: str, group: str) -> dict[str, Any]:
        return self.move(
            handoff_id, "waiting", owner=login, group_name=group, agent_login=None, agent_name=None
        )

    def add_note(
        self, handoff_id: int, kind: str, login: str, name: str, text: str
    ) -> dict[str, Any]:
        with self._engine.begin() as connection:
            self._row(connection, handoff_id)
            now = time.time()
            result = connection.execute(
                insert(notes).values(
                    handoff_id=handoff_id,
                    kind=kind,
                    author_login=login,
                    author_name=name,
                    text=text,
                    ts=now,
                )
            )
        return {
            "id": result.inserted_primary_key[0],
            "kind": kind,
            "author": name,
            "text": text,
            "ts": iso(now),
        }

    def add_rating(self, conversation: str, rating: int) -> None:
        """Tied to the conversation's latest closed case, if there is one."""
        with self._engine.begin() as connection:
            latest = connection.execute(
                select(handoffs.c.id)
                .where(and_(handoffs.c.conversation == conversation, handoffs.c.state == "closed"))
                .order_by(handoffs.c.id.desc())
            ).scalar()
            connection.execute(
                insert(ratings).values(
                    conversation=conversation, handoff_id=latest, rating=rating, ts=time.time()
                )
            )
