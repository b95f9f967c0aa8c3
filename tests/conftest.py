"""Session fixtures: one trained model (cached by fingerprint) and the real processes on loopback.

The model is trained once per content change and kept in `models/`, so `make test` after `make run`
(or a second `make test`) trains nothing. The servers run under the project's own supervisor, with
free ports and a temporary data folder, exactly as `make run` starts them.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.common.build.training import TrainedModel, train_model
from bot.common.settings import PROJECT_ROOT, Settings
from bot.supervisor.stack import make_supervisor
from bot.supervisor.supervisor import Supervisor

# A test that needs one of these fixtures, or lives in one of these folders, needs a trained model,
# the running processes or a browser: it is marked `slow` and left out of `make test-fast`.
SLOW_FIXTURES = frozenset({"trained_model", "stack", "browser"})
SLOW_FOLDERS = frozenset({"e2e"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folders = set(Path(str(item.path)).relative_to(PROJECT_ROOT / "tests").parts[:-1])
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or SLOW_FOLDERS & folders:
            item.add_marker(pytest.mark.slow)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def trained_model() -> TrainedModel:
    return train_model(PROJECT_ROOT, PROJECT_ROOT / ".build", PROJECT_ROOT / "models")


@dataclass
class RunningStack:
    settings: Settings
    supervisor: Supervisor
    loop: asyncio.AbstractEventLoop

    def all_running(self) -> bool:
        names = ("Rasa server", "action server", "gateway")
        return all(self.supervisor.is_running(n) for n in names) and not any(
            self.supervisor.restarts(n) for n in names
        )


@contextmanager
def supervised(
    settings: Settings, model: Path, startup_seconds: float = 900
) -> Iterator[RunningStack]:
    """Rasa server, action server and gateway, started by the supervisor in a background loop."""
    supervisor = make_supervisor(settings, model)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(supervisor.start_all(), loop).result(startup_seconds)
    watcher = asyncio.run_coroutine_threadsafe(supervisor.watch(), loop)
    try:
        yield RunningStack(settings, supervisor, loop)
    finally:
        supervisor.request_stop()
        asyncio.run_coroutine_threadsafe(supervisor.stop_all(), loop).result(timeout=60)
        watcher.cancel()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


def run_command_environment(data_dir: Path, gateway_port: int, **settings: str) -> dict[str, str]:
    """The environment of `python -m bot.supervisor` on free loopback ports, with no ASSISTANT_*
    setting inherited from the caller: only the data folder, the ports and the given settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_GATEWAY_PORT=str(gateway_port),
        ASSISTANT_RASA_PORT=str(free_port()),
        ASSISTANT_ACTIONS_PORT=str(free_port()),
        **settings,
    )
    return env


RUNNING_LINE = "The assistant is running"


def start_run_command(env: dict[str, str]) -> subprocess.Popen[str]:
    """`python -m bot.supervisor` as the README runs it, its output read line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot.supervisor"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until_running(process: subprocess.Popen[str], seconds: float) -> None:
    """Until the run command says the assistant is running; its output is the failure message
    when it exits or the time runs out first."""
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines.append(process.stdout.readline() if process.stdout else "")
        if RUNNING_LINE in lines[-1] or process.poll() is not None:
            break
    assert any(RUNNING_LINE in line for line in lines), "".join(lines)


def loopback_settings(data_dir: Path) -> Settings:
    return Settings(
        rasa_port=free_port(),
        actions_port=free_port(),
        gateway_port=free_port(),
        data_dir=data_dir,
        # The action server builds the search index at start-up: minutes on a busy machine.
        startup_timeout_seconds=400,
    )


@pytest.fixture(scope="session")
def stack(
    trained_model: TrainedModel, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningStack]:
    settings = loopback_settings(tmp_path_factory.mktemp("data"))
    with supervised(settings, trained_model.path) as running:
        yield running


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT
