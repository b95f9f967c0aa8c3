from __future__ import annotations

import shutil
from pathlib import Path

from bot.common.build.fingerprint import MODEL_INPUTS, model_fingerprint


def copy_inputs(root: Path, target: Path) -> None:
    for name in MODEL_INPUTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)


def test_fingerprint_changes_with_content_and_only_then(project_root: Path, tmp_path: Path):
    copy_inputs(project_root, tmp_path)
    before = model_fingerprint(tmp_path)
    assert model_fingerprint(tmp_path) == before
    (tmp_path / "README.md").write_text("docs do not change the model")
    assert model_fingerprint(tmp_path) == before
    with (tmp_path / "intents" / "greet.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment still changes the file\n")
    assert model_fingerprint(tmp_path) != before


def test_checks_and_watchers_beside_the_build_do_not_change_it(project_root: Path, tmp_path: Path):
    copy_inputs(project_root, tmp_path)
    before = model_fingerprint(tmp_path)
    (tmp_path / "bot" / "common" / "build" / "train_progress.py").write_text("# not an input\n")
    assert model_fingerprint(tmp_path) == before
