"""The turns and announcements_shown tables: added to a database made before they existed, one
row per answered message, and each announcement heard once per conversation."""

from __future__ import annotations

from sqlalchemy import inspect, select

from bot.gateway.store.database import make_engine
from bot.gateway.store.schema import announcements_shown, turns
from bot.gateway.store.turns import Turn, TurnStore, insert_turn


def test_an_existing_database_gains_the_new_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    old = make_engine(url)
    with old.begin() as connection:
        announcements_shown.drop(connection)
        turns.drop(connection)
    assert "turns" not in inspect(old).get_table_names()
    old.dispose()
    engine = make_engine(url)
    assert {"turns", "announcements_shown"} <= set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        insert_turn(connection, Turn(7, "w-1", "payment_failed", 0.9, True, None))
    with engine.connect() as connection:
        row = connection.execute(select(turns)).one()
    assert (row.message_id, row.intent, row.fallback) == (7, "payment_failed", True)


def test_each_announcement_is_heard_once_per_conversation(tmp_path):
    store = TurnStore(make_engine(f"sqlite:///{tmp_path / 'gateway.db'}"))
    assert store.first_hearing("w-1", ["card-delay", "app-down"]) == ["card-delay", "app-down"]
    assert store.first_hearing("w-1", ["card-delay", "sms-slow"]) == ["sms-slow"]
    assert store.first_hearing("w-2", ["card-delay"]) == ["card-delay"]
    assert store.first_hearing("w-1", []) == []
