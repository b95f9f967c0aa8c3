"""A database made by an older gateway gains the columns and indexes analytics reads, keeps its
rows, and starting again (or two gateways at once) changes nothing."""

from __future__ import annotations

import json

from sqlalchemy import Column, MetaData, Table, create_engine, insert, inspect, select

from bot.gateway.store.database import make_engine
from bot.gateway.store.handoffs import HandoffStore
from bot.gateway.store.migrations import ADDED_COLUMNS, _add_column, upgrade
from bot.gateway.store.schema import conversations, handoffs, metadata, turns


def old_database(url: str) -> None:
    """The tables as they were before ADDED_COLUMNS, without any index."""
    old = MetaData()
    for table in metadata.sorted_tables:
        columns = [
            Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in table.columns
            if (table.name, c.name) not in ADDED_COLUMNS
        ]
        Table(table.name, old, *columns)
    engine = create_engine(url)
    old.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            old.tables["conversations"]
            .insert()
            .values(id="w-1", metadata_json="{}", created_at=1.0)
        )
        connection.execute(
            old.tables["turns"]
            .insert()
            .values(
                message_id=1,
                conversation="w-1",
                intent="greet",
                confidence=0.9,
                fallback=False,
                ts=1.0,
            )
        )
        connection.execute(
            old.tables["handoffs"]
            .insert()
            .values(
                conversation="w-1",
                state="waiting",
                group_name="general",
                priority="normal",
                reason="requested",
                language="ru",
                case_json=json.dumps({}),
                summary_text="",
                created_at=1.0,
                updated_at=1.0,
            )
        )
    engine.dispose()


def test_an_old_database_gains_the_new_columns_and_indexes(tmp_path):
    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    old_database(url)
    engine = make_engine(url)
    inspector = inspect(engine)
    assert "replies" in {c["name"] for c in inspector.get_columns("turns")}
    assert "claimed_at" in {c["name"] for c in inspector.get_columns("handoffs")}
    assert "ix_conversations_created_at" in {
        i["name"] for i in inspector.get_indexes("conversations")
    }
    with engine.connect() as connection:
        assert connection.execute(select(turns.c.replies)).scalar_one() is None
        assert connection.execute(select(handoffs.c.claimed_at)).scalar_one() is None

    case = HandoffStore(engine).claim(1, "maria", "Мария")
    assert case["state"] == "assigned"
    with engine.connect() as connection:
        first_claim = connection.execute(select(handoffs.c.claimed_at)).scalar_one()
    assert first_claim is not None


def test_upgrading_twice_or_after_another_gateway_changes_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'gateway.db'}")
    upgrade(engine)
    _add_column(engine, turns.c.replies)  # the column exists: another gateway added it first
    with engine.begin() as connection:
        connection.execute(
            insert(turns).values(message_id=1, conversation="w-1", fallback=False, ts=1.0)
        )
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(select(turns.c.message_id)).scalar_one() == 1


def test_a_second_claim_keeps_the_first_claim_time(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'gateway.db'}")
    old = HandoffStore(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(conversations).values(id="w-1", metadata_json="{}", created_at=1.0)
        )
        connection.execute(
            insert(handoffs).values(
                conversation="w-1",
                state="waiting",
                group_name="general",
                priority="normal",
                reason="requested",
                language="ru",
                case_json="{}",
                summary_text="",
                created_at=1.0,
                updated_at=1.0,
            )
        )
    old.claim(1, "maria", "Мария")
    with engine.connect() as connection:
        first = connection.execute(select(handoffs.c.claimed_at)).scalar_one()
    old.escalate(1, "maria", "billing")
    old.claim(1, "ivan", "Иван")
    with engine.connect() as connection:
        assert connection.execute(select(handoffs.c.claimed_at)).scalar_one() == first
