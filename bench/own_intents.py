"""Intent accuracy of the project's own NLU on its held-out examples, and the training time.

`python -m bench.own_intents [--json]` trains a fresh model from intents/ (the held-out
`test_examples` are never part of training), then classifies every held-out example in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.common.build.intent_files import load_content, plain_text
from bot.common.build.training import train_model
from bot.common.settings import PROJECT_ROOT


async def classify(model: Path, texts: list[str]) -> list[tuple[str, float]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level otherwise

    agent = Agent.load(str(model))
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        results.append((parsed["intent"]["name"], float(parsed["intent"]["confidence"])))
    return results


def measure(root: Path, models_dir: Path) -> dict[str, Any]:
    content = load_content(root / "intents")
    with tempfile.TemporaryDirectory() as build:
        model = train_model(root, Path(build), models_dir)
    cases = [
        (intent.name, language, plain_text(example))
        for intent in content.intents
        for language, examples in intent.test_examples.items()
        for example in examples
    ]
    started = time.monotonic()
    predictions = asyncio.run(classify(model.path, [text for _, _, text in cases]))
    per_message_ms = (time.monotonic() - started) * 1000 / max(len(cases), 1)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    for (expected, language, text), (predicted, confidence) in zip(cases, predictions, strict=True):
        totals[language][1] += 1
        if predicted == expected:
            totals[language][0] += 1
        else:
            errors.append(
                {
                    "language": language,
                    "text": text,
                    "expected": expected,
                    "predicted": predicted,
                    "confidence": round(confidence, 3),
                }
            )
    return {
        "accuracy": {lang: round(ok / n, 4) for lang, (ok, n) in sorted(totals.items())},
        "examples": {lang: n for lang, (_, n) in sorted(totals.items())},
        "training_seconds": round(model.seconds, 1),
        "trained_now": model.trained_now,
        "parse_ms_per_message": round(per_message_ms, 1),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.own_intents", description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with tempfile.TemporaryDirectory() as models:
        result = measure(PROJECT_ROOT, Path(models))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print("language  held-out examples  accuracy")
    for language, accuracy in result["accuracy"].items():
        print(f"{language:<9} {result['examples'][language]:>17}  {accuracy:.3f}")
    print(f"training time: {result['training_seconds']:.0f} s (fresh model, this machine)")
    print(f"parse time: {result['parse_ms_per_message']:.1f} ms per message (in-process)")
    for error in result["errors"]:
        print(
            f"  [{error['language']}] {error['text']!r}: expected {error['expected']}, "
            f"got {error['predicted']} ({error['confidence']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
