"""Reads and validates the intent files in `intents/`, the format content owners write.

One file per intent (see intents/README.md), plus `entities.yml` (patterns) and `responses.yml`
(replies not tied to one intent). Every problem names the file and, where it can, the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.common.build.errors import ContentError, ContentProblem

LANGUAGES = ("ru", "en")
TOPICS = (
    "smalltalk",
    "process",
    "account",
    "orders",
    "payment",
    "returns",
    "technical",
    "product",
    "contacts",
)
REPLY_KINDS: tuple[str, ...] = ("respond", "respond_by_name", "knowledge")
# Besides the kinds above, `reply` may name a custom action (`action_...`) defined in actions/.
ACTION_PATTERN = re.compile(r"^action_[a-z0-9_]+$")
ENTITIES_FILE = "entities.yml"
RESPONSES_FILE = "responses.yml"
SPECIAL_FILES = (ENTITIES_FILE, RESPONSES_FILE)
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
ANNOTATION = re.compile(r"\[([^\]]+)\]\(([a-z_]+)\)")


@dataclass(frozen=True)
class Variation:
    """One response variation: its text and optional quick-reply buttons."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class IntentSpec:
    """One intent as written by a content owner."""

    name: str
    path: Path
    topic: str
    reply: str
    description: str
    examples: dict[str, tuple[str, ...]]
    test_examples: dict[str, tuple[str, ...]]
    responses: dict[str, tuple[Variation, ...]]
    named_responses: dict[str, tuple[Variation, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class EntitySpec:
    name: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """Everything in `intents/`, validated."""

    intents: tuple[IntentSpec, ...]
    entities: tuple[EntitySpec, ...]
    responses: dict[str, dict[str, tuple[Variation, ...]]]
    warnings: tuple[ContentProblem, ...] = ()


def plain_text(example: str) -> str:
    """The example as the customer would type it, without entity annotations."""
    return ANNOTATION.sub(r"\1", example)


def line_of(text: str, needle: str) -> int | None:
    """First line containing `needle`; good enough to point a content owner at the right place."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


class _FileReader:
    """Collects problems for one file instead of stopping at the first."""

    def __init__(self, path: Path, problems: list[ContentProblem]) -> None:
        self.path = path
        self.problems = problems
        self.text = ""

    def problem(self, message: str, needle: str | None = None, hint: str = "") -> None:
        line = line_of(self.text, needle) if needle else None
        self.problems.append(ContentProblem(self.path, message, line, hint))

    def load(self) -> Any:
        try:
            self.text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problem("the file is not UTF-8 text", hint="save it as UTF-8")
            return None
        try:
            return yaml.safe_load(self.text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else None
            reason = getattr(error, "problem", None) or str(error)
            self.problems.append(
                ContentProblem(
                    self.path,
                    f"YAML syntax error: {reason}",
                    line,
                    "check indentation, and quote texts that contain ': ' or start with [ or #",
                )
            )
            return None

    def _per_language(self, raw: Any, key: str) -> dict[str, list[Any]]:
        """The lists under `key`, per known language; every other shape is reported."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(f"'{key}' must map each language (ru, en) to a list", f"{key}:")
            return {}
        result: dict[str, list[Any]] = {}
        for language, items in raw.items():
            if language not in LANGUAGES:
                self.problem(
                    f"unknown language {language!r} in '{key}'",
                    f"{language}:",
                    f"use one of {', '.join(LANGUAGES)}",
                )
            elif not isinstance(items, list) or not items:
                self.problem(f"'{key}.{language}' must be a non-empty list", f"{key}:")
            else:
                result[language] = items
        return result

    def variations(self, raw: Any, key: str) -> dict[str, tuple[Variation, ...]]:
        result = {}
        for language, items in self._per_language(raw, key).items():
            parsed = [self._variation(item, key) for item in items]
            result[language] = tuple(v for v in parsed if v is not None)
        return result

    def _variation(self, item: Any, key: str) -> Variation | None:
        if isinstance(item, str) and item.strip():
            return Variation(item.strip())
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            buttons = []
            for button in item.get("buttons") or []:
                if not (isinstance(button, dict) and button.get("title") and button.get("payload")):
                    self.problem(f"a button in '{key}' needs a title and a payload", "buttons:")
                    continue
                buttons.append((str(button["title"]), str(button["payload"])))
            return Variation(item["text"].strip(), tuple(buttons))
        self.problem(
            f"a variation in '{key}' is empty or not text",
            f"{key}:",
            "if the text contains ': ', put it in quotes; "
            "or write a mapping with 'text' and 'buttons'",
        )
        return None

    def examples(self, raw: Any, key: str) -> dict[str, tuple[str, ...]]:
        result = {}
        for language, items in self._per_language(raw, key).items():
            texts = []
            for item in items:
                if not isinstance(item, (str, int, float)) or not str(item).strip():
                    self.problem(
                        f"an example in '{key}.{language}' is empty or not text", f"{language}:"
                    )
                    continue
                texts.append(str(item).strip())
            result[language] = tuple(texts)
        return result


def read_intent(path: Path, problems: list[ContentProblem]) -> IntentSpec | None:
    reader = _FileReader(path, problems)
    data = reader.load()
    if data is None:
        if reader.text and not problems:
            reader.problem("the file is empty")
        return None
    if not isinstance(data, dict):
        reader.problem("an intent file must be a mapping with 'intent', 'examples', 'responses'")
        return None
    before = len(problems)
    name = data.get("intent")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        reader.problem("'intent' must be a name of a-z, 0-9 and _", "intent:")
        return None
    if name != path.stem:
        reader.problem(
            f"intent {name!r} is in a file named {path.name!r}",
            "intent:",
            f"rename the file to {name}.yml",
        )
    topic = data.get("topic", "process")
    if topic not in TOPICS:
        reader.problem(f"unknown topic {topic!r}", "topic:", f"use one of {', '.join(TOPICS)}")
    reply = data.get("reply", "respond")
    if reply not in REPLY_KINDS and not ACTION_PATTERN.match(str(reply)):
        reader.problem(
            f"unknown reply {reply!r}",
            "reply:",
            f"use one of {', '.join(REPLY_KINDS)}, or the name of a custom action_...",
        )
    examples = reader.examples(data.get("examples"), "examples")
    if not any(examples.values()):
        reader.problem(
            "the intent has no examples", "examples:", "add at least 20 examples per language"
        )
    responses = reader.variations(data.get("responses"), "responses")
    named = reader.variations(data.get("named_responses"), "named_responses")
    if reply in ("respond", "respond_by_name") and not responses:
        reader.problem("the intent answers with its responses but has none", "responses:")
    if reply == "respond_by_name" and not named:
        reader.problem("reply: respond_by_name needs 'named_responses' with {name}", "reply:")
    if len(problems) > before:
        return None
    return IntentSpec(
        name=name,
        path=path,
        topic=str(topic),
        reply=reply,
        description=str(data.get("description", "")),
        examples=examples,
        test_examples=reader.examples(data.get("test_examples"), "test_examples"),
        responses=responses,
        named_responses=named,
    )


def read_entities(path: Path, problems: list[ContentProblem]) -> tuple[EntitySpec, ...]:
    reader = _FileReader(path, problems)
    data = reader.load() or {}
    entities = []
    for name, spec in (data.get("entities") or {}).items():
        patterns = tuple(str(p) for p in (spec or {}).get("patterns") or [])
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                reader.problem(f"entity {name!r}: bad pattern: {error}", pattern[:20])
        entities.append(EntitySpec(str(name), patterns))
    return tuple(entities)


def read_responses(
    path: Path, problems: list[ContentProblem]
) -> dict[str, dict[str, tuple[Variation, ...]]]:
    reader = _FileReader(path, problems)
    data = reader.load() or {}
    responses = {}
    for name, raw in (data.get("responses") or {}).items():
        if not str(name).startswith("utter_"):
            reader.problem(f"response {name!r} must start with utter_", f"{name}:")
            continue
        responses[str(name)] = reader.variations(raw, str(name))
    return responses


def load_content(folder: Path) -> Content:
    """Read every file in `folder`; raise ContentError listing all problems if any."""
    problems: list[ContentProblem] = []
    intents = []
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        if path.name in SPECIAL_FILES:
            continue
        intent = read_intent(path, problems)
        if intent is not None:
            intents.append(intent)
    entities_path = folder / ENTITIES_FILE
    entities = read_entities(entities_path, problems) if entities_path.exists() else ()
    responses_path = folder / RESPONSES_FILE
    responses = read_responses(responses_path, problems) if responses_path.exists() else {}
    problems.extend(_duplicate_examples(intents))
    names = [i.name for i in intents]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(ContentProblem(folder, f"intent {name!r} is defined twice"))
    if problems:
        raise ContentError(problems)
    return Content(tuple(intents), entities, responses, tuple(_language_gaps(intents)))


def _normalised(text: str) -> str:
    return re.sub(r"[\W_]+", " ", plain_text(text).lower()).strip()


def _duplicate_examples(intents: list[IntentSpec]) -> list[ContentProblem]:
    """The same example in two intents makes the model guess; name both places."""
    seen: dict[str, IntentSpec] = {}
    problems = []
    for intent in intents:
        for language_examples in intent.examples.values():
            for example in language_examples:
                key = _normalised(example)
                other = seen.get(key)
                if other is not None and other.name != intent.name:
                    problems.append(
                        ContentProblem(
                            intent.path,
                            f"example {example!r} is also in intent {other.name!r}",
                            line_of(intent.path.read_text(encoding="utf-8"), example),
                            f"keep it in one intent only ({other.path.name})",
                        )
                    )
                seen.setdefault(key, intent)
    return problems


def _language_gaps(intents: list[IntentSpec]) -> list[ContentProblem]:
    gaps = []
    for intent in intents:
        for language in LANGUAGES:
            if not intent.examples.get(language):
                gaps.append(
                    ContentProblem(intent.path, f"no {language} examples", severity="warning")
                )
            answers_itself = intent.reply in ("respond", "respond_by_name", "knowledge")
            if answers_itself and not intent.responses.get(language):
                gaps.append(
                    ContentProblem(intent.path, f"no {language} responses", severity="warning")
                )
    return gaps
