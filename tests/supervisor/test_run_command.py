"""`python -m bot.supervisor`, the README's run command, as a newcomer runs it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from bot.common.build.training import TrainedModel
from tests.conftest import (
    free_port,
    run_command_environment,
    start_run_command,
    wait_until_running,
)


def test_port_in_use_is_a_clear_error(tmp_path: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "bot.supervisor"],
            env=run_command_environment(tmp_path / "data", taken),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert f"Port {taken} for the gateway is already in use" in result.stderr
    assert "ASSISTANT_GATEWAY_PORT" in result.stderr and "Traceback" not in result.stderr


def test_runs_answers_and_stops_cleanly_on_ctrl_c(tmp_path: Path, trained_model: TrainedModel):
    gateway = free_port()
    process = start_run_command(run_command_environment(tmp_path / "data", gateway))
    try:
        wait_until_running(process, 400)
        reply = requests.post(
            f"http://127.0.0.1:{gateway}/api/chat",
            json={"sender": "run-1", "message": "здравствуйте, не могу войти в личный кабинет"},
            timeout=60,
        )
        assert reply.status_code == 200 and reply.json()["messages"]
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    assert code == 0
    with pytest.raises(ConnectionRefusedError), socket.socket() as sock:
        sock.connect(("127.0.0.1", gateway))  # the gateway is really gone
