"""Fingerprint of everything a trained model depends on: train once per change, not per run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

# Paths relative to the project root whose content decides the trained model. Only the build's
# own modules of bot/content count: the checks and the live watchers beside them do not change
# a model, and must not make every engineer retrain when they change.
MODEL_INPUTS = (
    "intents",
    "stories",
    "domain.yml",
    "config.yml",
    "bot/common/build/intent_files.py",
    "bot/common/build/rasa_export.py",
    "bot/common/build/training.py",
    "bot/rasa_server/nlu",
    "retrieval/encoder.py",
)


def _files(root: Path, inputs: Iterable[str]) -> list[Path]:
    found: list[Path] = []
    for name in inputs:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".md"
            )
    return found


def model_fingerprint(root: Path, config: Path | None = None) -> str:
    """A short hash of the model inputs; `config` replaces config.yml (benchmarks use their own)."""
    digest = hashlib.sha256()
    inputs = [n for n in MODEL_INPUTS if not (config and n == "config.yml")]
    files = _files(root, inputs) + ([config] if config else [])
    for path in files:
        digest.update(
            str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode()
        )
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]
