"""The supervisor with real child processes: tiny HTTP servers that report health."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot.supervisor.processes import PortInUseError, ProcessSpec, check_port_free
from bot.supervisor.supervisor import Supervisor, SupervisorError

SERVER = (
    "import http.server, sys\n"
    "class H(http.server.BaseHTTPRequestHandler):\n"
    "    def do_GET(self):\n"
    "        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')\n"
    "    def log_message(self, *a): pass\n"
    "print('serving', flush=True)\n"
    "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spec(name: str, command: tuple[str, ...] | None = None) -> ProcessSpec:
    port = free_port()
    return ProcessSpec(
        name=name,
        command=command or (sys.executable, "-c", SERVER, str(port)),
        health_url=f"http://127.0.0.1:{port}/health",
        port=port,
        port_setting="ASSISTANT_TEST_PORT",
    )


def test_port_in_use_names_the_process_and_setting():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = ProcessSpec(
            "gateway", ("true",), "", sock.getsockname()[1], "ASSISTANT_GATEWAY_PORT"
        )
        with pytest.raises(PortInUseError, match=r"gateway.*ASSISTANT_GATEWAY_PORT"):
            check_port_free("127.0.0.1", taken)


async def test_starts_restarts_a_dead_process_and_stops_cleanly(tmp_path: Path):
    supervisor = Supervisor(
        [spec("alpha"), spec("beta")], tmp_path, max_restarts=2, startup_timeout=20
    )
    await supervisor.start_all()
    watcher = asyncio.ensure_future(supervisor.watch())
    pid = supervisor._running[0].process.pid
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        await asyncio.sleep(0.1)
        if supervisor.restarts("alpha") == 1 and supervisor.is_running("alpha"):
            break
    assert supervisor.restarts("alpha") == 1 and supervisor.is_running("alpha")
    supervisor.request_stop()
    await watcher
    await supervisor.stop_all()
    assert not supervisor.is_running("alpha") and not supervisor.is_running("beta")


async def test_a_process_that_keeps_dying_stops_everything_with_its_log(tmp_path: Path):
    dying = spec("flaky", (sys.executable, "-c", "print('boom: bad config'); raise SystemExit(3)"))
    supervisor = Supervisor([dying], tmp_path, max_restarts=0, startup_timeout=20)
    with pytest.raises(SupervisorError, match=r"(?s)flaky exited with code 3.*boom: bad config"):
        await supervisor.start_all()
    await supervisor.stop_all()


async def test_a_process_that_never_becomes_healthy_is_not_left_running(tmp_path: Path):
    healthy = spec("alpha")
    silent = spec("mute", (sys.executable, "-c", "import time; time.sleep(600)"))
    supervisor = Supervisor([healthy, silent], tmp_path, max_restarts=0, startup_timeout=2)
    with pytest.raises(SupervisorError, match=r"mute did not become healthy within 2 s"):
        await supervisor.start_all()
    processes = [item.process for item in supervisor._running]
    assert all(p is not None and p.returncode is not None for p in processes), processes


BLAS_THREADS = (
    "import json, numpy, threadpoolctl\n"
    "print(json.dumps([p['num_threads'] for p in threadpoolctl.threadpool_info()"
    " if p['user_api'] == 'blas']))\n"
)


@pytest.mark.parametrize(("preset", "expected"), [(None, 1), ("2", 2)])
def test_children_run_numpy_on_one_blas_thread_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, preset: str | None, expected: int
):
    import json
    import subprocess

    from bot.supervisor.processes import child_environment

    if preset is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", preset)
    env = child_environment(spec("action server"))
    out = subprocess.run(
        [sys.executable, "-c", BLAS_THREADS], env=env, capture_output=True, text=True, check=True
    )
    threads = json.loads(out.stdout)
    assert threads and set(threads) == {expected}
