"""Starts the processes, waits until each is healthy, restarts one that dies, stops all on Ctrl-C.

A process that dies is restarted up to `max_restarts` times; after that everything stops with the
name of the process, its exit code and the end of its log, so the cause is on screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bot.supervisor.processes import ProcessSpec, child_environment

log = logging.getLogger("supervisor")
HEALTH_POLL_SECONDS = 0.5
STOP_GRACE_SECONDS = 10.0
LOG_TAIL_LINES = 15
RASA_SERVER = "Rasa server"


class SupervisorError(Exception):
    """A process could not be started or kept running."""


@dataclass
class Running:
    spec: ProcessSpec
    log_path: Path
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0
    started_at: float = field(default_factory=time.monotonic)


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    if not path.exists():
        return "(no output)"
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "".join(deque(handle, maxlen=lines)).rstrip() or "(no output)"


class Supervisor:
    def __init__(
        self, specs: list[ProcessSpec], log_dir: Path, max_restarts: int, startup_timeout: float
    ) -> None:
        log_dir.mkdir(parents=True, exist_ok=True)
        self._running = [
            Running(spec, log_dir / f"{spec.name.replace(' ', '-').lower()}.log") for spec in specs
        ]
        self._max_restarts = max_restarts
        self._startup_timeout = startup_timeout
        self._stopping = asyncio.Event()

    async def _spawn(self, item: Running) -> None:
        handle = item.log_path.open("ab")
        item.process = await asyncio.create_subprocess_exec(
            *item.spec.command,
            stdout=handle,
            stderr=asyncio.subprocess.STDOUT,
            stdin=asyncio.subprocess.DEVNULL,
            env=child_environment(item.spec),
            start_new_session=True,
        )
        handle.close()
        item.started_at = time.monotonic()

    async def _wait_healthy(self, item: Running, session: aiohttp.ClientSession) -> None:
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            assert item.process is not None
            if item.process.returncode is not None:
                raise SupervisorError(
                    f"The {item.spec.name} exited with code {item.process.returncode} while "
                    f"starting. Last lines of {item.log_path}:\n{log_tail(item.log_path)}"
                )
            with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
                async with session.get(item.spec.health_url) as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(HEALTH_POLL_SECONDS)
        raise SupervisorError(
            f"The {item.spec.name} did not become healthy within {self._startup_timeout:.0f} s "
            f"({item.spec.health_url}). Last lines of {item.log_path}:\n{log_tail(item.log_path)}"
        )

    async def start_all(self) -> None:
        """Start each process in order; when one fails to come up, stop the ones already
        started (and the failed one, if it still runs) so nothing is left behind."""
        timeout = aiohttp.ClientTimeout(total=2)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for item in self._running:
                log.info("Starting the %s ...", item.spec.name)
                await self._spawn(item)
                try:
                    await self._wait_healthy(item, session)
                except BaseException:
                    await self.stop_all()
                    raise
                log.info("The %s is up (%s).", item.spec.name, item.spec.health_url)

    async def watch(self) -> None:
        """Return when asked to stop; raise SupervisorError when a process keeps dying."""
        waiters = {asyncio.ensure_future(self._watch_one(item)) for item in self._running}
        stop = asyncio.ensure_future(self._stopping.wait())
        try:
            done, _ = await asyncio.wait(waiters | {stop}, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task is not stop:
                    task.result()
        finally:
            for task in waiters | {stop}:
                task.cancel()

    async def _watch_one(self, item: Running) -> None:
        timeout = aiohttp.ClientTimeout(total=2)
        while True:
            assert item.process is not None
            code = await item.process.wait()
            if self._stopping.is_set():
                return
            tail = log_tail(item.log_path)
            if item.restarts >= self._max_restarts:
                raise SupervisorError(
                    f"The {item.spec.name} exited with code {code} and was already restarted "
                    f"{item.restarts} times; stopping everything. Last lines of "
                    f"{item.log_path}:\n{tail}"
                )
            item.restarts += 1
            log.warning(
                "The %s exited with code %s; restarting (%d of %d). Last lines of %s:\n%s",
                item.spec.name,
                code,
                item.restarts,
                self._max_restarts,
                item.log_path,
                tail,
            )
            await self._spawn(item)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                await self._wait_healthy(item, session)
            log.info("The %s is back up.", item.spec.name)

    def use_model(self, model: Path) -> None:
        """After a live model switch: a restarted Rasa server loads the new model, not the old."""
        item = next(i for i in self._running if i.spec.name == RASA_SERVER)
        command = list(item.spec.command)
        command[command.index("--model") + 1] = str(model)
        item.spec = dataclasses.replace(item.spec, command=tuple(command))

    def is_running(self, name: str) -> bool:
        """Whether the named process is alive now (tests use it to prove nothing crashed)."""
        item = next(i for i in self._running if i.spec.name == name)
        return item.process is not None and item.process.returncode is None

    def command(self, name: str) -> tuple[str, ...]:
        """The command a (re)start of the named process runs; tests check a model switch."""
        return tuple(next(i for i in self._running if i.spec.name == name).spec.command)

    def environment(self, name: str) -> dict[str, str]:
        """The settings a process was started with (tests read the generated internal token)."""
        return dict(next(i for i in self._running if i.spec.name == name).spec.env)

    def pid(self, name: str) -> int | None:
        """The named process's id now (tests kill it to prove the restart loses nothing)."""
        process = next(i for i in self._running if i.spec.name == name).process
        return process.pid if process is not None else None

    def restarts(self, name: str) -> int:
        return next(i for i in self._running if i.spec.name == name).restarts

    def request_stop(self) -> None:
        self._stopping.set()

    async def stop_all(self) -> None:
        """SIGTERM in reverse start order, then SIGKILL for whatever is still running."""
        self._stopping.set()
        for item in reversed(self._running):
            process = item.process
            if process is None or process.returncode is not None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
            log.info("Stopped the %s.", item.spec.name)
