from __future__ import annotations

from pathlib import Path

from bot.content.check_intents import intent_problems, load_intents
from tests.content.conftest import intent_file


def problems(folder: Path) -> list[str]:
    content, load_errors = load_intents(folder)
    assert content is not None, load_errors
    return [f"{p.path.name}:{p.line}: {p.message}" for p in intent_problems(content, folder)]


def test_too_few_examples_in_a_language_names_the_language_line(tmp_path: Path):
    (tmp_path / "greet.yml").write_text(intent_file("greet", "привет", "hi", 7), encoding="utf-8")
    assert problems(tmp_path) == [
        "greet.yml:4: only 7 ru examples (at least 20 are needed)",
        "greet.yml:12: only 7 en examples (at least 20 are needed)",
    ]


def test_responses_missing_a_language(tmp_path: Path):
    text = intent_file("greet", "привет", "hi").replace("  en:\n    - Answer\n", "")
    (tmp_path / "greet.yml").write_text(text, encoding="utf-8")
    (message,) = problems(tmp_path)
    assert message.startswith("greet.yml:") and "responses has no en variation" in message


def test_shared_response_missing_a_language_points_at_it(tmp_path: Path):
    (tmp_path / "greet.yml").write_text(intent_file("greet", "привет", "hi"), encoding="utf-8")
    (tmp_path / "responses.yml").write_text(
        "responses:\n  utter_a:\n    ru: [А]\n    en: [A]\n  utter_b:\n    ru: [Б]\n",
        encoding="utf-8",
    )
    assert problems(tmp_path) == ["responses.yml:5: utter_b has no en variation"]


def test_an_intent_with_no_examples_does_not_load(tmp_path: Path):
    (tmp_path / "empty.yml").write_text(
        "intent: empty\nresponses:\n  ru: [А]\n  en: [A]\n", encoding="utf-8"
    )
    content, load_errors = load_intents(tmp_path)
    assert content is None
    assert [p.message for p in load_errors] == ["the intent has no examples"]
