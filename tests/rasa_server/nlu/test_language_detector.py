"""The NLU component; the rules themselves are tested with retrieval/language.py."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.language_detector import LanguageDetector


def languages(text: str) -> list[str]:
    message = Message.build(text)
    LanguageDetector().process([message])
    return [e["value"] for e in message.get("entities") or [] if e["entity"] == "language"]


def test_component_adds_a_language_entity_only_when_sure():
    assert languages("привет") == ["ru"]
    assert languages("where is my order") == ["en"]
    assert languages("45873921") == []
    assert languages("anna@example.com") == []


def test_russian_typed_in_latin_letters_is_answered_in_russian():
    assert languages("privet ne prihodit kod") == ["ru"]
