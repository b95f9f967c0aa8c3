"""`python -m bot.content smoke --model M`: load a freshly trained model, parse a few held-out
examples, pass only at an accuracy floor. The supervisor runs it in a child process before it
switches the running Rasa server to a new model, so a broken model never serves customers."""

from __future__ import annotations

import json
from pathlib import Path

from bot.common.build.intent_files import load_content
from bot.content import intent_eval

PER_INTENT = 1


def run_smoke(root: Path, model: Path | None, floor: float) -> int:
    if model is None or not model.is_file():
        print(json.dumps({"ok": False, "reason": f"no model file {model}"}))
        return 1
    cases = intent_eval.held_out_cases(load_content(root / "intents"), PER_INTENT)
    if not cases:
        print(json.dumps({"ok": False, "reason": "no held-out examples (test_examples)"}))
        return 1
    result = intent_eval.evaluate(model, cases)
    right = result["cases"] - len(result["misses"])
    accuracy = round(right / result["cases"], 4)
    ok = accuracy >= floor
    print(json.dumps({"ok": ok, "accuracy": accuracy, "floor": floor, "cases": result["cases"]}))
    return 0 if ok else 1
