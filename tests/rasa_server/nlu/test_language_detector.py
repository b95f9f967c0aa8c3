from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.language_detector import LanguageDetector, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("где мой заказ", "ru"),
        ("where is my order", "en"),
        ("не работает app LightMarket", "ru"),
        ("my заказ is late again, what happened", "en"),
        ("45873921", None),
        ("ok", None),
        ("👍", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None):
    assert detect_language(text) == expected


def test_component_adds_a_language_entity_only_when_sure():
    detector = LanguageDetector()
    russian, number = Message.build("привет"), Message.build("45873921")
    detector.process([russian, number])
    assert [e["value"] for e in russian.get("entities")] == ["ru"]
    assert not number.get("entities")
