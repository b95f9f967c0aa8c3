"""Checks of `intents/` beyond what the build needs: enough examples and replies in every language.

The build (`load_content`) already rejects broken files and the same example in two intents; the
check adds what makes an intent weak rather than unbuildable, each naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from bot.common.build.errors import ContentError, ContentProblem
from bot.common.build.intent_files import LANGUAGES, Content, IntentSpec, Variation, load_content

MIN_EXAMPLES = 20
# Intents whose reply comes from their own `responses`; a custom action may use shared ones.
ANSWERS_ITSELF = ("respond", "respond_by_name", "knowledge")


def line_in_block(text: str, block: str, key: str) -> int | None:
    """Line of `key:` inside the top-level `block:` (such as `ru:` under `examples:`)."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith(f"{block}:")), None)
    if start is None:
        return None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line and not line[0].isspace() and not line.startswith("#"):
            break
        if line.strip().startswith(f"{key}:"):
            return number + 1
    return start + 1


def load_intents(folder: Path) -> tuple[Content | None, list[ContentProblem]]:
    """The content and no problems, or no content and every problem the build found."""
    try:
        return load_content(folder), []
    except ContentError as error:
        return None, list(error.problems)


def example_counts(intent: IntentSpec, minimum: int = MIN_EXAMPLES) -> list[ContentProblem]:
    text = intent.path.read_text(encoding="utf-8")
    problems = []
    for language in LANGUAGES:
        count = len(intent.examples.get(language, ()))
        if count < minimum:
            problems.append(
                ContentProblem(
                    intent.path,
                    f"only {count} {language} examples (at least {minimum} are needed)",
                    line_in_block(text, "examples", language),
                    f"add {minimum - count} more {language} examples, written the way "
                    "customers type",
                )
            )
    return problems


def missing_languages(
    path: Path, name: str, per_language: dict[str, tuple[Variation, ...]]
) -> list[ContentProblem]:
    text = path.read_text(encoding="utf-8")
    return [
        ContentProblem(
            path,
            f"{name} has no {language} variation",
            line_in_block(text, "responses", name)
            if name.startswith("utter_")
            else line_in_block(text, name, language),
            f"add a '{language}:' list so customers writing in {language} get an answer",
        )
        for language in LANGUAGES
        if not per_language.get(language)
    ]


def intent_problems(
    content: Content, folder: Path, minimum: int = MIN_EXAMPLES
) -> list[ContentProblem]:
    """Too few examples per language; responses (own or shared) missing a language."""
    problems: list[ContentProblem] = []
    for intent in content.intents:
        problems.extend(example_counts(intent, minimum))
        if intent.reply in ANSWERS_ITSELF:
            problems.extend(missing_languages(intent.path, "responses", intent.responses))
        if intent.named_responses:
            problems.extend(
                missing_languages(intent.path, "named_responses", intent.named_responses)
            )
    shared = folder / "responses.yml"
    for name, per_language in content.responses.items():
        problems.extend(missing_languages(shared, name, per_language))
    return problems
