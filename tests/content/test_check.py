from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.settings import knowledge_path
from bot.content.check import CheckOptions, check_content
from tests.content.conftest import TrigramEncoder, article

FAST = CheckOptions(rasa_validate=False, evals=False)


def errors(root: Path, encoder: TrigramEncoder, options: CheckOptions = FAST) -> list[str]:
    report = check_content(root, options, encoder)
    return [f"{p.path.relative_to(root)}:{p.line}: {p.message}" for p in report.errors]


def test_a_clean_project_has_no_errors_or_warnings(project: Path, encoder: TrigramEncoder):
    report = check_content(project, FAST, encoder)
    assert report.problems == []


def test_a_broken_intent_file_is_reported_and_stories_are_skipped(
    project: Path, encoder: TrigramEncoder
):
    (project / "intents" / "payment_failed.yml").write_text("intent: [\n", encoding="utf-8")
    report = check_content(project, FAST, encoder)
    (problem,) = report.errors
    assert problem.path.name == "payment_failed.yml" and "YAML syntax error" in problem.message
    assert any("fix intents/ first" in note for note in report.notes)


def test_the_same_example_in_two_intents(project: Path, encoder: TrigramEncoder):
    path = project / "intents" / "payment_failed.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("оплата не прошла раз два", "где заказ раз два"),
        encoding="utf-8",
    )
    (message,) = errors(project, encoder)
    assert message.startswith("intents/payment_failed.yml:5: ")
    assert "also in intent 'order_status'" in message


def test_near_duplicate_across_intents(project: Path, encoder: TrigramEncoder):
    path = project / "intents" / "payment_failed.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("оплата не прошла раз два", "где заказ раз дваа"),
        encoding="utf-8",
    )
    options = CheckOptions(similarity=0.9, rasa_validate=False, evals=False)
    (message,) = errors(project, encoder, options)
    assert message.startswith("intents/payment_failed.yml:5: ")
    assert "almost the same as 'где заказ раз два' in intent 'order_status'" in message


def test_unknown_names_in_stories(project: Path, encoder: TrigramEncoder):
    (project / "stories" / "more.yml").write_text(
        'version: "3.1"\nstories:\n  - story: s\n    steps:\n      - intent: order_stat\n'
        "      - action: utter_nothing\n      - slot_was_set:\n          - colour: red\n",
        encoding="utf-8",
    )
    assert errors(project, encoder) == [
        "stories/more.yml:5: unknown intent 'order_stat'",
        "stories/more.yml:6: unknown action 'utter_nothing'",
        "stories/more.yml:8: unknown slot 'colour'",
    ]


def test_broken_article_is_an_error_and_one_language_a_warning(
    project: Path, encoder: TrigramEncoder
):
    (project / "knowledge" / "en" / "pay.md").unlink()
    (project / "knowledge" / "ru" / "pay.md").write_text(article("pay-ru", "ru"), encoding="utf-8")
    (project / "knowledge" / "en" / "bad.md").write_text(
        "---\nid: bad\ntitle: [unclosed\n---\nbody\n", encoding="utf-8"
    )
    report = check_content(project, FAST, encoder)
    (error,) = report.errors
    assert error.path.name == "bad.md" and error.line == 3
    assert "broken front matter" in error.message
    (warning,) = report.warnings
    assert warning.path.name == "knowledge" and "every article is in ru only" in warning.message


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="--similarity"):
        CheckOptions(similarity=1.5)


def test_a_bad_announcement_is_reported_with_file_field_and_line(
    project: Path, encoder: TrigramEncoder
):
    folder = project / "announcements"
    folder.mkdir()
    (folder / "card-delay.yml").write_text(
        "id: card-delay\ntopics: [payments]\nvalid_from: 2026-11-30T09:00:00+03:00\n"
        "valid_until: 2026-11-30T18:00:00+03:00\ntext: {ru: Задержка, en: Delay}\n",
        encoding="utf-8",
    )
    (message,) = errors(project, encoder)
    assert message.startswith("announcements/card-delay.yml:2: topics: unknown payments")


def test_the_configured_help_center_is_checked_instead_of_knowledge(
    project: Path, encoder: TrigramEncoder, tmp_path: Path
):
    export = tmp_path / "export.jsonl"
    export.write_text(
        '{"id": "a", "question": "Вопрос?", "answer": "Да.", "lang": "ru"}\nnot json\n', "utf-8"
    )
    options = CheckOptions(rasa_validate=False, evals=False, knowledge=export)
    report = check_content(project, options, encoder)
    assert [(p.path.name, p.line, p.message) for p in report.errors] == [
        ("export.jsonl", 2, "not a JSON object")
    ]


def test_the_help_center_follows_assistant_kb_path(tmp_path: Path):
    assert knowledge_path(tmp_path, {"ASSISTANT_KB_PATH": " /srv/help "}) == Path("/srv/help")
    assert knowledge_path(tmp_path, {"ASSISTANT_KB_PATH": ""}) == tmp_path / "knowledge"
    assert knowledge_path(tmp_path, {}) == tmp_path / "knowledge"
