"""A content owner saves a new article, with no `questions:` list, into the help center of the
running assistant (`python -m bot.supervisor`, as `make run` starts it, with the live article
watcher): within a minute of the file being saved, three customer questions about it, written
before this test was first run, are answered with that article through the gateway's /api/chat.

The help center is a temporary copy of the demo `knowledge/` (the new article competes with all
of it), so the repository's own articles are never touched. Its index is built before the
assistant starts, as a deployment would (`python -m retrieval build`): a cold build on a busy
machine can take longer than the action server's start-up allows."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot.common.build.training import TrainedModel
from bot.common.settings import PROJECT_ROOT
from tests.conftest import (
    free_port,
    run_command_environment,
    start_run_command,
    wait_until_running,
)

DEADLINE_SECONDS = 60
ARTICLE_ID = "furniture-assembly-ru"
ARTICLE = """---
id: furniture-assembly-ru
title: Сборка мебели после доставки
lang: ru
url: https://help.lightmarket.example/ru/furniture-assembly
---
Мебель из нашего каталога можно заказать со сборкой: мастер приедет в течение двух дней после
доставки, соберёт и установит шкаф, кровать, стол или кухонный гарнитур.

## Стоимость
Сборка стоит 10% от цены мебели, но не меньше 990 ₽. Её можно добавить при оформлении заказа
или позже, в разделе «Мои заказы».

## Что нужно подготовить
Освободите место для сборки и проверьте, что все коробки на месте. Мастер привозит свои
инструменты и забирает упаковку с собой.
"""
# Written before the test was first run; not to be changed to make it pass.
QUESTIONS = (
    "а вы собираете мебель, когда привозите?",
    "сколько будет стоить собрать шкаф",
    "можно вызвать мастера, чтобы собрал кровать?",
)


def article_ids(messages: list[dict]) -> list[str]:
    return [m["article"]["id"] for m in messages if isinstance(m.get("article"), dict)]


def ask(gateway: int, sender: str, question: str) -> list[str]:
    reply = requests.post(
        f"http://127.0.0.1:{gateway}/api/chat",
        json={"sender": sender, "message": question},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    return article_ids(reply.json()["messages"])


# A cold build of the whole demo help center and the start-up: minutes on a busy 2-core machine.
@pytest.mark.timeout(3600)
def test_a_new_article_without_questions_answers_three_paraphrases_within_a_minute(
    tmp_path: Path, trained_model: TrainedModel
):
    help_center = tmp_path / "help-center"
    shutil.copytree(PROJECT_ROOT / "knowledge", help_center)
    gateway = free_port()
    env = run_command_environment(
        tmp_path / "data",
        gateway,
        ASSISTANT_KB_PATH=str(help_center),
        ASSISTANT_KB_INDEX_DIR=str(tmp_path / "search-index"),
    )
    subprocess.run([sys.executable, "-m", "retrieval", "build"], env=env, check=True, timeout=2400)
    process = start_run_command(env)
    try:
        wait_until_running(process, 600)
        (help_center / "ru" / "furniture-assembly.md").write_text(ARTICLE, encoding="utf-8")
        saved = time.monotonic()
        answered: dict[str, float] = {}
        attempt = 0
        while time.monotonic() - saved < DEADLINE_SECONDS and len(answered) < len(QUESTIONS):
            attempt += 1
            for number, question in enumerate(QUESTIONS):
                if question in answered:
                    continue
                # A new conversation each time: earlier unanswered tries must not steer it.
                ids = ask(gateway, f"new-article-{number}-{attempt}", question)
                if ids[:1] == [ARTICLE_ID]:
                    answered[question] = round(time.monotonic() - saved, 1)
            time.sleep(2)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    missing = [q for q in QUESTIONS if q not in answered]
    assert not missing, f"not answered with {ARTICLE_ID} within {DEADLINE_SECONDS} s: {missing}"
