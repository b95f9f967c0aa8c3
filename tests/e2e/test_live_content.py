"""Live content against the real processes: a new article is found by search within the deadline
while the stack runs; a broken intent file never replaces the serving model; a good model is
switched to with Rasa's `PUT /model` and a restart would load it too."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.common.build.training import TrainedModel
from bot.common.settings import PROJECT_ROOT, Settings
from bot.supervisor.live_articles import ArticleWatcher
from bot.supervisor.live_model import model_watcher, switch_rasa_model
from bot.supervisor.processes import process_specs
from bot.supervisor.rasa_files import write_rasa_files
from bot.supervisor.stack import with_internal_token
from bot.supervisor.supervisor import Supervisor
from tests.conftest import free_port

DEADLINE_SECONDS = 60
NEW_ARTICLE = """\
---
id: gift-wrap-ru
title: Подарочная упаковка заказа
lang: ru
url: https://help.lightmarket.example/ru/gift-wrap
questions:
  - можно ли упаковать заказ в подарочную упаковку
  - есть ли подарочная упаковка
---
Подарочную упаковку можно добавить к любому заказу при оформлении, она стоит 150 ₽.
"""


@dataclasses.dataclass
class LiveStack:
    settings: Settings
    supervisor: Supervisor
    loop: asyncio.AbstractEventLoop
    kb: Path
    model: Path

    def run(self, coroutine, timeout: float = 300):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)


@pytest.fixture(scope="module")
def live(trained_model: TrainedModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The three processes with a small knowledge base of their own, plus the article watcher."""
    data = tmp_path_factory.mktemp("live")
    kb = data / "knowledge"
    for lang in ("ru", "en"):
        (kb / lang).mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "knowledge" / lang / "account-locked.md", kb / lang)
    settings = with_internal_token(
        Settings(
            rasa_port=free_port(),
            actions_port=free_port(),
            gateway_port=free_port(),
            data_dir=data,
        )
    )
    endpoints, credentials = write_rasa_files(settings, data / "runtime")
    kb_env = (("ASSISTANT_KB_PATH", str(kb)), ("ASSISTANT_KB_INDEX_DIR", str(data / "index")))
    specs = [
        dataclasses.replace(spec, env=spec.env + kb_env) if spec.name == "action server" else spec
        for spec in process_specs(settings, trained_model.path, endpoints, credentials)
    ]
    supervisor = Supervisor(specs, data / "logs", 0, settings.startup_timeout_seconds)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    stack = LiveStack(settings, supervisor, loop, kb, trained_model.path)
    stack.run(supervisor.start_all(), timeout=400)
    watcher = ArticleWatcher(kb, data / "index", dict(kb_env), poll_seconds=2)
    task = asyncio.run_coroutine_threadsafe(watcher.run(), loop)
    yield stack
    task.cancel()
    stack.run(supervisor.stop_all(), timeout=60)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


def ask_knowledge(stack: LiveStack, question: str) -> list[dict]:
    """Run the knowledge action on the action server as Rasa would after this question."""
    tracker = {
        "sender_id": "live-1",
        "slots": {"language": "ru"},
        "latest_message": {"text": question, "intent": {"name": "nlu_fallback"}, "entities": []},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    response = requests.post(
        f"{stack.settings.actions_url}/webhook",
        json={
            "next_action": "action_answer_from_knowledge",
            "sender_id": "live-1",
            "tracker": tracker,
            "domain": {},
            "version": "3.6.21",
        },
        timeout=60,
    )
    response.raise_for_status()
    return response.json()["responses"]


def offers(responses: list[dict], article_id: str) -> bool:
    """The article is answered with, or offered on a clarifying button."""
    return article_id in json.dumps(responses, ensure_ascii=False)


def rasa_model(stack: LiveStack) -> str:
    return requests.get(f"{stack.settings.rasa_url}/status", timeout=30).json()["model_file"]


def test_an_article_added_while_running_is_found_within_a_minute(live: LiveStack):
    question = "можно ли упаковать заказ в подарочную упаковку"
    assert not offers(ask_knowledge(live, question), "gift-wrap-ru")
    (live.kb / "ru" / "broken.md").write_text("---\nid: [broken\n---\nтекст\n", encoding="utf-8")
    (live.kb / "ru" / "gift-wrap.md").write_text(NEW_ARTICLE, encoding="utf-8")
    started = time.monotonic()
    found = False
    while time.monotonic() - started < DEADLINE_SECONDS and not found:
        time.sleep(3)
        found = offers(ask_knowledge(live, question), "gift-wrap-ru")
    assert found, f"not found within {DEADLINE_SECONDS} s"
    assert live.supervisor.is_running("action server")


def test_a_broken_intent_file_does_not_replace_the_model(live: LiveStack, tmp_path: Path):
    root = tmp_path / "project"
    for name in ("intents", "stories"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
    for name in ("domain.yml", "config.yml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    before = rasa_model(live)
    watcher = model_watcher(
        root, tmp_path / "build", tmp_path / "models", live.settings.rasa_url, live.model, print
    )
    (root / "intents" / "new_topic.yml").write_text("intent: new_topic\nexamples: [\n")
    assert live.run(watcher.check_once()) is False
    assert not (tmp_path / "models").exists()  # nothing was trained
    assert rasa_model(live) == before and watcher.current == live.model
    reply = requests.post(
        f"{live.settings.rasa_url}/model/parse", json={"text": "где мой заказ"}, timeout=30
    )
    assert reply.json()["intent"]["name"] == "order_status"


def test_a_checked_model_is_switched_to_and_kept_for_restarts(live: LiveStack, tmp_path: Path):
    model = tmp_path / "switched.tar.gz"
    shutil.copy(live.model, model)
    assert live.run(switch_rasa_model(live.settings.rasa_url, model)) is True
    assert rasa_model(live) == model.name  # Rasa's /status names the file without its folder
    live.supervisor.use_model(model)
    assert str(model) in live.supervisor.command("Rasa server")
    reply = requests.post(
        f"{live.settings.rasa_url}/model/parse", json={"text": "где мой заказ"}, timeout=30
    )
    assert reply.json()["intent"]["name"] == "order_status"
    missing = tmp_path / "missing.tar.gz"
    assert live.run(switch_rasa_model(live.settings.rasa_url, missing)) is False
    assert rasa_model(live) == model.name  # a failed load leaves the serving model alone
