"""`rasa data validate` on the built project, its errors turned into content problems.

Rasa's warnings about responses "not used in any story" are left out: our custom actions send
those responses, so every one of them would be a false alarm.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from bot.common.build.errors import ContentProblem
from bot.common.build.training import rasa_executable

ERROR_LINE = re.compile(r"\b(ERROR|CRITICAL)\b|Error:|error:")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_LINES = 20


def rasa_validate(root: Path, project: Path, config: Path) -> list[ContentProblem]:
    command = [
        rasa_executable(),
        "data",
        "validate",
        "--domain",
        str(project / "domain"),
        "--data",
        str(project / "data"),
        "--config",
        str(config),
    ]
    env = {**os.environ, "PYTHONPATH": str(root), "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return []
    lines = [ANSI.sub("", line) for line in (result.stdout + result.stderr).splitlines()]
    errors = [line.strip() for line in lines if ERROR_LINE.search(line)] or lines[-5:]
    return [
        ContentProblem(
            project,
            f"rasa data validate: {line}",
            hint="the built project comes from intents/, stories/ and domain.yml",
        )
        for line in errors[:MAX_LINES]
    ]
