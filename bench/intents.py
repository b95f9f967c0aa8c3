"""Intent classification quality and speed of the project's NLU pipeline on any labelled CSV.

`python -m bench.intents --train FILE --test FILE [--val FILE] [--oos-label oos]
[--config config.yml] [--json]` trains the pipeline (config.yml with its custom components) in a
temporary Rasa project on `text,label` rows and reports, on the test file:
  top intent     the best real intent, never refused (the number public papers report without OOS)
  configured     what the pipeline answers: nlu_fallback (FallbackClassifier) counts as out-of-scope
  val threshold  top intent, or out-of-scope below the confidence threshold chosen on --val:
                 the one with the best accuracy on --val (every message counts the same); ties
                 go to the lowest threshold
plus training time and prediction latency (batched, and one message at a time as a server does).
Rows with empty text/label, or test/val labels the model never saw (other than --oos-label), are
skipped with a message naming the file and line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench import metrics
from bench.cli import command_parser, run_and_emit
from bench.labelled_csv import DataError, LabelledData, drop_unknown_labels, read_csv
from bench.nlu_model import FALLBACK_INTENT, Classifier, quiet_rasa, train
from bench.progress import progress
from bot.common.settings import PROJECT_ROOT

SINGLE_MESSAGES = 200
SHOWN_SKIPS = 10


def fallback_settings(config: Path) -> dict[str, float]:
    """The FallbackClassifier's thresholds from the config (Rasa's defaults if it sets none)."""
    pipeline = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("pipeline") or []
    for component in pipeline:
        if component.get("name") == "FallbackClassifier":
            return {
                "threshold": float(component.get("threshold", 0.3)),
                "ambiguity_threshold": float(component.get("ambiguity_threshold", 0.1)),
            }
    return {}


def load_inputs(args: argparse.Namespace) -> tuple[LabelledData, LabelledData, LabelledData | None]:
    train_data = read_csv(args.train)
    known, allowed = train_data.labels, {args.oos_label}
    test = drop_unknown_labels(read_csv(args.test), known, allowed)
    val = drop_unknown_labels(read_csv(args.val), known, allowed) if args.val else None
    for data in (train_data, test, val):
        if data is None:
            continue
        for line in data.skipped[:SHOWN_SKIPS]:
            print(f"skipped: {line}", file=sys.stderr)
        if data.skipped:
            print(f"{data.path}: {len(data.skipped)} row(s) skipped", file=sys.stderr)
        if not data.examples:
            raise DataError(f"{data.path}: no rows left after skipping")
    return train_data, test, val


def scored(gold: list[str], predicted: list[str], oos: str) -> dict[str, float | None]:
    """Rounded metrics; None (JSON null) where a metric does not apply, e.g. no oos rows."""
    values = metrics.report(gold, predicted, oos).items()
    return {k: None if math.isnan(v) else round(v, 4) for k, v in values}


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    train_data, test, val = load_inputs(args)
    quiet_rasa()
    oos = args.oos_label
    with (
        tempfile.TemporaryDirectory(prefix="bench-intents-") as workdir,
        contextlib.redirect_stdout(sys.stderr),  # Rasa prints progress; stdout is the result
    ):
        model, training_seconds = train(train_data.examples, args.config, Path(workdir))
        classifier = Classifier(model)
        texts = [e.text for e in test.examples]
        started = time.monotonic()
        predictions = classifier.classify(texts)
        batch_ms = (time.monotonic() - started) * 1000 / len(texts)
        single_ms = asyncio.run(time_single(classifier, texts[:SINGLE_MESSAGES]))
        val_predictions = classifier.classify([e.text for e in val.examples]) if val else None
    gold = [e.label for e in test.examples]
    top = [(p.top_intent, p.top_confidence) for p in predictions]
    configured = [oos if p.intent == FALLBACK_INTENT else p.intent for p in predictions]
    rows = {
        "top_intent": {"threshold": 0.0, **scored(gold, [t for t, _ in top], oos)},
        "configured": {**fallback_settings(args.config), **scored(gold, configured, oos)},
    }
    if val and val_predictions is not None:
        val_top = [(p.top_intent, p.top_confidence) for p in val_predictions]
        chosen = metrics.choose_threshold([e.label for e in val.examples], val_top, oos)
        chosen_predicted = metrics.apply_threshold(top, chosen, oos)
        rows["val_threshold"] = {
            "threshold": round(chosen, 4),
            **scored(gold, chosen_predicted, oos),
        }
    return {
        "train": {"file": str(args.train), "rows": len(train_data.examples)},
        "test": {"file": str(test.path), "rows": len(test.examples), "skipped": len(test.skipped)},
        "val": {"file": str(val.path), "rows": len(val.examples), "skipped": len(val.skipped)}
        if val
        else None,
        "config": str(args.config),
        "labels": len(train_data.labels),
        "results": rows,
        "training_seconds": round(training_seconds, 1),
        "predict_ms_per_message": {"batched": round(batch_ms, 2), **single_ms},
    }


async def time_single(classifier: Classifier, texts: list[str]) -> dict[str, float]:
    timings = []
    for text in progress(texts, "timing single messages"):
        started = time.perf_counter()
        await classifier.parse_one(text)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "single_p50": round(metrics.percentile(timings, 0.5), 2),
        "single_p95": round(metrics.percentile(timings, 0.95), 2),
    }


def print_table(result: dict[str, Any]) -> None:
    print(
        f"train {result['train']['file']} ({result['train']['rows']} rows, "
        f"{result['labels']} labels); test {result['test']['file']} ({result['test']['rows']} rows)"
    )
    header = ["setting", "thr", "accuracy", "in-scope", "oos recall", "MCC", "macro-F1"]
    print(f"{header[0]:<14}{header[1]:>6}" + "".join(f"{h:>11}" for h in header[2:]))
    for name, row in result["results"].items():
        values = [row[k] for k in ("accuracy", "in_scope_accuracy", "oos_recall", "mcc")]
        values.append(row["macro_f1"])
        cells = "".join("          -" if v is None else f"{v:>11.4f}" for v in values)
        print(f"{name:<14}{row.get('threshold', float('nan')):>6.3f}{cells}")
    latency = result["predict_ms_per_message"]
    print(f"training time: {result['training_seconds']:.0f} s")
    print(
        f"prediction: {latency['batched']:.1f} ms/message batched; one at a time "
        f"p50 {latency['single_p50']:.1f} ms, p95 {latency['single_p95']:.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.intents", __doc__)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--val", type=Path)
    parser.add_argument("--oos-label", default="oos")
    parser.add_argument("--config", type=Path, default=PROJECT_ROOT / "config.yml")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"--config {args.config}: no such file")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return run_and_emit(lambda: evaluate(args), (DataError,), args.json, print_table)


if __name__ == "__main__":
    sys.exit(main())
