"""`python -m bot.content build|train|check|smoke|why`: build, train and check content, and ask
why a question is handled as it is (bot/content/why.py)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot.common.build.errors import ContentError
from bot.common.build.training import TrainingError, build_project, train_model
from bot.common.settings import knowledge_path
from bot.content.check import CheckOptions, check_content
from bot.content.check_output import as_json, as_text


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot.content")
    root.add_argument("command", choices=["build", "train", "check", "smoke", "why"])
    root.add_argument("question", nargs="?", help="why: the customer's question")
    root.add_argument("--root", type=Path, default=Path.cwd())
    root.add_argument("--out", type=Path, default=None, help="build folder (default .build)")
    root.add_argument("--models", type=Path, default=None, help="models folder (default models)")
    check = root.add_argument_group("check")
    check.add_argument("--json", action="store_true", help="one JSON document on stdout")
    check.add_argument("--no-eval", action="store_true", help="skip the quality evals")
    check.add_argument("--record-baseline", action="store_true", help="write bench/baseline.json")
    check.add_argument("--similarity", type=float, default=CheckOptions.similarity)
    check.add_argument("--min-examples", type=int, default=CheckOptions.min_examples)
    check.add_argument("--margin", type=float, default=CheckOptions.margin)
    smoke = root.add_argument_group("smoke")
    smoke.add_argument("--model", type=Path, help="model to load and test")
    smoke.add_argument("--floor", type=float, default=0.8, help="lowest accuracy accepted")
    why = root.add_argument_group("why")
    why.add_argument("--no-intents", action="store_true", help="skip the intent model")
    return root


def run_check(args: argparse.Namespace, root: Path) -> int:
    try:
        options = CheckOptions(
            similarity=args.similarity,
            min_examples=args.min_examples,
            evals=not args.no_eval,
            margin=args.margin,
            record_baseline=args.record_baseline,
            models_dir=args.models,
            knowledge=knowledge_path(root, os.environ),
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report = check_content(root, options)
    print(as_json(report, root) if args.json else as_text(report, root))
    return 1 if report.errors else 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = args.root.resolve()
    build_dir = args.out or root / ".build"
    try:
        if args.command == "build":
            content = build_project(root, build_dir / "rasa")
            for warning in content.warnings:
                print(warning)
            print(f"Built {len(content.intents)} intents into {build_dir / 'rasa'}")
        elif args.command == "train":
            model = train_model(root, build_dir, args.models or root / "models")
            state = f"trained in {model.seconds:.0f} s" if model.trained_now else "up to date"
            print(f"Model {model.path} ({state})")
        elif args.command == "check":
            logging.getLogger().setLevel(logging.WARNING)
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
            return run_check(args, root)
        elif args.command == "why":
            from bot.content.why import run_why

            if not args.question:
                print('usage: python -m bot.content why "question"', file=sys.stderr)
                return 2
            logging.getLogger().setLevel(logging.WARNING)
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
            return run_why(root, args.question, args.model, not args.no_intents)
        else:
            from bot.content.smoke import run_smoke

            return run_smoke(root, args.model, args.floor)
    except ContentError as error:
        print(f"Content has {len(error.problems)} problem(s):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except TrainingError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
