from __future__ import annotations

from pathlib import Path

from bot.content.check_intents import load_intents
from bot.content.check_stories import known_names, story_problems


def test_known_names_pass_and_unknown_ones_name_the_line(project: Path):
    content, _ = load_intents(project / "intents")
    assert content is not None
    known = known_names(project / "domain.yml", content)
    assert story_problems(project / "stories", known) == []
    (project / "stories" / "rules.yml").write_text(
        'version: "3.1"\nrules:\n  - rule: r\n    condition:\n      - active_loop: some_form\n'
        "    steps:\n      - intent: nlu_fallback\n      - action: action_custom\n"
        "      - action: action_listen\n      - or:\n          - intent: greet\n",
        encoding="utf-8",
    )
    problems = story_problems(project / "stories", known)
    assert [(p.line, p.message) for p in problems] == [
        (5, "unknown form 'some_form' in active_loop"),
        (11, "unknown intent 'greet'"),
    ]


def test_yaml_error_in_a_story_file(project: Path):
    content, _ = load_intents(project / "intents")
    assert content is not None
    (project / "stories" / "bad.yml").write_text("stories:\n  - story: [\n", encoding="utf-8")
    (problem,) = story_problems(project / "stories", known_names(project / "domain.yml", content))
    assert problem.path.name == "bad.yml" and "YAML syntax error" in problem.message
