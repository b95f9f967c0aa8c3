"""Start the three processes for a given model and settings: used by the run command, the tests
and the benchmarks, so all three exercise the same start-up path."""

from __future__ import annotations

import dataclasses
import secrets
from pathlib import Path

from bot.common.settings import Settings
from bot.supervisor.processes import check_port_free, process_specs
from bot.supervisor.rasa_files import write_rasa_files
from bot.supervisor.supervisor import Supervisor


def with_internal_token(settings: Settings) -> Settings:
    """The gateway and the action server share a secret; a fresh one per run unless configured."""
    if settings.internal_token:
        return settings
    return dataclasses.replace(settings, internal_token=secrets.token_urlsafe(32))


def make_supervisor(settings: Settings, model: Path) -> Supervisor:
    """Writes Rasa's endpoint files, checks the ports, returns a supervisor ready to start."""
    settings = with_internal_token(settings)
    endpoints, credentials = write_rasa_files(settings, settings.data_dir / "runtime")
    specs = process_specs(settings, model, endpoints, credentials)
    for spec in specs:
        check_port_free(settings.host, spec)
    return Supervisor(
        specs, settings.data_dir / "logs", settings.max_restarts, settings.startup_timeout_seconds
    )
