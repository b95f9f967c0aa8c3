"""Converters on tiny stand-ins of the public files."""

from __future__ import annotations

import json
from pathlib import Path

from bench.datasets import convert_banking77, convert_clinc150, main, sample_per_label
from bench.labelled_csv import Example, read_csv


def test_clinc150_splits_follow_larson_et_al(tmp_path: Path) -> None:
    source = tmp_path / "clinc"
    source.mkdir()
    data = {
        "train": [["book a flight", "book_flight"], ["set an alarm", "alarm"]],
        "oos_train": [["what is love", "oos"]],
        "val": [["flight to paris", "book_flight"]],
        "oos_val": [["sing a song", "oos"]],
        "test": [["wake me at 7", "alarm"]],
        "oos_test": [["who won", "oos"], ["meaning of life", "oos"]],
    }
    (source / "data_full.json").write_text(json.dumps(data), encoding="utf-8")
    counts = convert_clinc150(source, tmp_path / "out")
    assert counts == {"train.csv": 2, "train_oos.csv": 3, "val.csv": 2, "test.csv": 3}
    assert read_csv(tmp_path / "out" / "train.csv").labels == {"book_flight", "alarm"}
    assert [e.label for e in read_csv(tmp_path / "out" / "val.csv").examples] == [
        "book_flight",
        "oos",
    ]


def test_sample_per_label_is_fixed_by_the_seed_and_keeps_order() -> None:
    examples = [Example(f"t{i}", "ab"[i % 2]) for i in range(20)]
    first = sample_per_label(examples, 3, seed=0)
    assert first == sample_per_label(examples, 3, seed=0)
    assert sorted(e.label for e in first) == ["a"] * 3 + ["b"] * 3
    assert [e.text for e in first] == sorted((e.text for e in first), key=lambda t: int(t[1:]))
    assert len(sample_per_label(examples, 50, seed=0)) == 20


def test_banking77_writes_full_few_shot_and_test(tmp_path: Path) -> None:
    source = tmp_path / "b77"
    source.mkdir()
    rows = "".join(f"text {i},{'card' if i % 2 else 'cash'}\n" for i in range(30))
    (source / "train.csv").write_text("text,category\n" + rows, encoding="utf-8")
    (source / "test.csv").write_text("text,category\nwhere is my card,card\n", encoding="utf-8")
    counts = convert_banking77(source, tmp_path / "out", per_intent=10, seed=0)
    assert counts == {"train.csv": 30, "train_10.csv": 20, "test.csv": 1}


def test_bad_source_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["banking77", str(tmp_path / "out"), "--source", str(tmp_path)]) == 2
    assert "train.csv" in capsys.readouterr().err
