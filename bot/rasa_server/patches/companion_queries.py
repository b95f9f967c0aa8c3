"""The search's second encoder reads the customer's question in the Rasa server while Rasa parses
it.

On a small help center the search encodes every question with a second encoder too
(retrieval/companion.py): 13-22 ms on this machine, which the action server used to spend after
Rasa's NLU and dialogue had run. Here `MessageProcessor.parse_message` first hands the question to
one worker thread (the engine releases the GIL while it computes), then parses as Rasa does; before
an action that searches, `RemoteAction.run` waits for that vector (a question not yet taken by the
worker at most `WAIT_SECONDS`), and the action call carries it (patches/action_calls.py). The text
encoded is what the search will encode: the message read as the NLU and the search read it
(retrieval/normalise.py), through the search's own `query_text`. The search uses the vector only
when encoder and text match exactly (retrieval/service.py), so a message the search reads
differently (a Latin-typed question it reads in Cyrillic), a timeout or an error only cost the
action server its own encoding, as before.

Nothing starts when `ASSISTANT_KB_COMPANION_ENCODER` switches the second encoder off, when it is not
installed, or when the current build of the index was made without it (a help center above
`companion_max_chunks`); a build that does not exist yet counts as made with it. When the worker
already has `MAX_QUEUED` questions waiting, the action server encodes the next one itself, so under
load both processes' engines work and a question never waits behind a long queue.

Opt-in (`ASSISTANT_RASA_PATCHES=all,companion_queries`): on the shared 2-core machine it was
measured on, replies got slower (README, "Speed"), as no second core was free to overlap on.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import INTENT_MESSAGE_PREFIX

from retrieval.companion import Companion, load_companion
from retrieval.errors import RetrievalError
from retrieval.index_files import Manifest, current_build
from retrieval.known_vector import RECENT_VECTORS, KnownVector
from retrieval.normalise import read_message
from retrieval.service import query_text
from retrieval.settings import RetrievalSettings

log = logging.getLogger(__name__)
RASA_PARSE_MESSAGE = MessageProcessor.parse_message
RASA_REMOTE_RUN = RemoteAction.run
# The actions that search the customer's question with the vector the call carries (actions/);
# any other action gets the vector only if it is already there, and never waits for it.
SEARCHING_ACTIONS = frozenset(
    {
        "action_answer_from_knowledge",
        "action_handoff_unless_article",
        "action_respond_unless_article",
    }
)
# A short question takes 13-22 ms on a quiet machine, a long one many times that (a 1 000-character
# one took 2.1 s on this machine under load). A question still waiting for the worker after
# WAIT_SECONDS is dropped (the action server encodes it at once); one being encoded is waited for up
# to RUNNING_SECONDS, as encoding it again would take longer than what is left.
WAIT_SECONDS = 0.25
RUNNING_SECONDS = 5.0
MAX_QUEUED = 2


class BuildCompanion:
    """Whether the current build of the index uses the second encoder, read from its manifest when
    the build changes, looked at most every `check_seconds`."""

    def __init__(self, index_dir: Path, name: str, check_seconds: float) -> None:
        self._index_dir, self._name, self._check_seconds = index_dir, name, check_seconds
        self._checked_at = -float("inf")
        self._build: Path | None = None
        self._uses = True

    def uses(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at < self._check_seconds:
            return self._uses
        self._checked_at = now
        build = current_build(self._index_dir)
        if build is None:
            self._build, self._uses = None, True
        elif build != self._build:
            try:
                self._uses = Manifest.read(build).companion == self._name
            except RetrievalError:
                self._uses = True  # the action server decides; at worst the vector goes unused
            self._build = build
        return self._uses


class CompanionQueries:
    """Questions encoded by the second encoder on one worker thread, by the text as typed (what the
    action call's tracker carries); the last `size` are kept."""

    def __init__(
        self,
        companion: Companion,
        max_chars: int,
        build: BuildCompanion | None = None,
        size: int = RECENT_VECTORS,
    ) -> None:
        self._companion, self._max_chars = companion, max_chars
        self._build, self._size = build, size
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="companion-query")
        self._jobs: OrderedDict[str, Future[KnownVector | None]] = OrderedDict()

    def start(self, typed: str) -> None:
        """Starts encoding the question the search will make of `typed`, unless it has nothing to
        search or the worker is busy enough. Each message is encoded anew, as the action server
        did: a question asked again is not served from the vectors kept."""
        self._jobs.pop(typed, None)
        if self._build is not None and not self._build.uses():
            return
        reading = read_message(typed)
        text = query_text(reading.text, self._max_chars)
        if reading.unreadable is not None or not text or self._queued() >= MAX_QUEUED:
            return
        self._jobs[typed] = self._worker.submit(self._encode, text)
        while len(self._jobs) > self._size:
            self._jobs.popitem(last=False)

    def finished(self, typed: Any) -> KnownVector | None:
        """The vector of `typed` if it is ready; None while it is being made, or if it failed."""
        job = self._jobs.get(typed) if isinstance(typed, str) else None
        if job is None or not job.done() or job.cancelled():
            return None
        return job.result()

    async def wait(
        self, typed: Any, seconds: float = WAIT_SECONDS, running: float = RUNNING_SECONDS
    ) -> None:
        """Waits for the vector of `typed`: a job not started within `seconds` is dropped (the
        action server encodes the question itself), one being encoded by then gets `running`
        seconds more (only an engine that hangs takes that long)."""
        job = self._jobs.get(typed) if isinstance(typed, str) else None
        if job is None or job.done():
            return
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def settle() -> None:
            if not ready.done():
                ready.set_result(None)

        job.add_done_callback(lambda _: loop.call_soon_threadsafe(settle))
        for limit in (seconds, running):
            try:
                await asyncio.wait_for(asyncio.shield(ready), limit)
                return
            except asyncio.TimeoutError:
                if job.cancel():  # still waiting for the worker: not worth waiting for
                    break
        job.cancel()
        log.info("rasa_server.companion.late running=%s", job.running())

    def _queued(self) -> int:
        """Jobs not started yet: the newest ones, as the one worker takes them in order."""
        queued = 0
        for job in reversed(self._jobs.values()):
            if job.running() or job.done():
                break
            queued += 1
        return queued

    def _encode(self, text: str) -> KnownVector | None:
        try:
            return KnownVector(self._companion.name, text, self._companion.queries([text])[0])
        except Exception as error:  # the engine failed: the action server encodes the question
            log.warning("rasa_server.companion.failed reason=%s", type(error).__name__)
            return None


