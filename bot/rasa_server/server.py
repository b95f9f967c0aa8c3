"""Starts the Rasa server: `python -m bot.rasa_server run ...` takes the arguments of `rasa run`.

Before Rasa starts, the speed patches chosen by `ASSISTANT_RASA_PATCHES` (all by default; see
bot/rasa_server/patches/registry.py) are installed. A setting that names an unknown patch stops the
server with one line that lists the known ones.
"""

from __future__ import annotations

import os
import sys

from bot.common.settings import ConfigError, Settings
from bot.rasa_server.patches.registry import PatchError, install, select


def main() -> None:
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
