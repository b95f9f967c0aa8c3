"""Live intents: when the model inputs change, train in the background, check, then switch.

The running Rasa server keeps serving the old model the whole time. A new model is used only
after three steps succeed: the content builds (a broken file is reported with file and line),
training succeeds, and a child process loads the model and parses held-out examples at an
accuracy floor. Then Rasa's `PUT /model` loads it; Rasa swaps its agent only after the new one
loaded, so a failure there also leaves the old model serving. A fingerprint that failed is not
retried until the content changes again.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from bot.common.build.errors import ContentError
from bot.common.build.fingerprint import model_fingerprint
from bot.common.build.intent_files import load_content
from bot.common.build.training import TrainingError, train_model

log = logging.getLogger("supervisor.content")
SMOKE_FLOOR = 0.8
SWITCH_TIMEOUT_SECONDS = 300

Trainer = Callable[[], Awaitable[Path]]
Checker = Callable[[Path], Awaitable[bool]]
Switcher = Callable[[Path], Awaitable[bool]]


class ModelUpdateFailed(Exception):
    """A step before the switch failed; the old model keeps serving."""


async def smoke_check(root: Path, model: Path, floor: float = SMOKE_FLOOR) -> bool:
    """Load the model in a child process (TensorFlow stays out of the supervisor) and parse."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.content",
        "smoke",
        "--root",
        str(root),
        "--model",
        str(model),
        "--floor",
        str(floor),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=root,
    )
    out, err = await process.communicate()
    verdict = out.decode(errors="replace").strip().splitlines()[-1:] or ["(no output)"]
    if process.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        log.error("content.model.check_failed %s %s", verdict[0], " | ".join(tail))
        return False
    log.info("content.model.check_passed %s", verdict[0])
    return True


async def switch_rasa_model(rasa_url: str, model: Path) -> bool:
    """`PUT /model` on the running Rasa server; 204 means the new model now answers."""
    timeout = aiohttp.ClientTimeout(total=SWITCH_TIMEOUT_SECONDS)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.put(f"{rasa_url}/model", json={"model_file": str(model.resolve())}) as response,
    ):
        if response.status == 204:
            return True
        log.error(
            "content.model.switch_failed status=%s body=%s",
            response.status,
            (await response.text())[:300],
        )
        return False


class ModelWatcher:
    def __init__(
        self,
        root: Path,
        current: Path,
        trainer: Trainer,
        checker: Checker,
        switcher: Switcher,
        on_switched: Callable[[Path], None] = lambda _: None,
        poll_seconds: float = 5.0,
    ) -> None:
        self._root = root
        self._trainer = trainer
        self._checker = checker
        self._switcher = switcher
        self._on_switched = on_switched
        self._poll = poll_seconds
        self.current = current
        self._served = model_fingerprint(root)
        self._failed: str | None = None

    async def run(self) -> None:
        """Poll forever; cancel the task to stop."""
        while True:
            await asyncio.sleep(self._poll)
            await self.check_once()

    async def check_once(self) -> bool:
        """Update if the inputs changed and stayed put for one poll; True if switched."""
        fingerprint = model_fingerprint(self._root)
        if fingerprint in (self._served, self._failed):
            return False
        await asyncio.sleep(self._poll)
        if model_fingerprint(self._root) != fingerprint:
            return False  # still being edited
        try:
            model = await self.update()
        except ModelUpdateFailed as error:
            self._failed = fingerprint
            log.error("content.model.kept %s: %s", self.current.name, error)
            return False
        self._served = fingerprint
        self.current = model
        self._on_switched(model)
        log.info("content.model.switched model=%s", model.name)
        return True

    async def update(self) -> Path:
        log.info("content.intents.changed: building, training and checking a new model")
        try:
            await asyncio.to_thread(load_content, self._root / "intents")
        except ContentError as error:
            details = "\n  ".join(str(p) for p in error.problems)
            raise ModelUpdateFailed(f"the content has problems:\n  {details}") from None
        try:
            model = await self._trainer()
        except (ContentError, TrainingError) as error:
            raise ModelUpdateFailed(f"training failed: {error}") from None
        if not await self._checker(model):
            raise ModelUpdateFailed(f"the new model {model.name} failed its check")
        if not await self._switcher(model):
            raise ModelUpdateFailed(f"the Rasa server did not load {model.name}")
        return model


def model_watcher(
    root: Path,
    build_dir: Path,
    models_dir: Path,
    rasa_url: str,
    current: Path,
    on_switched: Callable[[Path], None],
) -> ModelWatcher:
    """The watcher with the real steps: `rasa train`, the smoke check, `PUT /model`."""

    async def trainer() -> Path:
        return (await asyncio.to_thread(train_model, root, build_dir, models_dir)).path

    async def checker(model: Path) -> bool:
        return await smoke_check(root, model)

    async def switcher(model: Path) -> bool:
        return await switch_rasa_model(rasa_url, model)

    return ModelWatcher(root, current, trainer, checker, switcher, on_switched)