@functools.cache
def companion_queries() -> CompanionQueries | None:
    """This process's worker, made on the first message: None when the search's settings leave
    the second encoder out, or it does not load."""
    try:
        settings = RetrievalSettings.from_mapping(os.environ)
    except RetrievalError as error:
        log.warning("rasa_server.companion.off reason=%s", error)
        return None
    companion = load_companion(settings.companion_encoder)
    if companion is None:
        return None
    build = BuildCompanion(settings.index_dir, companion.name, settings.reload_check_seconds)
    return CompanionQueries(companion, settings.max_query_chars, build)


def made() -> CompanionQueries | None:
    """The worker if a message has made it (a process that never parsed one has none)."""
    return companion_queries() if companion_queries.cache_info().currsize else None


def start(typed: Any) -> None:
    """Hands a customer's message to the worker; a button's `/intent` payload is not a question."""
    if not isinstance(typed, str) or not typed or typed.startswith(INTENT_MESSAGE_PREFIX):
        return
    queries = companion_queries()
    if queries is not None:
        queries.start(typed)


def finished(typed: Any) -> KnownVector | None:
    """The second encoder's vector of the message typed as `typed`, if it is ready."""
    queries = made()
    return queries.finished(typed) if queries is not None else None


async def parse_message(
    self: MessageProcessor,
    message: UserMessage,
    tracker: Any = None,
    only_output_properties: bool = True,
) -> dict[str, Any]:
    """`MessageProcessor.parse_message`, with the question handed to the second encoder first."""
    start(message.text)
    parsed: dict[str, Any] = await RASA_PARSE_MESSAGE(
        self, message, tracker, only_output_properties
    )
    return parsed


async def run_remote_action(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> Any:
    """`RemoteAction.run`, after the question's second vector when the action searches
    (`CompanionQueries.wait`)."""
    queries = made()
    if queries is not None and self.name() in SEARCHING_ACTIONS:
        await queries.wait(tracker.latest_message.text)
    return await RASA_REMOTE_RUN(self, output_channel, nlg, tracker, domain)
