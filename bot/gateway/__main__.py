"""`python -m bot.gateway`: run the gateway alone (the supervisor starts it for you)."""

from __future__ import annotations

import logging
import os
import sys

from aiohttp import web

from bot.common.masking import install_log_masking
from bot.common.settings import ConfigError, Settings
from bot.gateway.app import create_app


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    install_log_masking()
    try:
        settings = Settings.from_mapping(os.environ)
        app = create_app(settings)
    except ConfigError as error:
        logging.getLogger("gateway").error("%s", error)
        return 1
    web.run_app(
        app,
        host=settings.host,
        port=settings.gateway_port,
        access_log=None,
        print=None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
