"""CSV reading: bad rows are skipped with the file and line named, bad files stop with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.labelled_csv import DataError, Example, drop_unknown_labels, read_csv, write_csv


def test_round_trip_and_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    write_csv(path, [Example("hello,  world", "greet"), Example('say "hi"', "greet")])
    data = read_csv(path)
    assert [(e.text, e.label, e.line) for e in data.examples] == [
        ("hello, world", "greet", 2),
        ('say "hi"', "greet", 3),
    ]


def test_empty_text_or_label_is_skipped_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("text,label\nok,a\n,a\nfine,\n", encoding="utf-8")
    data = read_csv(path)
    assert [e.text for e in data.examples] == ["ok"]
    assert data.skipped == [f"{path}: line 3: empty text", f"{path}: line 4: empty label"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,category\nhi,greet\n", r"missing column\(s\) label"),
        ("text,label\n", "no usable rows"),
    ],
)
def test_unusable_files_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_csv(path)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_csv(tmp_path / "absent.csv")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"text,label\n\xff\xfe,a\n")
    with pytest.raises(DataError, match="not a UTF-8 CSV"):
        read_csv(binary)


def test_unknown_test_labels_are_dropped_but_oos_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("text,label\nx,a\ny,zzz\nz,oos\n", encoding="utf-8")
    kept = drop_unknown_labels(read_csv(path), known={"a"}, allowed={"oos"})
    assert [e.label for e in kept.examples] == ["a", "oos"]
    assert kept.skipped == [f"{path}: line 3: label 'zzz' not in training"]
