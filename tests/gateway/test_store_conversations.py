"""Messages: increasing ids, dedupe by client_id, catching up after an id."""

from __future__ import annotations

import itertools
from pathlib import Path

from bot.gateway.store.conversations import ConversationStore
from bot.gateway.store.database import make_engine


def test_messages_dedupe_by_client_id_per_conversation(tmp_path: Path):
    store = ConversationStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))
    first = store.add("w-1", "customer", "привет", client_id="c-1")
    again = store.add("w-1", "customer", "привет", client_id="c-1")
    other = store.add("w-2", "customer", "привет", client_id="c-1")
    assert not first.duplicate and again.duplicate and not other.duplicate
    assert again.message["id"] == first.message["id"] != other.message["id"]


def test_after_and_replies(tmp_path: Path):
    store = ConversationStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))
    question = store.add("w-1", "customer", "где заказ", client_id="c-1").message
    store.add("w-1", "bot", "Назовите номер", extra={"buttons": [{"title": "a", "payload": "/a"}]})
    store.add("w-1", "customer", "123", client_id="c-2")
    store.add("w-1", "bot", "Нашёл")
    replies = store.replies_to("w-1", question["id"])
    assert [r["text"] for r in replies] == ["Назовите номер"]
    assert replies[0]["buttons"] == [{"title": "a", "payload": "/a"}]
    later = store.after("w-1", question["id"])
    assert [m["text"] for m in later] == ["Назовите номер", "123", "Нашёл"]
    assert all(a["id"] < b["id"] for a, b in itertools.pairwise(later))
    assert later[0]["ts"].endswith("Z")


def test_metadata_is_kept(tmp_path: Path):
    store = ConversationStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))
    store.touch("w-1", {"name": "Анна", "language": "ru"})
    assert store.metadata("w-1") == {"name": "Анна", "language": "ru"}
    assert store.exists("w-1") and not store.exists("w-2")


def test_a_stored_message_is_returned_exactly_as_it_reads_back(tmp_path: Path):
    store = ConversationStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))
    article = {"id": "login-ru", "title": "Не получается войти", "url": "https://help.example/x"}
    returned = [
        store.add("w-1", "customer", "не могу войти", client_id="c-1").message,
        store.add("w-1", "bot", "Статья", extra={"article": article, "kind": "article"}).message,
        store.add("w-1", "agent", "Помогу", agent_name="Мария").message,
        store.add("w-1", "bot", "Пустые extra", extra={"buttons": [], "ignored": 1}).message,
    ]
    assert store.after("w-1") == returned
