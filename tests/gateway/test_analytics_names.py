"""Titles, links and descriptions instead of ids, read from the project's files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from bot.common.settings import PROJECT_ROOT, knowledge_path
from bot.gateway.analytics.names import ContentNames


def test_titles_descriptions_and_the_fallback_threshold_of_the_project():
    catalogue = ContentNames(PROJECT_ROOT).get()
    assert catalogue.article("delivery-times-cost-ru")["title"] == "Сроки и стоимость доставки"
    assert catalogue.intent("payment_failed")["topic"] == "payment"
    assert catalogue.intents["request_human"].answers_support_question is False
    assert catalogue.intents["order_status"].answers_support_question is True
    assert catalogue.fallback_threshold == 0.3
    assert catalogue.article("no-such-article")["title"] is None


def test_the_help_center_the_search_is_told_to_read(tmp_path: Path):
    assert knowledge_path(PROJECT_ROOT, {}) == PROJECT_ROOT / "knowledge"
    corpus = tmp_path / "help.jsonl"
    row = {"id": "a-1", "title": "Как вернуть", "lang": "ru", "text": "Так.", "url": "https://x/1"}
    corpus.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert knowledge_path(PROJECT_ROOT, {"ASSISTANT_KB_PATH": str(corpus)}) == corpus
    names = ContentNames(PROJECT_ROOT, corpus).get()
    assert names.article("a-1") == {
        "article": "a-1",
        "title": "Как вернуть",
        "url": "https://x/1",
        "lang": "ru",
    }


def test_a_missing_or_broken_project_leaves_the_ids(tmp_path: Path):
    (tmp_path / "intents").mkdir()
    (tmp_path / "intents" / "broken.yml").write_text("intent: [unclosed", encoding="utf-8")
    (tmp_path / "config.yml").write_text("pipeline: 12", encoding="utf-8")
    catalogue = ContentNames(tmp_path).get()
    assert catalogue.articles == {} and catalogue.intents == {}
    assert catalogue.fallback_threshold == 0.3


def test_an_edited_file_is_read_again(tmp_path: Path, monkeypatch):
    shutil.copytree(PROJECT_ROOT / "intents", tmp_path / "intents")
    names = ContentNames(tmp_path)
    monkeypatch.setattr("bot.gateway.analytics.names.CHECK_EVERY_SECONDS", 0.0)
    first = names.get()
    assert names.get() is first  # nothing changed: the same catalogue
    path = tmp_path / "intents" / "greet.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("description:", "description: New."),
        encoding="utf-8",
    )
    os.utime(path, ns=(1, 10**18))
    assert names.get().intents["greet"].description.startswith("New.")
