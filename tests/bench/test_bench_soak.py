"""bench.soak's bookkeeping: recovery is measured from each kill, memory is read from /proc."""

from __future__ import annotations

import os

from bench.soak import SoakResult, recovery_seconds, resident_mb


def test_recovery_is_the_first_answer_after_each_kill():
    result = SoakResult(answered_at=[1.0, 5.0, 12.5, 20.0], kills={"gateway": 10.0, "x": 30.0})
    assert recovery_seconds(result) == {"gateway": 2.5, "x": None}


def test_resident_memory_of_a_live_and_a_missing_process():
    mine = resident_mb(os.getpid())
    assert mine is not None and mine > 10
    assert resident_mb(None) is None
    assert resident_mb(2**22 + 12345) is None
