"""The conversation script parser: good scripts load, bad ones fail with the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.script import ScriptError, load_script

KNOWN = {"greet", "order_status", "affirm"}
GOOD = """
- name: order question
  turns:
    - say: Здравствуйте
      metadata: {name: Анна}
      expect: {intent: greet, reply_contains: Анна, language: ru}
    - say: где заказ 45873921
      expect:
        intent: [order_status]
        slots: {order_number: "45873921", customer_name: null}
        article: order-status-ru
        handoff: false
    - say: Да
      payload: /affirm
- name: handoff
  pending: being built
  turns:
    - say: hi
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "script.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_script_loads(tmp_path: Path) -> None:
    first, second = load_script(write(tmp_path, GOOD), KNOWN)
    assert first.name == "order question" and first.pending is None
    assert first.turns[0].metadata == {"name": "Анна"}
    assert first.turns[0].expect.reply_contains == ("Анна",)
    assert first.turns[1].expect.slots == {"order_number": "45873921", "customer_name": None}
    assert first.turns[1].expect.articles == ("order-status-ru",)
    assert first.turns[1].expect.handoff is False
    assert first.turns[1].line == 7
    assert first.turns[2].payload == "/affirm"
    assert second.pending == "being built"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {intent: nope}\n",
            "line 4: unknown intent 'nope'",
        ),
        ("- name: x\n  turns:\n    - text: hi\n", "line 3: unknown key(s) ['text'] in a turn"),
        ("- name: x\n  turns:\n    - say: 45873921\n", "line 3: a turn needs 'say'"),
        ("- name: x\n  turns: []\n", "line 1: conversation 'x' needs a non-empty list"),
        ("- turns:\n    - say: hi\n", "line 1: a conversation needs a 'name'"),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {language: de}\n",
            "line 4: 'language' must be one of",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      payload: affirm\n",
            "line 3: 'payload' must be",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {handoff: maybe}\n",
            "'handoff' must be",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n- name: x\n  turns:\n    - say: ho\n",
            "line 4: duplicate",
        ),
        ("name: x\n", "line 1: a script is a non-empty list"),
        ("- name: x\n  turns: [say: hi\n", "not valid YAML"),
    ],
)
def test_bad_scripts_name_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScriptError) as error:
        load_script(path, KNOWN)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="no such file"):
        load_script(tmp_path / "absent.yml", KNOWN)


def test_the_shipped_script_is_valid() -> None:
    from bench.conversations import known_intents

    script = load_script(Path("bench/data/conversations.yml"), known_intents())
    assert len(script) >= 20
    languages = {t.expect.language for c in script for t in c.turns}
    assert {"ru", "en"} <= languages
