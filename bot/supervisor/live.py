"""Starts the two live-content watchers beside the running processes (`make run`)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.common.settings import Settings
from bot.supervisor.live_articles import ArticleWatcher
from bot.supervisor.live_model import model_watcher
from bot.supervisor.supervisor import Supervisor
from retrieval.settings import RetrievalSettings

log = logging.getLogger("supervisor.content")


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("content.watcher.stopped %s: %r", task.get_name(), task.exception())


def start_live_content(
    settings: Settings, supervisor: Supervisor, model: Path, kb: RetrievalSettings
) -> list[asyncio.Task[None]]:
    """Article and model watchers as tasks; cancel them before stopping the processes."""
    articles = ArticleWatcher(kb.path, kb.index_dir)
    models = model_watcher(
        settings.root,
        settings.build_dir,
        settings.models_dir,
        settings.rasa_url,
        model,
        supervisor.use_model,
    )
    tasks = [
        asyncio.create_task(articles.run(), name="article watcher"),
        asyncio.create_task(models.run(), name="model watcher"),
    ]
    for task in tasks:
        task.add_done_callback(_report_crash)
    return tasks
