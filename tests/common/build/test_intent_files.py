from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.build.errors import ContentError
from bot.common.build.intent_files import load_content, plain_text

GOOD = """\
intent: {name}
topic: orders
examples:
  ru:
    - где мой заказ {name}
    - заказ [45873921](order_number) когда
  en:
    - where is my order {name}
responses:
  ru:
    - Ответ
  en:
    - Answer
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_files_load(tmp_path: Path):
    write(tmp_path, "order_status", GOOD.format(name="order_status"))
    content = load_content(tmp_path)
    (intent,) = content.intents
    assert intent.examples["ru"][1] == "заказ [45873921](order_number) когда"
    assert plain_text(intent.examples["ru"][1]) == "заказ 45873921 когда"
    assert intent.responses["en"][0].text == "Answer"


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path):
    write(tmp_path, "broken", "intent: broken\nexamples:\n  ru:\n    - a\n   - b: [\n")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    (problem,) = caught.value.problems
    assert problem.path.name == "broken.yml"
    assert problem.line is not None and problem.line >= 4
    assert "YAML syntax error" in problem.message


def test_same_example_in_two_intents_is_an_error(tmp_path: Path):
    write(tmp_path, "first", GOOD.format(name="first").replace("где мой заказ first", "привет"))
    write(tmp_path, "second", GOOD.format(name="second").replace("где мой заказ second", "Привет!"))
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    assert any("also in intent 'first'" in m and "second.yml:5" in m for m in messages), messages


def test_intent_without_examples_or_responses_is_reported(tmp_path: Path):
    write(tmp_path, "empty", "intent: empty\ntopic: orders\n")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "no examples" in messages and "has none" in messages


def test_unknown_topic_language_and_name_mismatch(tmp_path: Path):
    text = GOOD.format(name="other").replace("topic: orders", "topic: cooking")
    text = text.replace("  en:\n    - Answer", "  de:\n    - Antwort")
    write(tmp_path, "mismatch", text)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "unknown topic 'cooking'" in messages
    assert "unknown language 'de'" in messages
    assert "in a file named 'mismatch.yml'" in messages


def test_missing_language_is_a_warning_not_an_error(tmp_path: Path):
    text = GOOD.format(name="ru_only").replace("  en:\n    - where is my order ru_only\n", "")
    write(tmp_path, "ru_only", text)
    content = load_content(tmp_path)
    assert [w.message for w in content.warnings] == ["no en examples"]


def test_non_utf8_file_is_reported(tmp_path: Path):
    (tmp_path / "latin.yml").write_bytes("intent: latin\nexamples: {ru: [привет]}".encode("cp1251"))
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    assert "not UTF-8" in caught.value.problems[0].message


def test_project_content_is_valid(project_root: Path):
    content = load_content(project_root / "intents")
    assert len(content.intents) >= 25
    for intent in content.intents:
        for language in ("ru", "en"):
            assert len(intent.examples.get(language, ())) >= 20, (intent.name, language)
            if intent.reply in ("respond", "respond_by_name", "knowledge"):
                assert intent.responses.get(language), (intent.name, language)
