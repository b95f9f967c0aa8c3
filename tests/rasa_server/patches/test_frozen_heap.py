"""The model's objects are left out of garbage collection once it is loaded; garbage is not."""

from __future__ import annotations

import gc
import warnings
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa 3.6 warns at import
    from rasa.core.agent import Agent

from bot.rasa_server.patches import frozen_heap
from bot.rasa_server.patches.registry import install, select


class Node:
    def __init__(self) -> None:
        self.other: Any = self  # a reference cycle: only the cyclic collector frees it


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settling_frees_old_cycles_and_freezes_the_rest():
    kept = Node()
    dropped = Node()
    gone = weakref.ref(dropped)
    del dropped
    frozen_heap.settle_heap()
    assert gone() is None
    assert gc.get_freeze_count() > 0
    assert not any(obj is kept for obj in gc.get_objects())  # frozen objects are not tracked


def test_a_second_load_collects_what_the_first_froze():
    first = Node()
    gone = weakref.ref(first)
    frozen_heap.settle_heap()
    del first  # the replaced model: frozen, now unreachable
    frozen_heap.settle_heap()
    assert gone() is None


def test_load_model_loads_then_settles(monkeypatch: pytest.MonkeyPatch):
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(frozen_heap, "RASA_LOAD_MODEL", lambda *args: calls.append(args))
    agent = object.__new__(Agent)
    frozen_heap.load_model(agent, "model.tar.gz", "print")
    assert calls == [(agent, "model.tar.gz", "print")]
    assert gc.get_freeze_count() > 0


def test_the_registry_installs_it():
    assert install(select("frozen_heap")) == ["frozen_heap"]
    assert Agent.load_model is frozen_heap.load_model
