"""`python -m retrieval build | search | eval`: the knowledge base from the command line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from retrieval.articles import load_articles, without_questions
from retrieval.encoder import load_encoder
from retrieval.errors import RetrievalError
from retrieval.evaluation import choose_thresholds, load_queries, metrics, rank_all
from retrieval.index import build_with_settings
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

CHOSEN_KEYS = (
    "answer_threshold",
    "clarify_threshold",
    "answer_margin",
    "answer_agreement",
    "calibration_slope",
    "calibration_midpoint",
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m retrieval", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build", help="(re)build the index; only changed articles are encoded"
    )
    build.add_argument("--kb", type=Path, help="article folder or JSONL corpus")
    build.add_argument("--index", type=Path, help="index folder")
    build.add_argument("--strict", action="store_true", help="fail on any bad article")
    search = commands.add_parser("search", help="search the built index")
    search.add_argument("text")
    search.add_argument("--k", type=int, default=5)
    search.add_argument("--index", type=Path)
    search.add_argument("--json", action="store_true")
    evaluate = commands.add_parser("eval", help="recall, MRR, answer precision, abstention")
    evaluate.add_argument("--kb", type=Path, required=True)
    evaluate.add_argument("--queries", type=Path, required=True)
    evaluate.add_argument("--val", type=Path, help="choose thresholds on this query file")
    evaluate.add_argument("--index", type=Path, help="default: a temporary folder")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument(
        "--strip-questions",
        action="store_true",
        help="remove every `questions:` list before indexing (a help center without them)",
    )
    return root


def run_build(settings: RetrievalSettings, strict: bool) -> int:
    loaded = load_articles(settings.path, strict=strict)
    for problem in loaded.problems:
        print(f"skipped {problem}", file=sys.stderr)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    report = build_with_settings(
        loaded.articles,
        load_encoder(settings.encoder),
        settings,
        progress=lambda line: print(line, file=sys.stderr),
    )
    print(
        f"Built {report.articles} articles, {report.chunks} chunks ({report.encoded_chunks} "
        f"encoded, {report.reused_chunks} reused, {report.index_type} index, second encoder "
        f"{report.companion or 'none'}) in {report.seconds:.1f} s → {report.folder}"
    )
    print(f"Built-in calibration: {json.dumps(report.calibration)}")
    return 0


def run_search(settings: RetrievalSettings, text: str, k: int, as_json: bool) -> int:
    result = KbSearch.open(load_encoder(settings.encoder), settings).search(text, k=k)
    if as_json:
        print(
            json.dumps(
                {
                    "outcome": result.outcome,
                    "candidates": [asdict(c) for c in result.candidates],
                    "ranked": [
                        {"id": r.article_id, "score": round(r.score, 4)} for r in result.ranked
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"outcome: {result.outcome}")
    for item in result.ranked:
        print(f"  {item.score:.3f}  {item.article_id}")
    for candidate in result.candidates:
        print(f"\n{candidate.title} ({candidate.url})\n{candidate.excerpt}")
    return 0


def run_eval(
    settings: RetrievalSettings,
    queries: Path,
    val: Path | None,
    as_json: bool,
    strip_questions: bool = False,
) -> int:
    test = load_queries(queries)
    validation = load_queries(val) if val else None
    loaded = load_articles(settings.path)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    articles = without_questions(loaded.articles) if strip_questions else loaded.articles
    encoder = load_encoder(settings.encoder)
    build_with_settings(articles, encoder, settings)
    search = KbSearch.open(encoder, settings)
    effective = search.settings
    report: dict[str, object] = {
        "built_in_calibration": {
            **search.calibration,
            **{key: getattr(effective, key) for key in CHOSEN_KEYS},
            "set_explicitly": sorted(settings.overrides),
            "second_encoder": search.companion or "none",
        },
        "configured": metrics(rank_all(search, test), effective),
    }
    if search.warnings:
        report["warnings"] = {str(n): w for n, w in enumerate(search.warnings, 1)}
    if validation is not None:
        chosen = choose_thresholds(rank_all(search, validation), effective)
        report["chosen_on_val"] = {key: getattr(chosen, key) for key in CHOSEN_KEYS}
        report["at_chosen"] = metrics(rank_all(search, test), chosen)
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for name, values in report.items():
        print(f"{name}:")
        for key, value in values.items():  # type: ignore[attr-defined]
            print(f"  {key:<22} {value}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        settings = RetrievalSettings.from_mapping(os.environ)
        if getattr(args, "kb", None):
            settings = settings.replace(path=args.kb)
        if args.command == "eval" and not args.index:
            with tempfile.TemporaryDirectory() as folder:
                return run_eval(
                    settings.replace(index_dir=Path(folder)),
                    args.queries,
                    args.val,
                    args.json,
                    args.strip_questions,
                )
        if getattr(args, "index", None):
            settings = settings.replace(index_dir=args.index)
        if args.command == "build":
            return run_build(settings, args.strict)
        if args.command == "search":
            return run_search(settings, args.text, args.k, args.json)
        return run_eval(settings, args.queries, args.val, args.json, args.strip_questions)
    except RetrievalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
