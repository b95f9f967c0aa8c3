"""What `rasa train` is doing, read from its output: the step and the epochs, for a progress line.

Training takes minutes on a small machine; without this the run command is silent all that time.
Rasa logs each component it starts and finishes and draws DIET's epochs with tqdm (lines ended by
carriage returns), so the state is read from the text as it streams. Kept apart from the build
(training.py) so that changing how progress is shown does not change the model's fingerprint.
"""

from __future__ import annotations

import codecs
import logging
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("bot.common.build.training")
PROGRESS_SECONDS = 5.0

STARTED = re.compile(r"Starting to train component '(\w+)'")
FINISHED = re.compile(r"Finished training component '(\w+)'")
RESTORED = re.compile(r"Restored component '(\w+)' from cache")
EPOCHS = re.compile(r"Epochs:\s+\d+%\|[^|]*\|\s*(\d+)/(\d+)")
SPLIT = re.compile(r"[\r\n]+")


@dataclass
class TrainingProgress:
    """Fed the output as it arrives; `describe` gives one line for the user."""

    step: str = "preparing the project"
    epoch: int = 0
    epochs: int = 0
    finished: int = 0
    _rest: str = ""

    def feed(self, text: str) -> None:
        pieces = SPLIT.split(self._rest + text)
        self._rest = pieces.pop()  # an unfinished line waits for the rest of it
        for piece in pieces:
            self._read(piece)
        if EPOCHS.search(self._rest):  # tqdm redraws without ending the line
            self._read(self._rest)

    def _read(self, line: str) -> None:
        if match := STARTED.search(line):
            self.step, self.epoch, self.epochs = match.group(1), 0, 0
        elif match := FINISHED.search(line) or RESTORED.search(line):
            self.finished += 1
        elif match := EPOCHS.search(line):
            self.epoch, self.epochs = int(match.group(1)), int(match.group(2))

    def describe(self, seconds: float) -> str:
        epochs = f", epoch {self.epoch}/{self.epochs}" if self.epochs else ""
        return (
            f"Training the model: {seconds:.0f} s, {self.finished} components done, "
            f"now {self.step}{epochs}"
        )


def run_with_progress(
    command: list[str], root: Path, env: dict[str, str], started: float
) -> tuple[int, str]:
    """Runs `rasa train`, logging where it is every few seconds; returns (exit code, output)."""
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    progress = TrainingProgress()
    chunks: list[str] = []
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")  # a chunk may split a letter
    stop = threading.Event()

    def report() -> None:
        while not stop.wait(PROGRESS_SECONDS):
            log.info("%s", progress.describe(time.monotonic() - started))

    reporter = threading.Thread(target=report, daemon=True)
    reporter.start()
    try:
        while chunk := process.stdout.read1(4096):  # type: ignore[attr-defined]
            text = decoder.decode(chunk)
            chunks.append(text)
            progress.feed(text)
        code = process.wait()
    finally:
        stop.set()
        reporter.join()
    return code, "".join(chunks).replace("\r", "\n")
