from __future__ import annotations

import asyncio
from pathlib import Path

from bot.supervisor.live_articles import ArticleWatcher, snapshot


class CountingWatcher(ArticleWatcher):
    async def rebuild(self) -> bool:
        self.builds += 1
        return True


def test_snapshot_sees_new_changed_and_removed_files(tmp_path: Path):
    assert snapshot(tmp_path / "missing") == {}
    (tmp_path / "a.md").write_text("one")
    first = snapshot(tmp_path)
    (tmp_path / "a.md").write_text("one two")
    assert snapshot(tmp_path) != first
    (tmp_path / "a.md").unlink()
    assert snapshot(tmp_path) == {}


def test_a_help_center_of_one_jsonl_file_is_watched_too(tmp_path: Path):
    export = tmp_path / "faq.jsonl"
    export.write_text('{"question": "q", "answer": "a"}\n')
    first = snapshot(export)
    assert list(first) == [str(export)]
    export.write_text('{"question": "q", "answer": "a longer answer"}\n')
    assert snapshot(export) != first


def test_rebuilds_once_per_change(tmp_path: Path):
    (tmp_path / "a.md").write_text("one")
    watcher = CountingWatcher(tmp_path, tmp_path / "index", poll_seconds=0)
    assert asyncio.run(watcher.check_once()) is False
    (tmp_path / "b.md").write_text("two")
    assert asyncio.run(watcher.check_once()) is True
    assert asyncio.run(watcher.check_once()) is False
    assert watcher.builds == 1


def test_a_failed_build_is_reported_and_not_counted(tmp_path: Path, caplog):
    watcher = ArticleWatcher(tmp_path / "missing", tmp_path / "index", poll_seconds=0)
    assert asyncio.run(watcher.rebuild()) is False
    assert watcher.builds == 0
    assert "previous index keeps serving" in caplog.text
