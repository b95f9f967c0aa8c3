"""Converts the shared public intent data sets to `text,label` CSV files for `bench.intents`.

`python -m bench.datasets clinc150 OUT_DIR` writes, following Larson et al. 2019:
  train.csv      the in-scope training set (out-of-scope is caught by the confidence threshold)
  train_oos.csv  the same plus oos_train (the "out-of-scope as a class" variant)
  val.csv        val + oos_val (thresholds are chosen here, never on test)
  test.csv       test + oos_test
`python -m bench.datasets banking77 OUT_DIR [--per-intent 10] [--seed 0]` writes train.csv (all
10 003), train_<N>.csv (N examples per intent, sampled with the fixed seed, the few-shot setting of
Casanueva et al. 2020) and test.csv. BANKING77 has no out-of-scope rows and no validation split;
the published numbers train on the full train split, so no validation split is carved out.
Write OUT_DIR somewhere git ignores (e.g. .data/bench/), never into the repository.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from bench.cli import command_parser
from bench.labelled_csv import DataError, Example, write_csv

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def clinc_examples(data: dict[str, list[list[str]]], *splits: str) -> list[Example]:
    try:
        return [Example(text, label) for split in splits for text, label in data[split]]
    except (KeyError, ValueError) as error:
        raise DataError(f"CLINC150 data_full.json: split {error} missing or malformed") from error


def convert_clinc150(source: Path, out: Path) -> dict[str, int]:
    path = source / "data_full.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot read ({error})") from error
    files = {
        "train.csv": ("train",),
        "train_oos.csv": ("train", "oos_train"),
        "val.csv": ("val", "oos_val"),
        "test.csv": ("test", "oos_test"),
    }
    return {name: write_csv(out / name, clinc_examples(data, *s)) for name, s in files.items()}


def read_banking(path: Path) -> list[Example]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [Example(row["text"], row["category"]) for row in csv.DictReader(handle)]
    except (OSError, KeyError) as error:
        raise DataError(f"{path}: expected a CSV with columns text,category ({error})") from error


def sample_per_label(examples: list[Example], per_label: int, seed: int) -> list[Example]:
    """`per_label` examples of every label (all if fewer), kept in the original order."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        by_label[example.label].append(index)
    rng = random.Random(seed)
    chosen: set[int] = set()
    for label in sorted(by_label):
        indices = by_label[label]
        chosen.update(rng.sample(indices, min(per_label, len(indices))))
    return [examples[i] for i in sorted(chosen)]


def convert_banking77(source: Path, out: Path, per_intent: int, seed: int) -> dict[str, int]:
    train = read_banking(source / "train.csv")
    few = sample_per_label(train, per_intent, seed)
    return {
        "train.csv": write_csv(out / "train.csv", train),
        f"train_{per_intent}.csv": write_csv(out / f"train_{per_intent}.csv", few),
        "test.csv": write_csv(out / "test.csv", read_banking(source / "test.csv")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.datasets", __doc__)
    parser.add_argument("dataset", choices=["clinc150", "banking77"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path, help="data set folder (default: shared datasets)")
    parser.add_argument("--per-intent", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.per_intent < 1:
        parser.error("--per-intent must be at least 1")
    source = args.source or SHARED / args.dataset
    try:
        if args.dataset == "clinc150":
            counts = convert_clinc150(source, args.out)
        else:
            counts = convert_banking77(source, args.out, args.per_intent, args.seed)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name, count in counts.items():
        print(f"{args.out / name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
