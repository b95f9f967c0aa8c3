"""`python -m bot.gateway.store purge [--days N] [--dry-run]`: delete what is older than the
retention period (ASSISTANT_RETENTION_DAYS, 180 by default): whole conversations quiet since then
(their messages, closed cases with notes, ratings, everything else kept per conversation) and Rasa's
trackers of conversations quiet since then. Conversations with an open case are kept. Run it
daily from cron; `--dry-run` only counts."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections import Counter

from bot.common.masking import install_log_masking
from bot.common.rasa_events import TrackerEvents, TrackerStoreError
from bot.common.settings import ConfigError, Settings
from bot.gateway.store.database import call_with_retry, make_engine
from bot.gateway.store.erasure import ErasureStore

log = logging.getLogger("store")
DAY_SECONDS = 86400


def purge(settings: Settings, days: int, dry_run: bool, now: float | None = None) -> str:
    """Returns a one-line report of what was (or would be) deleted."""
    cutoff = (now or time.time()) - days * DAY_SECONDS
    engine = make_engine(settings.database, settings.database_timeout_seconds)
    tracker = TrackerEvents(settings.tracker_database, settings.database_timeout_seconds)
    store = ErasureStore(engine)
    try:
        if dry_run:
            quiet = len(call_with_retry(store.expired, cutoff, None))
            bots = tracker.count_quiet(cutoff)
            return (
                f"Would delete {quiet} conversation(s) quiet for {days} days or more "
                f"and {bots} bot tracker(s)."
            )
        rows: Counter[str] = Counter()
        erased_conversations = 0
        while batch := call_with_retry(store.expired, cutoff):
            erased = call_with_retry(store.purge, batch)
            rows += erased.rows
            erased_conversations += erased.conversations
        bots = tracker.purge(cutoff)
    finally:
        tracker.close()
        engine.dispose()
    log.info(
        "store.purged days=%d conversations=%d messages=%d cases=%d bot_events=%d",
        days,
        erased_conversations,
        rows["messages"],
        rows["handoffs"],
        bots,
    )
    return (
        f"Deleted {erased_conversations} conversation(s) quiet for {days} days or more: "
        f"{rows['messages']} message(s), {rows['handoffs']} closed case(s), "
        f"{rows['ratings']} rating(s); {bots} bot tracker event(s)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.gateway.store", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    purge_parser = commands.add_parser("purge", help="delete data older than the retention period")
    purge_parser.add_argument("--days", type=int, help="override ASSISTANT_RETENTION_DAYS")
    purge_parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    install_log_masking()
    try:
        settings = Settings.from_mapping(os.environ)
        days = settings.retention_days if args.days is None else args.days
        if days < 1:
            raise ConfigError("--days must be at least 1.")
        print(purge(settings, days, args.dry_run))
    except (ConfigError, TrackerStoreError) as error:
        log.error("store.purge.failed %s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
