"""How a check report is shown: grouped lines for people, or one JSON document for tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.common.build.errors import ContentProblem
from bot.content.check import CheckReport

MAX_LISTED = 30


def _where(problem: ContentProblem, root: Path) -> str:
    path = problem.path.relative_to(root) if problem.path.is_relative_to(root) else problem.path
    return f"{path}:{problem.line}" if problem.line else str(path)


def as_json(report: CheckReport, root: Path) -> str:
    def item(problem: ContentProblem) -> dict[str, Any]:
        path = problem.path
        return {
            "file": str(path.relative_to(root) if path.is_relative_to(root) else path),
            "line": problem.line,
            "message": problem.message,
            "hint": problem.hint,
        }

    comparison = report.comparison
    document = {
        "ok": not report.errors,
        "errors": [item(p) for p in report.errors],
        "warnings": [item(p) for p in report.warnings],
        "evals": report.evals
        and {
            "intents": {k: report.evals["intents"][k] for k in ("accuracy", "per_intent")},
            "retrieval": report.evals["retrieval"]["metrics"],
        },
        "worse_intents": comparison.worse_intents if comparison else [],
        "worse_queries": comparison.worse_queries if comparison else [],
        "notes": report.notes,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_text(report: CheckReport, root: Path) -> str:
    lines = []
    for title, problems in (("Errors", report.errors), ("Warnings", report.warnings)):
        if problems:
            lines.append(f"{title} ({len(problems)}):")
            for problem in problems:
                hint = f"\n      fix: {problem.hint}" if problem.hint else ""
                lines.append(f"  {_where(problem, root)}: {problem.message}{hint}")
    if report.evals:
        accuracy = report.evals["intents"]["accuracy"]
        metrics = report.evals["retrieval"]["metrics"]
        lines.append(
            "Quality: intent accuracy "
            + ", ".join(f"{lang} {value:.3f}" for lang, value in accuracy.items())
            + "; search "
            + ", ".join(f"{name} {value:.3f}" for name, value in metrics.items())
        )
    comparison = report.comparison
    if comparison and comparison.worse_intents:
        lines.append("Intents that got worse on held-out examples:")
        lines.extend(f"  {line}" for line in comparison.worse_intents[:MAX_LISTED])
    if comparison and comparison.worse_queries:
        lines.append("Search test queries no longer handled right:")
        lines.extend(f"  {text}" for text in comparison.worse_queries[:MAX_LISTED])
    lines.extend(f"Note: {note}" for note in report.notes)
    verdict = "FAILED" if report.errors else "OK"
    lines.append(f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    return "\n".join(lines)
