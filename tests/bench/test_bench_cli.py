"""bench/cli.py: every bench command's parser and the hand-over of its result."""

from __future__ import annotations

import json

import pytest

from bench.cli import command_parser, run_and_emit


def test_the_parser_names_the_command_and_keeps_the_docstrings_lines():
    parser = command_parser("bench.example", "First line.\n\n  - kept as written\n")
    assert parser.prog == "python -m bench.example"
    assert "\n  - kept as written" in parser.format_help()


def test_an_expected_failure_is_one_line_and_exit_code_2(capsys: pytest.CaptureFixture[str]):
    def measure() -> dict[str, object]:
        raise LookupError("no such data set")

    assert run_and_emit(measure, (LookupError,), False, print) == 2
    assert capsys.readouterr().err == "error: no such data set\n"


def test_an_unexpected_failure_is_not_swallowed():
    def measure() -> dict[str, object]:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        run_and_emit(measure, (LookupError,), False, print)


def test_the_result_is_json_or_the_table(capsys: pytest.CaptureFixture[str]):
    assert run_and_emit(lambda: {"p50_ms": 12}, (LookupError,), True, print) == 0
    assert json.loads(capsys.readouterr().out) == {"p50_ms": 12}
    tables: list[dict[str, object]] = []
    assert run_and_emit(lambda: {"p50_ms": 12}, (LookupError,), False, tables.append) == 0
    assert tables == [{"p50_ms": 12}]
