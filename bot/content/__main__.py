"""`python -m bot.content build|train`: check content and build the Rasa project or a model."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot.content.errors import ContentError
from bot.content.training import TrainingError, build_project, train_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.content")
    parser.add_argument("command", choices=["build", "train"])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--out", type=Path, default=None, help="build folder (default .build)")
    parser.add_argument("--models", type=Path, default=None, help="models folder (default models)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = args.root.resolve()
    build_dir = args.out or root / ".build"
    try:
        if args.command == "build":
            content = build_project(root, build_dir / "rasa")
            for warning in content.warnings:
                print(warning)
            print(f"Built {len(content.intents)} intents into {build_dir / 'rasa'}")
        else:
            model = train_model(root, build_dir, args.models or root / "models")
            state = f"trained in {model.seconds:.0f} s" if model.trained_now else "up to date"
            print(f"Model {model.path} ({state})")
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
