"""What analytics keeps between requests, per gateway database:

- the judged conversations of the latest periods asked for, reused while nothing new has been
  stored (records.data_version), so a page reload costs two small queries;
- the unanswered-question groups per period, computed in the background whenever the period's
  unanswered questions change (never on the request that needs them: the encoder takes seconds
  to load and the grouping up to a few seconds more); the last groups are shown meanwhile, with
  the time they were computed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from bot.common.masking import conversation_ref
from bot.gateway.analytics.changes import Marks, changes_since, marks
from bot.gateway.analytics.clusters import Cluster, cluster_questions
from bot.gateway.analytics.encoder import LazyEncoder
from bot.gateway.analytics.names import Catalogue, content_names
from bot.gateway.analytics.outcomes import Rules
from bot.gateway.analytics.period import Period
from bot.gateway.analytics.records import ConversationRow, load_conversations, question_texts
from bot.gateway.analytics.summary import Judged, judge_all, rules_of, unanswered_ids
from bot.gateway.store.database import Database

log = logging.getLogger("gateway")
KEEP_PERIODS = 8
WAIT_FOR_GROUPS_SECONDS = 1.0


@dataclass
class Snapshot:
    """A period as last read: its conversations, judged, and where the store stood then."""

    marks: Marks
    catalogue: Catalogue
    rules: Rules
    rows: dict[str, ConversationRow]
    by_id: dict[str, Judged]
    summary: dict[str, Any] | None = None  # summarised on first use

    @property
    def judged(self) -> list[Judged]:
        """Oldest first."""
        return sorted(self.by_id.values(), key=lambda j: (j.row.created_at, j.row.id))


@dataclass
class Groups:
    """The unanswered-question groups of one period."""

    fingerprint: str
    status: Literal["computing", "ready", "failed"] = "computing"
    computed_at: float | None = None
    questions: int = 0
    clusters: list[Cluster] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)  # conversation ref -> conversation id
    next: asyncio.Task[Any] | None = None  # a newer computation under way


def fingerprint(ids: list[int]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


class AnalyticsState:
    def __init__(self, db: Database, encoder: LazyEncoder, root: Path, knowledge: Path) -> None:
        self._db_ref = weakref.ref(db)  # the state lives as long as its database, no longer
        self._encoder = encoder
        self._names = content_names(root, knowledge)
        self._snapshots: OrderedDict[tuple[date, date], Snapshot] = OrderedDict()
        self._locks: dict[tuple[date, date], asyncio.Lock] = {}
        self._groups: OrderedDict[tuple[date, date], Groups] = OrderedDict()

    @property
    def _db(self) -> Database:
        db = self._db_ref()
        if db is None:
            raise RuntimeError("the gateway's database is closed")
        return db

    @staticmethod
    def _remember(cache: OrderedDict, key: Any, value: Any) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > KEEP_PERIODS:
            cache.popitem(last=False)

    async def snapshot(self, period: Period) -> Snapshot:
        """The period's judged conversations, read again only where they changed; starts the
        groups' computation when the unanswered questions changed. One reading per period at a
        time: a second request waits for the first one's."""
        key = (period.first_day, period.last_day)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            known = await self._read(period, self._snapshots.get(key))
        self._remember(self._snapshots, key, known)
        for old in [k for k in self._locks if k not in self._snapshots]:
            if not self._locks[old].locked():
                del self._locks[old]
        self._refresh_groups(key, unanswered_ids(list(known.by_id.values())))
        return known

    async def _read(self, period: Period, known: Snapshot | None) -> Snapshot:
        engine = self._db.engine
        catalogue = await asyncio.to_thread(self._names.get)
        rules = rules_of(catalogue)
        changes = None
        if known is not None:
            changes = await self._db.run(changes_since, engine, period, known.rows, known.marks)
        if known is None or changes is None:
            stood = await self._db.run(marks, engine)
            rows = await self._db.run(load_conversations, engine, period)
            judged = await asyncio.to_thread(judge_all, rows.values(), rules)
            return Snapshot(stood, catalogue, rules, rows, {j.row.id: j for j in judged})
        if not changes.changed and not changes.gone and catalogue is known.catalogue:
            known.marks = changes.marks
            return known
        rows = dict(known.rows)
        for gone in changes.gone:
            rows.pop(gone, None)
        fresh = await self._db.run(load_conversations, engine, period, changes.changed)
        rows.update(fresh)
        by_id = {} if catalogue is not known.catalogue else dict(known.by_id)
        for gone in changes.gone:
            by_id.pop(gone, None)
        again = rows.values() if not by_id else fresh.values()
        for one in await asyncio.to_thread(judge_all, again, rules):
            by_id[one.row.id] = one
        return Snapshot(changes.marks, catalogue, rules, rows, by_id)

    def _refresh_groups(self, key: tuple[date, date], ids: list[int]) -> None:
        wanted = fingerprint(ids)
        groups = self._groups.get(key)
        if groups is not None and groups.fingerprint == wanted and groups.status != "failed":
            return
        if groups is not None and groups.next is not None and not groups.next.done():
            return  # one computation per period at a time; the next page load starts another
        if groups is None:
            groups = Groups(wanted)
            self._remember(self._groups, key, groups)
        groups.next = asyncio.get_running_loop().create_task(self._compute(key, ids, wanted))

    async def _compute(self, key: tuple[date, date], ids: list[int], wanted: str) -> None:
        started = time.monotonic()
        result = Groups(wanted)
        try:
            texts = await self._db.run(question_texts, self._db.engine, ids) if ids else []
            if texts:
                encoder = await asyncio.to_thread(self._encoder.get)
                result.clusters = await asyncio.to_thread(
                    cluster_questions,
                    [text for _, _, text in texts],
                    encoder,
                    sources=[conversation for _, conversation, _ in texts],
                )
            result.refs = {
                conversation_ref(c): c for cluster in result.clusters for c in cluster.conversations
            }
            result.questions, result.status = len(texts), "ready"
        except Exception:  # shown as "could not group" on the page, the cause in the log
            log.exception("gateway.analytics.cluster_failed")
            result.status = "failed"
        result.computed_at = time.time()
        self._remember(self._groups, key, result)
        log.info(
            "gateway.analytics.clustered questions=%d clusters=%d ms=%.0f",
            result.questions,
            len(result.clusters),
            (time.monotonic() - started) * 1000,
        )

    async def groups(self, period: Period) -> Groups:
        """The latest groups of the period; waits a little for a computation under way."""
        key = (period.first_day, period.last_day)
        if key not in self._groups:
            await self.snapshot(period)
        groups = self._groups[key]
        if groups.next is not None and not groups.next.done():
            await asyncio.wait({groups.next}, timeout=WAIT_FOR_GROUPS_SECONDS)
        return self._groups.get(key, groups)

    def conversation_for(self, period: Period, ref: str) -> str | None:
        """The conversation behind a reference, if it is an example of one of the period's groups:
        analytics opens no other conversation."""
        groups = self._groups.get((period.first_day, period.last_day))
        return groups.refs.get(ref) if groups is not None else None


_STATES: weakref.WeakKeyDictionary[Database, AnalyticsState] = weakref.WeakKeyDictionary()


def analytics_state(
    db: Database, encoder: LazyEncoder, root: Path, knowledge: Path
) -> AnalyticsState:
    """One state per gateway database, made on the first analytics request."""
    state = _STATES.get(db)
    if state is None:
        state = _STATES[db] = AnalyticsState(db, encoder, root, knowledge)
    return state
