"""`python -m bot.content check`: every content check in one run, then the quick quality evals.

Order: what a content owner wrote (intents, stories, articles, announcements) first, with file
and line; then `rasa data validate` on the built project; then, when nothing is broken, the intent
and search evals against the recorded baseline. Each step reports all it finds, not just the
first problem.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.common.build.errors import ContentProblem
from bot.common.build.intent_files import Content
from bot.common.build.rasa_export import write_project
from bot.common.build.training import TrainingError, train_model
from bot.content import baseline as baseline_file
from bot.content import intent_eval, retrieval_eval
from bot.content.baseline import DEFAULT_MARGIN, Comparison
from bot.content.check_announcements import announcement_problems
from bot.content.check_articles import article_problems
from bot.content.check_intents import MIN_EXAMPLES, intent_problems, load_intents
from bot.content.check_similar import DEFAULT_THRESHOLD, near_duplicates
from bot.content.check_stories import known_names, story_problems
from bot.content.rasa_validate import rasa_validate
from retrieval.encoder import Encoder, load_encoder

BASELINE = Path("bench/baseline.json")
TEST_QUERIES = Path("bench/data/kb_test.jsonl")


@dataclass(frozen=True)
class CheckOptions:
    similarity: float = DEFAULT_THRESHOLD
    min_examples: int = MIN_EXAMPLES
    rasa_validate: bool = True
    evals: bool = True
    margin: float = DEFAULT_MARGIN
    record_baseline: bool = False
    models_dir: Path | None = None
    knowledge: Path | None = None  # the help center the search reads; default: root/knowledge

    def __post_init__(self) -> None:
        if not 0.0 < self.similarity <= 1.0:
            raise ValueError(f"--similarity must be in (0, 1], got {self.similarity}")
        if not 0.0 <= self.margin < 1.0:
            raise ValueError(f"--margin must be in [0, 1), got {self.margin}")
        if self.min_examples < 1:
            raise ValueError(f"--min-examples must be at least 1, got {self.min_examples}")


@dataclass
class CheckReport:
    problems: list[ContentProblem] = field(default_factory=list)
    evals: dict[str, Any] | None = None
    comparison: Comparison | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.severity != "error"]


class _LazyEncoder:
    """Loads the encoder (seconds) only if a step needs it; tests pass a tiny one instead."""

    def __init__(self, encoder: Encoder | None) -> None:
        self._encoder = encoder

    def get(self) -> Encoder:
        if self._encoder is None:
            self._encoder = load_encoder()
        return self._encoder


def check_content(root: Path, options: CheckOptions, encoder: Encoder | None = None) -> CheckReport:
    report = CheckReport()
    encoders = _LazyEncoder(encoder)
    content, problems = load_intents(root / "intents")
    report.problems.extend(problems)
    if content is not None:
        report.problems.extend(intent_problems(content, root / "intents", options.min_examples))
        report.problems.extend(near_duplicates(content, encoders.get(), options.similarity))
        known = known_names(root / "domain.yml", content)
        report.problems.extend(story_problems(root / "stories", known))
    else:
        report.notes.append("stories and rasa data validate were skipped: fix intents/ first")
    report.problems.extend(article_problems(options.knowledge or root / "knowledge"))
    report.problems.extend(announcement_problems(root / "announcements"))
    if content is not None and options.rasa_validate:
        with tempfile.TemporaryDirectory() as folder:
            project = write_project(
                content, root / "domain.yml", root / "stories", Path(folder) / "rasa"
            )
            report.problems.extend(rasa_validate(root, project, root / "config.yml"))
    if not options.evals:
        return report
    if report.errors:
        report.notes.append("the quality evals were skipped: fix the errors above first")
        return report
    assert content is not None  # loading it found no errors
    _run_evals(root, content, options, encoders.get(), report)
    return report


def _run_evals(
    root: Path, content: Content, options: CheckOptions, encoder: Encoder, report: CheckReport
) -> None:
    try:
        model = train_model(root, root / ".build", options.models_dir or root / "models")
    except TrainingError as error:
        report.problems.append(ContentProblem(root / "intents", f"training failed: {error}"))
        return
    report.evals = {
        "intents": intent_eval.evaluate(model.path, intent_eval.held_out_cases(content)),
        "retrieval": retrieval_eval.evaluate(root / "knowledge", root / TEST_QUERIES, encoder),
    }
    path = root / BASELINE
    if options.record_baseline:
        baseline_file.record(path, report.evals)
        report.notes.append(f"baseline recorded in {path}")
        return
    try:
        recorded = baseline_file.load(path)
    except ValueError as error:
        report.problems.append(ContentProblem(path, str(error)))
        return
    if recorded is None:
        report.notes.append(f"no baseline in {path}: record one with --record-baseline")
        return
    report.comparison = baseline_file.compare(report.evals, recorded, options.margin)
    report.problems.extend(
        ContentProblem(path, failure, hint="see the intents and queries that got worse")
        for failure in report.comparison.failures
    )
