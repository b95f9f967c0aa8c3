"""Erasing conversations on a real SQLite file, and the retention purge command end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.common.settings import PROJECT_ROOT, Settings
from bot.gateway.store.__main__ import DAY_SECONDS, purge
from bot.gateway.store.conversations import ConversationStore
from bot.gateway.store.database import make_engine
from bot.gateway.store.erasure import ErasureStore
from bot.gateway.store.handoffs import HandoffStore, NewHandoff
from bot.gateway.store.schema import conversations, handoffs, messages, notes, ratings
from tests.gateway.rasa_store import event_count, rasa_store, say


def new_case(conversation: str, state: str = "waiting") -> NewHandoff:
    return NewHandoff(
        conversation=conversation,
        state=state,  # type: ignore[arg-type]
        group="billing",
        priority="normal",
        reason="requested",
        language="ru",
        case={"customer": {"email": "anna@example.com"}},
        summary_text="сводка",
    )


class Shop:
    """The gateway's stores on one database, with a way to make a conversation old."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.chats = ConversationStore(self.engine)
        self.cases = HandoffStore(self.engine)
        self.erasure = ErasureStore(self.engine)

    def talk(self, conversation: str, days_ago: float = 0) -> None:
        self.chats.touch(conversation, {"name": "Анна", "email": "anna@example.com"})
        self.chats.add(conversation, "customer", "карта 4111 1111 1111 1111")
        self.chats.add(conversation, "bot", "Спасибо")
        when = time.time() - days_ago * DAY_SECONDS
        with self.engine.begin() as connection:
            connection.execute(
                update(messages).where(messages.c.conversation == conversation).values(ts=when)
            )
            connection.execute(
                update(conversations)
                .where(conversations.c.id == conversation)
                .values(created_at=when)
            )

    def closed_case(self, conversation: str, days_ago: float = 0) -> None:
        case, _ = self.cases.create(new_case(conversation))
        self.cases.claim(case["id"], "maria", "Мария")
        self.cases.add_note(case["id"], "note", "maria", "Мария", "перезвонить")
        self.cases.close(case["id"], "maria", "готово")
        self.cases.add_rating(conversation, 5)
        when = time.time() - days_ago * DAY_SECONDS
        with self.engine.begin() as connection:
            connection.execute(
                update(handoffs).where(handoffs.c.id == case["id"]).values(updated_at=when)
            )

    def count(self, table, conversation: str) -> int:
        column = table.c.id if table is conversations else table.c.conversation
        with self.engine.connect() as connection:
            return len(connection.execute(select(table).where(column == conversation)).all())


@pytest.fixture
def shop(tmp_path: Path) -> Shop:
    return Shop(f"sqlite:///{tmp_path / 'gateway.db'}")


def test_erase_deletes_everything_of_one_conversation(shop: Shop):
    shop.talk("w-a")
    shop.closed_case("w-a")
    shop.talk("w-b")
    erased = shop.erasure.erase("w-a")
    assert erased.rows["messages"] == 2 and erased.rows["handoffs"] == 1
    assert erased.rows["notes"] == 1 and erased.rows["ratings"] == 1
    assert erased.conversations == 1 and erased.kept_case is None
    for table in (conversations, messages, handoffs, ratings):
        assert shop.count(table, "w-a") == 0, table.name
    with shop.engine.connect() as connection:
        assert connection.execute(select(notes)).all() == []
    assert shop.count(messages, "w-b") == 2


def test_erase_keeps_an_open_case_and_forgets_the_rest(shop: Shop):
    shop.talk("w-open")
    case, _ = shop.cases.create(new_case("w-open"))
    erased = shop.erasure.erase("w-open")
    assert erased.kept_case == case["id"] and shop.count(messages, "w-open") == 0
    assert shop.cases.open_for("w-open")["id"] == case["id"]
    assert shop.chats.metadata("w-open") == {}


def test_expired_means_quiet_since_the_cutoff_and_no_open_case(shop: Shop):
    cutoff = time.time() - 180 * DAY_SECONDS
    shop.talk("w-old", days_ago=200)
    shop.talk("w-new", days_ago=10)
    shop.talk("w-old-open", days_ago=200)
    shop.cases.create(new_case("w-old-open"))
    shop.talk("w-old-recent-case", days_ago=200)
    shop.closed_case("w-old-recent-case", days_ago=5)
    assert shop.erasure.expired(cutoff) == ["w-old"]


async def test_purge_deletes_old_conversations_here_and_in_rasa(tmp_path: Path):
    settings = Settings(data_dir=tmp_path)
    shop = Shop(settings.database)
    shop.talk("w-old", days_ago=200)
    shop.closed_case("w-old", days_ago=200)
    shop.talk("w-new", days_ago=1)
    store = rasa_store(tmp_path / "tracker.db")
    await say(store, "w-old", "привет", at=time.time() - 200 * DAY_SECONDS)
    await say(store, "w-new", "привет")

    dry = purge(settings, 180, dry_run=True)
    assert dry.startswith("Would delete 1 conversation(s)") and "1 bot tracker" in dry
    assert shop.count(messages, "w-old") == 2, "a dry run deletes nothing"

    report = purge(settings, 180, dry_run=False)
    assert report.startswith("Deleted 1 conversation(s)") and "2 message(s)" in report
    assert shop.count(messages, "w-old") == 0 and shop.count(handoffs, "w-old") == 0
    assert shop.count(messages, "w-new") == 2
    assert await event_count(store, "w-old") == 0 and await event_count(store, "w-new") > 0
    assert purge(settings, 180, dry_run=False).startswith("Deleted 0 conversation(s)")


def test_the_purge_command_runs_with_the_environments_settings(tmp_path: Path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(PROJECT_ROOT),
        "ASSISTANT_DATA_DIR": str(tmp_path),
        "ASSISTANT_RETENTION_DAYS": "30",
    }
    command = [sys.executable, "-m", "bot.gateway.store", "purge", "--dry-run"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "quiet for 30 days or more" in done.stdout
    refused = subprocess.run(
        [*command, "--days", "0"], env=env, capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 1 and "--days must be at least 1" in refused.stderr
