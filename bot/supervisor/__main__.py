"""`python -m bot.supervisor`: train if content changed, start everything, print the URLs."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

from bot.common.build.errors import ContentError
from bot.common.build.fingerprint import model_fingerprint
from bot.common.build.training import TrainingError, train_model
from bot.common.masking import install_log_masking
from bot.common.settings import ConfigError, Settings
from bot.supervisor.live import start_live_content
from bot.supervisor.processes import PortInUseError
from bot.supervisor.stack import make_supervisor
from bot.supervisor.supervisor import SupervisorError
from retrieval.errors import RetrievalError
from retrieval.settings import RetrievalSettings

log = logging.getLogger("supervisor")


async def run(settings: Settings) -> int:
    # The model file is named by its fingerprint, so the path is known before training; building
    # the supervisor first checks the ports before minutes are spent on training.
    model_path = settings.models_dir / f"{model_fingerprint(settings.root)}.tar.gz"
    knowledge = RetrievalSettings.from_mapping(os.environ)
    supervisor = make_supervisor(settings, model_path)
    log.info("Checking the model (it is retrained only when intents, stories or config change) ...")
    model = await asyncio.to_thread(
        train_model, settings.root, settings.build_dir, settings.models_dir
    )
    log.info(
        "Model %s (%s).",
        model.path.name,
        f"trained in {model.seconds:.0f} s" if model.trained_now else "up to date",
    )
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, supervisor.request_stop)
    live: list[asyncio.Task[None]] = []
    try:
        await supervisor.start_all()
        # New articles go live within a minute; changed intents retrain in the background.
        live = start_live_content(settings, supervisor, model.path, knowledge)
        print(
            "\nThe assistant is running:\n"
            f"  demo page   {settings.gateway_url}/\n"
            f"  agent desk  {settings.gateway_url}/desk  (agents: {settings.agents_path})\n"
            f"  health      {settings.gateway_url}/health\n"
            f"  Rasa API    {settings.rasa_url}/status\n"
            f"Logs are in {settings.data_dir / 'logs'}. Press Ctrl-C to stop.\n",
            flush=True,
        )
        await supervisor.watch()
        return 0
    finally:
        for task in live:
            task.cancel()
        await supervisor.stop_all()


def main() -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S"
    )
    install_log_masking()
    try:
        settings = Settings.from_mapping(os.environ)
        return asyncio.run(run(settings))
    except (ConfigError, PortInUseError, RetrievalError, SupervisorError, TrainingError) as error:
        log.error("%s", error)
    except ContentError as error:
        log.error(
            "Content has %d problem(s):\n  %s",
            len(error.problems),
            "\n  ".join(str(p) for p in error.problems),
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
