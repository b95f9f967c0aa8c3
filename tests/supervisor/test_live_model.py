from __future__ import annotations

import asyncio
from pathlib import Path

from bot.supervisor.live_model import ModelWatcher


class Steps:
    """Fake train/check/switch steps that record what ran."""

    def __init__(self, root: Path, check_ok: bool = True, switch_ok: bool = True) -> None:
        self.model = root / "models" / "new.tar.gz"
        self.check_ok = check_ok
        self.switch_ok = switch_ok
        self.ran: list[str] = []
        self.switched_to: list[Path] = []

    async def train(self) -> Path:
        self.ran.append("train")
        return self.model

    async def check(self, model: Path) -> bool:
        self.ran.append("check")
        return self.check_ok

    async def switch(self, model: Path) -> bool:
        self.ran.append("switch")
        return self.switch_ok

    def watcher(self, root: Path) -> ModelWatcher:
        return ModelWatcher(
            root,
            root / "models" / "old.tar.gz",
            self.train,
            self.check,
            self.switch,
            self.switched_to.append,
            poll_seconds=0,
        )


def edit_intent(root: Path, text: str = "\n# changed\n") -> None:
    with (root / "intents" / "order_status.yml").open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_nothing_changed_nothing_runs(project: Path):
    steps = Steps(project)
    assert asyncio.run(steps.watcher(project).check_once()) is False
    assert steps.ran == []


def test_a_good_change_trains_checks_then_switches(project: Path):
    steps = Steps(project)
    watcher = steps.watcher(project)
    edit_intent(project)
    assert asyncio.run(watcher.check_once()) is True
    assert steps.ran == ["train", "check", "switch"]
    assert watcher.current == steps.model and steps.switched_to == [steps.model]
    assert asyncio.run(watcher.check_once()) is False  # served now: not again


def test_a_broken_intent_file_never_trains_or_switches(project: Path, caplog):
    steps = Steps(project)
    watcher = steps.watcher(project)
    (project / "intents" / "broken.yml").write_text("intent: broken\nexamples: [\n")
    assert asyncio.run(watcher.check_once()) is False
    assert steps.ran == [] and watcher.current.name == "old.tar.gz"
    assert "broken.yml:3" in caplog.text and "content.model.kept old.tar.gz" in caplog.text
    assert asyncio.run(watcher.check_once()) is False  # the same broken content: not retried
    assert steps.ran == []


def test_a_model_that_fails_its_check_is_not_switched_to(project: Path):
    steps = Steps(project, check_ok=False)
    watcher = steps.watcher(project)
    edit_intent(project)
    assert asyncio.run(watcher.check_once()) is False
    assert steps.ran == ["train", "check"] and steps.switched_to == []
    edit_intent(project, "\n# fixed\n")
    steps.check_ok = True
    assert asyncio.run(watcher.check_once()) is True  # a new change is tried again


def test_a_refused_switch_keeps_the_old_model(project: Path):
    steps = Steps(project, switch_ok=False)
    watcher = steps.watcher(project)
    edit_intent(project)
    assert asyncio.run(watcher.check_once()) is False
    assert watcher.current.name == "old.tar.gz" and steps.switched_to == []
