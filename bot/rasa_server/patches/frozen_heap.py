"""The loaded model's objects kept out of Python's cyclic garbage collector.

A loaded model (TensorFlow, torch, the encoders, Rasa's graph, the Russian dictionaries) leaves
about 930 000 objects the collector tracks, none of which is garbage. Every full collection walks
them all: measured in-process, 640 ms once every ~300 messages (2.1 ms a message on average), a
pause every customer waiting at that moment shares. After the model loads, one collection clears
what loading left behind and `gc.freeze()` moves the rest to the permanent generation, which later
collections skip; messages' own short-lived objects are collected as before. A model loaded while
running (a new training) first unfreezes, so the replaced model's cycles are collected, not kept.
Installed by the registry (`patches/registry.py`) in the Rasa server only.
"""

from __future__ import annotations

import gc
from pathlib import Path

from rasa.core.agent import Agent

RASA_LOAD_MODEL = Agent.load_model


def settle_heap() -> None:
    """Collect what is garbage now, then exempt everything left from later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def load_model(agent: Agent, model_path: str | Path, fingerprint: str | None = None) -> None:
    """`Agent.load_model`, then the heap settled."""
    RASA_LOAD_MODEL(agent, model_path, fingerprint)
    settle_heap()
