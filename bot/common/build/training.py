"""Builds the Rasa project from content and trains a model, reusing one with the same inputs."""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.common.build.fingerprint import model_fingerprint
from bot.common.build.intent_files import Content, load_content
from bot.common.build.rasa_export import write_project
from bot.common.build.train_progress import run_with_progress

log = logging.getLogger(__name__)


class TrainingError(Exception):
    """Raised when `rasa train` fails; carries the tail of its output."""


@dataclass(frozen=True)
class TrainedModel:
    path: Path
    fingerprint: str
    trained_now: bool
    seconds: float


def build_project(root: Path, out: Path) -> Content:
    """Validate intents/ and write the Rasa project to `out`."""
    content = load_content(root / "intents")
    write_project(content, root / "domain.yml", root / "stories", out)
    return content


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def train_model(
    root: Path, build_dir: Path, models_dir: Path, config: Path | None = None
) -> TrainedModel:
    """Train unless a model with the same fingerprint exists; the model file is named by it."""
    config = config or root / "config.yml"
    fingerprint = model_fingerprint(root, None if config == root / "config.yml" else config)
    model = models_dir / f"{fingerprint}.tar.gz"
    if model.exists():
        return TrainedModel(model, fingerprint, trained_now=False, seconds=0.0)
    project = build_dir / "rasa"
    build_project(root, project)
    models_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    command = [
        rasa_executable(),
        "train",
        "--config",
        str(config),
        "--domain",
        str(project / "domain"),
        "--data",
        str(project / "data"),
        "--out",
        str(models_dir),
        "--fixed-model-name",
        fingerprint,
    ]
    log.info("content.train.started fingerprint=%s", fingerprint)
    env = {**os.environ, "PYTHONPATH": str(root)}
    code, output = run_with_progress(command, root, env, started)
    seconds = time.monotonic() - started
    if code != 0 or not model.exists():
        lines = output.splitlines()
        meaningful = [line for line in lines if line.strip() and "it/s" not in line]
        tail = "\n".join(meaningful[-25:])
        raise TrainingError(f"rasa train failed (exit {code}):\n{tail}")
    log.info("content.train.finished fingerprint=%s seconds=%.1f", fingerprint, seconds)
    return TrainedModel(model, fingerprint, trained_now=True, seconds=seconds)
