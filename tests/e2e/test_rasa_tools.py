"""Rasa's own checks on the built project: `rasa data validate` and the test stories."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.common.build.training import TrainedModel, rasa_executable

BUILD = Path(".build") / "rasa"


def run_rasa(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [rasa_executable(), *args], cwd=root, capture_output=True, text=True, timeout=900
    )


def test_rasa_data_validate_passes(project_root: Path, trained_model: TrainedModel):
    result = run_rasa(
        project_root,
        "data",
        "validate",
        "--domain",
        str(BUILD / "domain"),
        "--data",
        str(BUILD / "data"),
        "--config",
        "config.yml",
        "--fail-on-warnings",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_rasa_test_stories_pass(project_root: Path, trained_model: TrainedModel, tmp_path: Path):
    result = run_rasa(
        project_root,
        "test",
        "core",
        "--model",
        str(trained_model.path),
        "--stories",
        "tests/stories",
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
