"""The Rasa server runs torch on one thread unless OMP_NUM_THREADS is set."""

from __future__ import annotations

import os
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 warns at import
    import rasa.__main__

from bot.rasa_server import server


@pytest.fixture
def stock_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa.__main__, "main", lambda: None)
    monkeypatch.setenv("ASSISTANT_RASA_PATCHES", "none")
    monkeypatch.setenv("OMP_NUM_THREADS", "placeholder")  # restored after the test


def test_one_thread_by_default(stock_rasa: None, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("OMP_NUM_THREADS")
    server.main()
    assert os.environ["OMP_NUM_THREADS"] == "1"


def test_a_configured_count_is_kept(stock_rasa: None, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    server.main()
    assert os.environ["OMP_NUM_THREADS"] == "4"
