"""Intent accuracy on the held-out `test_examples`: the quick eval of the check and the live switch.

The model is loaded in this process (Rasa's Agent); callers that must not hold TensorFlow run it
in a child process (`python -m bot.content smoke`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.common.build.intent_files import Content, plain_text


@dataclass(frozen=True)
class Case:
    intent: str
    language: str
    text: str


def held_out_cases(content: Content, per_intent: int | None = None) -> list[Case]:
    """Every held-out example, or the first `per_intent` per intent and language."""
    return [
        Case(intent.name, language, plain_text(example))
        for intent in content.intents
        for language, examples in intent.test_examples.items()
        for example in examples[:per_intent]
    ]


async def _classify(model: Path, texts: list[str]) -> list[str]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level otherwise
    agent = Agent.load(str(model))
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


def evaluate(model: Path, cases: list[Case]) -> dict[str, Any]:
    """Accuracy per language and per intent, and the misses."""
    predicted = asyncio.run(_classify(model, [c.text for c in cases]))
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_intent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case, name in zip(cases, predicted, strict=True):
        right = int(name == case.intent)
        for totals in (by_language[case.language], by_intent[case.intent]):
            totals[0] += right
            totals[1] += 1
        if not right:
            misses.append({"intent": case.intent, "text": case.text, "predicted": name})
    return {
        "accuracy": {k: round(ok / n, 4) for k, (ok, n) in sorted(by_language.items())},
        "per_intent": {k: round(ok / n, 4) for k, (ok, n) in sorted(by_intent.items())},
        "cases": len(cases),
        "misses": misses,
    }
