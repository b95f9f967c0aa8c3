"""The benchmarks' progress bar passes every item through, in order, and draws on standard error."""

from __future__ import annotations

from bench.progress import progress


def test_every_item_comes_through_in_order_and_the_bar_is_on_stderr(capsys):
    assert list(progress(iter(range(5)), "counting", total=5)) == [0, 1, 2, 3, 4]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "counting" in captured.err and "5/5" in captured.err
