"""Starts the real stack on free loopback ports for a benchmark, and stops it afterwards."""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bench.metrics import percentile
from bot.common.build.training import train_model
from bot.common.settings import PROJECT_ROOT, Settings
from bot.supervisor.stack import make_supervisor
from bot.supervisor.supervisor import Supervisor

__all__ = ["free_port", "percentile", "running_stack", "supervised_stack"]
# Loading TensorFlow and the encoder takes minutes when the shared machine is busy with training.
STARTUP_SECONDS = 600.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def supervised_stack(
    root: Path = PROJECT_ROOT, **overrides: object
) -> AsyncIterator[tuple[Settings, Supervisor]]:
    """The stack under a watching supervisor, which restarts a process that dies (bench.soak kills
    them). `overrides` are Settings fields a benchmark needs set (an internal token, limits)."""
    model = train_model(root, root / ".build", root / "models")
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(
            rasa_port=free_port(),
            actions_port=free_port(),
            gateway_port=free_port(),
            data_dir=Path(data),
            startup_timeout_seconds=STARTUP_SECONDS,
            **overrides,
        )
        supervisor = make_supervisor(settings, model.path)
        watcher: asyncio.Future[None] | None = None
        try:
            await supervisor.start_all()
            watcher = asyncio.ensure_future(supervisor.watch())
            yield settings, supervisor
        finally:
            supervisor.request_stop()
            if watcher is not None:
                watcher.cancel()
            await supervisor.stop_all()


@asynccontextmanager
async def running_stack(root: Path = PROJECT_ROOT, **overrides: object) -> AsyncIterator[Settings]:
    async with supervised_stack(root, **overrides) as (settings, _):
        yield settings
