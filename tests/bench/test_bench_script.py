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
- name: handoff with a case
  case:
    name: Андрей Кузнецов
    email: andrey.k@mail.ru
    phone: "+79251112233"
    order_number: "71529304"
    app_version: "5.4.1"
    problem_contains: [не привезли]
  turns:
    - say: позовите оператора
      expect:
        outcome: form
        offers_human: true
        uses_name: false
        asks_for_any: [name]
    - say: Андрей Кузнецов
      expect:
        outcome: [form, answer]
        must_not_ask_for: [name, contact]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "script.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_script_loads(tmp_path: Path) -> None:
    first, second, third = load_script(write(tmp_path, GOOD), KNOWN)
    assert first.name == "order question" and first.pending is None
    assert first.turns[0].metadata == {"name": "Анна"}
    assert first.turns[0].expect.reply_contains == ("Анна",)
    assert first.turns[1].expect.slots == {"order_number": "45873921", "customer_name": None}
    assert first.turns[1].expect.articles == ("order-status-ru",)
    assert first.turns[1].expect.handoff is False
    assert first.turns[1].line == 7
    assert first.turns[2].payload == "/affirm"
    assert second.pending == "being built"
    assert first.case is None and first.turns[0].expect.outcomes == ()
    assert third.case is not None and third.case.line == 21
    assert third.case.phone == "+79251112233" and third.case.order_number == "71529304"
    assert third.case.problem_contains == ("не привезли",)
    opening, answer = third.turns
    assert opening.expect.outcomes == ("form",)
    assert opening.expect.offers_human is True and opening.expect.uses_name is False
    assert opening.expect.asks_for_any == ("name",) and opening.expect.must_not_ask_for == ()
    assert answer.expect.outcomes == ("form", "answer")
    assert answer.expect.must_not_ask_for == ("name", "contact")
    assert answer.expect.offers_human is None and answer.expect.language is None


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
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {outcome: [answer, guess]}\n",
            "line 4: unknown outcome value(s) ['guess']; allowed: ['answer', 'clarify'",
        ),
        ("- name: x\n  turns:\n    - say: hi\n      expect: {outcome: []}\n", "line 4: 'outcome'"),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {asks_for_any: [email]}\n",
            "line 4: unknown asks_for_any value(s) ['email']",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {must_not_ask_for: [Name]}\n",
            "line 4: unknown must_not_ask_for value(s) ['Name']",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {offers_human: yes please}\n",
            "line 4: 'offers_human' must be true or false",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {uses_name: 1}\n",
            "line 4: 'uses_name' must be true or false",
        ),
        (
            "- name: x\n  turns:\n    - say: hi\n      expect: {asks_for: [name]}\n",
            "line 4: unknown key(s) ['asks_for'] in expect",
        ),
        (
            "- name: x\n  case:\n    surname: K\n  turns:\n    - say: hi\n",
            "line 3: unknown key(s) ['surname'] in case",
        ),
        (
            "- name: x\n  case:\n    phone: 8 925 111-22-33\n  turns:\n    - say: hi\n",
            "line 3: case 'phone' must be an E.164 number",
        ),
        (
            "- name: x\n  case:\n    order_number: 71529304\n  turns:\n    - say: hi\n",
            "line 3: case 'order_number' must be a non-empty string (quote numbers)",
        ),
        (
            "- name: x\n  case:\n    email: Anna@Example.com\n  turns:\n    - say: hi\n",
            "line 3: case 'email' must be a lower-case email",
        ),
        (
            "- name: x\n  case:\n    app_version: latest\n  turns:\n    - say: hi\n",
            "line 3: case 'app_version' must be a version",
        ),
        ("- name: x\n  case: {}\n  turns:\n    - say: hi\n", "line 2: a case needs at least"),
        ("- name: x\n  case: Вера\n  turns:\n    - say: hi\n", "line 1: case must be a mapping"),
        (
            "- name: x\n  case: {problem_contains: []}\n  turns:\n    - say: hi\n",
            "line 2: 'problem_contains' must be a non-empty string",
        ),
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


@pytest.mark.parametrize(
    ("name", "conversations", "with_case"),
    [
        ("conversations_answers_val", 78, 1),
        ("conversations_answers_test", 118, 1),
        ("conversations_handoff_val", 28, 26),
        ("conversations_handoff_test", 43, 38),
    ],
)
def test_the_evaluation_files_load(name: str, conversations: int, with_case: int) -> None:
    from bench.conversations import known_intents

    script = load_script(Path(f"bench/data/{name}.yml"), known_intents())
    assert len(script) == conversations
    assert sum(c.case is not None for c in script) == with_case
    assert all(t.expect.outcomes for c in script for t in c.turns[:1])
