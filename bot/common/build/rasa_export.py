"""Writes validated content as a Rasa project folder: training data, generated rules and domain.

Responses get one variation set per language, chosen by Rasa's conditional response variations on
the `language` slot, so a reply is always in the language the customer writes in.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from bot.common.build.intent_files import Content, IntentSpec, Variation

RASA_VERSION = "3.1"
LANGUAGE_SLOT = "language"
KNOWLEDGE_ACTION = "action_answer_from_knowledge"
BY_NAME_ACTION = "action_respond_by_name"


def response_name(intent: str) -> str:
    return f"utter_{intent}"


def named_response_name(intent: str) -> str:
    return f"utter_{intent}_named"


def reply_action(intent: IntentSpec) -> str:
    """The action a rule runs right after this intent."""
    if intent.reply.startswith("action_"):
        return intent.reply
    return {
        "respond": response_name(intent.name),
        "respond_by_name": BY_NAME_ACTION,
        "knowledge": KNOWLEDGE_ACTION,
    }[intent.reply]


def _rasa_variations(per_language: dict[str, tuple[Variation, ...]]) -> list[dict[str, Any]]:
    result = []
    for language, variations in per_language.items():
        for variation in variations:
            item: dict[str, Any] = {
                "text": variation.text,
                "condition": [{"type": "slot", "name": LANGUAGE_SLOT, "value": language}],
            }
            if variation.buttons:
                item["buttons"] = [{"title": t, "payload": p} for t, p in variation.buttons]
            result.append(item)
    return result


def nlu_data(content: Content) -> dict[str, Any]:
    nlu: list[dict[str, Any]] = []
    for intent in content.intents:
        examples = [e for language in intent.examples.values() for e in language]
        nlu.append({"intent": intent.name, "examples": _block(examples)})
    for entity in content.entities:
        nlu.append({"regex": entity.name, "examples": _block(list(entity.patterns))})
    return {"version": RASA_VERSION, "nlu": nlu}


def _block(lines: list[str]) -> str:
    return "".join(f"- {line}\n" for line in lines)


def generated_rules(content: Content) -> dict[str, Any]:
    rules = [
        {
            "rule": f"reply to {intent.name}",
            "steps": [{"intent": intent.name}, {"action": reply_action(intent)}],
        }
        for intent in content.intents
    ]
    return {"version": RASA_VERSION, "rules": rules}


def generated_domain(content: Content) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for intent in content.intents:
        if intent.responses:
            responses[response_name(intent.name)] = _rasa_variations(intent.responses)
        if intent.named_responses:
            responses[named_response_name(intent.name)] = _rasa_variations(intent.named_responses)
    for name, per_language in content.responses.items():
        responses[name] = _rasa_variations(per_language)
    actions = sorted({reply_action(i) for i in content.intents} - set(responses))
    return {
        "version": RASA_VERSION,
        "intents": [intent.name for intent in content.intents],
        "actions": actions,
        "entities": [entity.name for entity in content.entities],
        "responses": responses,
    }


def write_project(content: Content, domain_file: Path, stories: Path, out: Path) -> Path:
    """Replace `out` with a fresh Rasa project; returns it. Written aside, then swapped in."""
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "data").mkdir(parents=True)
    (staging / "domain").mkdir()
    _dump(nlu_data(content), staging / "data" / "nlu.yml")
    _dump(generated_rules(content), staging / "data" / "rules_generated.yml")
    if stories.is_dir():
        shutil.copytree(stories, staging / "data" / "stories")
    shutil.copy(domain_file, staging / "domain" / "base.yml")
    _dump(generated_domain(content), staging / "domain" / "generated.yml")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return out


def _dump(data: dict[str, Any], path: Path) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
