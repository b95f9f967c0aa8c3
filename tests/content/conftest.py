"""A tiny, valid content project in tmp_path; each test breaks exactly one thing in it."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

WORDS = ["раз", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"]
EN_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def examples(prefix: str, words: list[str], count: int = 20) -> str:
    items = [f"{prefix} {a} {b}" for a in words for b in words if a != b][:count]
    return "".join(f"    - {item}\n" for item in items)


def intent_file(name: str, ru: str, en: str, count: int = 20) -> str:
    return (
        f"intent: {name}\ntopic: orders\nexamples:\n  ru:\n{examples(ru, WORDS, count)}"
        f"  en:\n{examples(en, EN_WORDS, count)}"
        f"test_examples:\n  ru:\n    - {ru} тест\n  en:\n    - {en} test\n"
        "responses:\n  ru:\n    - Ответ\n  en:\n    - Answer\n"
    )


DOMAIN = """\
version: "3.1"
slots:
  language:
    type: categorical
    values: [ru, en]
    mappings:
      - type: custom
actions:
  - action_custom
"""

RULES = """\
version: "3.1"
rules:
  - rule: order
    steps:
      - intent: order_status
      - action: utter_order_status
      - slot_was_set:
          - language: ru
"""


def article(article_id: str, lang: str, translation: str = "", body: str = "Текст статьи.") -> str:
    extra = f"translation: {translation}\n" if translation else ""
    return (
        f"---\nid: {article_id}\ntitle: Статья {article_id}\nlang: {lang}\n"
        f"url: https://help.example/{lang}/{article_id}\n{extra}questions:\n  - вопрос\n---\n"
        f"{body}\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "intents").mkdir()
    (tmp_path / "intents" / "order_status.yml").write_text(
        intent_file("order_status", "где заказ", "where order"), encoding="utf-8"
    )
    (tmp_path / "intents" / "payment_failed.yml").write_text(
        intent_file("payment_failed", "оплата не прошла", "payment failed"), encoding="utf-8"
    )
    (tmp_path / "domain.yml").write_text(DOMAIN, encoding="utf-8")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "rules.yml").write_text(RULES, encoding="utf-8")
    for lang, other in (("ru", "en"), ("en", "ru")):
        folder = tmp_path / "knowledge" / lang
        folder.mkdir(parents=True)
        (folder / "pay.md").write_text(
            article(f"pay-{lang}", lang, f"pay-{other}"), encoding="utf-8"
        )
    return tmp_path


class TrigramEncoder:
    """Character trigrams hashed into a small vector: near-identical texts are close."""

    name = "trigram"
    dimension = 256

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                vectors[row, zlib.crc32(padded[i : i + 3].encode()) % self.dimension] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


@pytest.fixture
def encoder() -> TrigramEncoder:
    return TrigramEncoder()
