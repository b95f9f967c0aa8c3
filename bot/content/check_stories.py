"""Stories and rules that name an intent, action or slot the domain does not know.

Rasa reports some of these only at training time, minutes later and without a line number; this
reads the YAML node tree, so every step is pointed at by file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from rasa.shared.core.constants import DEFAULT_ACTION_NAMES, DEFAULT_INTENTS, DEFAULT_SLOT_NAMES

from bot.common.build.errors import ContentProblem
from bot.common.build.intent_files import Content
from bot.common.build.rasa_export import generated_domain


@dataclass(frozen=True)
class KnownNames:
    intents: frozenset[str]
    actions: frozenset[str]
    slots: frozenset[str]
    forms: frozenset[str]


def known_names(domain_file: Path, content: Content) -> KnownNames:
    """Names from domain.yml, the domain generated from intents/, and Rasa's defaults."""
    base = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
    generated = generated_domain(content)
    forms = set(base.get("forms") or {})
    responses = set(base.get("responses") or {}) | set(generated["responses"])
    intents = {i if isinstance(i, str) else next(iter(i)) for i in base.get("intents") or []}
    return KnownNames(
        intents=frozenset(intents | set(generated["intents"]) | set(DEFAULT_INTENTS)),
        actions=frozenset(
            set(base.get("actions") or [])
            | set(generated["actions"])
            | responses
            | forms
            | set(DEFAULT_ACTION_NAMES)
        ),
        slots=frozenset(set(base.get("slots") or {}) | set(DEFAULT_SLOT_NAMES)),
        forms=frozenset(forms),
    )


def _walk(node: yaml.Node, found: list[tuple[str, str, int]]) -> None:
    """Collect (key, name, line) for every intent/action/active_loop/slot_was_set reference."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, found)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in ("intent", "action", "active_loop") and isinstance(value, yaml.ScalarNode):
                found.append((name, value.value, value.start_mark.line + 1))
            elif name == "slot_was_set" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.ScalarNode):
                        found.append(("slot", item.value, item.start_mark.line + 1))
                    elif isinstance(item, yaml.MappingNode):
                        for slot, _ in item.value:
                            found.append(("slot", slot.value, slot.start_mark.line + 1))
            else:
                _walk(value, found)


def _unknown(kind: str, name: str, known: KnownNames) -> str | None:
    """What is wrong with this reference, or None when the domain knows it."""
    if kind == "intent" and name not in known.intents:
        return f"unknown intent {name!r}"
    if kind == "action" and name not in known.actions:
        return f"unknown action {name!r}"
    if kind == "active_loop" and name not in ("null", "") and name not in known.forms:
        return f"unknown form {name!r} in active_loop"
    if kind == "slot" and name not in known.slots:
        return f"unknown slot {name!r}"
    return None


HINTS = {
    "intent": "add an intent file for it in intents/ or fix the spelling",
    "action": "use a response from intents/ or an action listed in domain.yml",
    "active_loop": "use a form from domain.yml",
    "slot": "use a slot from domain.yml",
}


def story_problems(stories: Path, known: KnownNames) -> list[ContentProblem]:
    problems = []
    for path in sorted(stories.rglob("*.yml")) + sorted(stories.rglob("*.yaml")):
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(
                ContentProblem(
                    path,
                    f"YAML syntax error: {getattr(error, 'problem', None) or error}",
                    mark.line + 1 if mark else None,
                    "check the indentation",
                )
            )
            continue
        found: list[tuple[str, str, int]] = []
        if root is not None:
            _walk(root, found)
        for kind, name, line in found:
            message = _unknown(kind, name, known)
            if message:
                problems.append(ContentProblem(path, message, line, HINTS[kind]))
    return problems
