"""`python -m bot.supervisor`, the README's run command, as a newcomer runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot.common.build.training import TrainedModel


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(tmp_path: Path, **ports: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    env["ASSISTANT_DATA_DIR"] = str(tmp_path / "data")
    for name, port in ports.items():
        env[f"ASSISTANT_{name.upper()}_PORT"] = str(port)
    return env


def test_port_in_use_is_a_clear_error(tmp_path: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "bot.supervisor"],
            env=environment(tmp_path, gateway=taken, rasa=free_port(), actions=free_port()),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert f"Port {taken} for the gateway is already in use" in result.stderr
    assert "ASSISTANT_GATEWAY_PORT" in result.stderr and "Traceback" not in result.stderr


def test_runs_answers_and_stops_cleanly_on_ctrl_c(tmp_path: Path, trained_model: TrainedModel):
    gateway = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.supervisor"],
        env=environment(tmp_path, gateway=gateway, rasa=free_port(), actions=free_port()),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 400
        lines = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if "The assistant is running" in line or process.poll() is not None:
                break
        assert any("The assistant is running" in line for line in lines), "".join(lines)
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
