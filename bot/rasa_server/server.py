"""Starts the Rasa server: `python -m bot.rasa_server run ...` takes the arguments of `rasa run`.

Before Rasa starts, the speed patches chosen by `ASSISTANT_RASA_PATCHES` (all by default; see
bot/rasa_server/patches/registry.py) are installed. A setting that names an unknown patch stops the
server with one line that lists the known ones.

torch, which runs the IntentEnsemble's English encoder (bot/rasa_server/nlu/specialist.py), is
limited to one thread unless `OMP_NUM_THREADS` says otherwise: with its default of a thread per
core, a message's few small matrix products made its threads wait on each other whenever the
machine was busy (measured on 2 cores under load: 213 ms a message instead of 27, 94 ms of CPU
instead of 14; the vectors are the same).
"""

from __future__ import annotations

import os
import sys

from bot.common.settings import ConfigError, Settings
from bot.rasa_server.patches.registry import PatchError, install, select

# torch reads it when it first computes, long after this process starts.
TORCH_THREADS = ("OMP_NUM_THREADS", "1")


def main() -> None:
    os.environ.setdefault(*TORCH_THREADS)
    from rasa.__main__ import main as rasa_main

    try:
        patches = select(Settings.from_mapping(os.environ).rasa_patches)
    except (ConfigError, PatchError) as error:
        print(f"Cannot start the Rasa server: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    installed = install(patches)
    # Before Rasa configures logging: one start-up line in the server's log says what runs.
    print(f"rasa_server.patches installed={','.join(installed) or 'none'}", file=sys.stderr)
    rasa_main()
