"""`python -m actions --port 5055`: the rasa-sdk action server, knowledge base loaded first.

Loading the encoder and the index (or building it when articles changed) takes seconds; doing it
before the server reports healthy means the first customer question is answered as fast as the rest.
The Russian morphology the handoff form reads names with (bot.common.facts) loads here too. Then
what loading made (encoders, index, dictionaries) is left out of Python's cyclic garbage collection
(`gc.freeze`): none of it is garbage, and every full collection would walk it again while customers
wait (bot/rasa_server/patches/frozen_heap.py measured this in the Rasa server).
A sentence-transformers encoder configured for the search runs torch on one thread unless
`OMP_NUM_THREADS` says otherwise (bot/rasa_server/server.py says why).
"""

from __future__ import annotations

import gc
import logging
import os
import sys

from rasa_sdk.__main__ import main_from_args
from rasa_sdk.endpoint import create_argument_parser

from actions.knowledge_provider import knowledge_base
from bot.common.facts import preload as preload_facts
from bot.common.masking import install_log_masking

log = logging.getLogger(__name__)


def main() -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # before the encoder imports torch
    args = create_argument_parser().parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    install_log_masking()
    knowledge_base()
    log.info("actions.knowledge_base.ready")
    preload_facts()
    gc.collect()
    gc.freeze()
    main_from_args(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
