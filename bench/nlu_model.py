"""Trains the project's NLU pipeline on any labelled examples and classifies texts in-process.

The pipeline is trained exactly as Rasa trains it (`rasa.model_training.train_nlu`, the custom
`bot.rasa_server.nlu.*` components included) in a temporary project; examples are written as Rasa's
JSON NLU format, so brackets and braces in public data are never read as entity mark-up.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.labelled_csv import Example

FALLBACK_INTENT = "nlu_fallback"
BATCH_SIZE = 256


class TrainingFailedError(Exception):
    """Rasa did not produce a model."""


@dataclass(frozen=True)
class Prediction:
    """What the pipeline answered (`intent`, maybe nlu_fallback) and its best real intent."""

    intent: str
    top_intent: str
    top_confidence: float


def quiet_rasa() -> None:
    """Rasa logs every parse at debug level and TensorFlow chats on start; keep warnings only."""
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    for name in ("rasa", "tensorflow", "absl", "matplotlib"):
        logging.getLogger(name).setLevel(logging.WARNING)


def write_nlu_json(examples: Sequence[Example], path: Path) -> None:
    common = [{"text": e.text, "intent": e.label, "entities": []} for e in examples]
    path.write_text(
        json.dumps({"rasa_nlu_data": {"common_examples": common}}, ensure_ascii=False),
        encoding="utf-8",
    )


def train(examples: Sequence[Example], config: Path, workdir: Path) -> tuple[Path, float]:
    """Train in `workdir`; returns the model archive and the wall-clock training seconds."""
    from rasa.model_training import train_nlu

    data = workdir / "nlu.json"
    write_nlu_json(examples, data)
    started = time.monotonic()
    model = train_nlu(str(config), str(data), str(workdir / "models"), fixed_model_name="bench")
    seconds = time.monotonic() - started
    if not model or not Path(model).exists():
        raise TrainingFailedError(f"rasa train_nlu produced no model from {config}")
    return Path(model), seconds


def prediction_of(parsed: dict[str, Any]) -> Prediction:
    intent = (parsed.get("intent") or {}).get("name") or FALLBACK_INTENT
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK_INTENT]
    if not ranking:
        confidence = float((parsed.get("intent") or {}).get("confidence") or 0.0)
        return Prediction(intent, intent, confidence)
    return Prediction(intent, ranking[0]["name"], float(ranking[0]["confidence"]))


class Classifier:
    """A loaded model; `classify` runs the NLU graph on a batch of messages at once."""

    def __init__(self, model: Path) -> None:
        from rasa.core.agent import Agent

        self._agent = Agent.load(str(model))

    def classify(self, texts: Sequence[str]) -> list[Prediction]:
        from rasa.core.channels import UserMessage
        from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
        from rasa.shared.core.trackers import DialogueStateTracker

        processor = self._agent.processor
        if processor is None:
            raise TrainingFailedError("the model has no NLU graph")
        target = processor.model_metadata.nlu_target
        tracker = DialogueStateTracker("bench", [])
        predictions = []
        for start in range(0, len(texts), BATCH_SIZE):
            messages = [UserMessage(text) for text in texts[start : start + BATCH_SIZE]]
            results = processor.graph_runner.run(
                inputs={PLACEHOLDER_MESSAGE: messages, PLACEHOLDER_TRACKER: tracker},
                targets=[target],
            )
            predictions.extend(prediction_of(m.as_dict()) for m in results[target])
        return predictions

    async def parse_one(self, text: str) -> Prediction:
        """The path a live server takes for one message (`Agent.parse_message`)."""
        return prediction_of(await self._agent.parse_message(text))
