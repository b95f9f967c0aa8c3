"""The three processes of the assistant: how to start each and how to tell it is healthy."""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.common.settings import Settings


class PortInUseError(Exception):
    """A configured port is taken; the message names the process and the setting to change."""


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    command: tuple[str, ...]
    health_url: str
    port: int
    port_setting: str
    env: tuple[tuple[str, str], ...] = ()


def process_specs(
    settings: Settings, model: Path, endpoints: Path, credentials: Path
) -> list[ProcessSpec]:
    """Action server first: Rasa calls it for action_session_start on the very first message."""
    env = (("PYTHONPATH", str(settings.root)), *settings.to_environment().items())
    return [
        ProcessSpec(
            name="action server",
            # `python -m actions` loads the knowledge base before the server answers /health,
            # so the first customer question does not pay for loading the encoder.
            command=(
                sys.executable,
                "-m",
                "actions",
                "--actions",
                "actions",
                "--port",
                str(settings.actions_port),
            ),
            health_url=f"{settings.actions_url}/health",
            port=settings.actions_port,
            port_setting="ASSISTANT_ACTIONS_PORT",
            env=env,
        ),
        ProcessSpec(
            name="Rasa server",
            # `rasa run` without some of Rasa's per-message costs (bot/rasa_server/server.py).
            command=(
                sys.executable,
                "-m",
                "bot.rasa_server",
                "run",
                "--enable-api",
                "--interface",
                settings.host,
                "--port",
                str(settings.rasa_port),
                "--model",
                str(model),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials),
            ),
            health_url=f"{settings.rasa_url}/status",
            port=settings.rasa_port,
            port_setting="ASSISTANT_RASA_PORT",
            env=env,
        ),
        ProcessSpec(
            name="gateway",
            command=(sys.executable, "-m", "bot.gateway"),
            health_url=f"{settings.gateway_url}/health",
            port=settings.gateway_port,
            port_setting="ASSISTANT_GATEWAY_PORT",
            env=env,
        ),
    ]


def check_port_free(host: str, spec: ProcessSpec) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, spec.port))
        except OSError:
            raise PortInUseError(
                f"Port {spec.port} for the {spec.name} is already in use on {host}. "
                f"Stop the program using it, or choose another port with {spec.port_setting}."
            ) from None


def child_environment(spec: ProcessSpec) -> dict[str, str]:
    env = {**os.environ, **dict(spec.env)}
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # numpy's OpenBLAS starts a thread per core, and after each call (a message's few small matrix
    # products) its threads keep spinning on the CPU, waiting for more: in the action server that
    # burned 80% of a core while the assistant answered one customer, taken from Rasa and the
    # gateway on a small machine. One message's work is too small to share between threads.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env
