"""Password hashes, the login lock and sessions (the parts of desk auth below HTTP)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.common.settings import PROJECT_ROOT, ConfigError
from bot.gateway.desk.__main__ import main as desk_cli
from bot.gateway.desk.config import DeskConfigFile, load_desk_config
from bot.gateway.desk.passwords import hash_password, verify_password
from bot.gateway.store.accounts import MAX_FAILURES, AccountStore
from bot.gateway.store.database import make_engine


def test_hash_round_trip_and_salt():
    first, second = hash_password("secret-1", 1000), hash_password("secret-1", 1000)
    assert first != second and first.startswith("pbkdf2_sha256$1000$")
    assert verify_password("secret-1", first) and not verify_password("secret-2", first)
    assert not verify_password("secret-1", "garbage") and not verify_password("x", "a$b$c$d")


def test_cli_prints_a_usable_hash(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("long-password\n"))
    assert desk_cli(["hash-password", "--stdin"]) == 0
    assert verify_password("long-password", capsys.readouterr().out.strip())


def test_five_failures_lock_and_success_clears(tmp_path: Path):
    accounts = AccountStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))
    results = [accounts.record_failure("maria") for _ in range(MAX_FAILURES)]
    assert results == [False] * (MAX_FAILURES - 1) + [True]
    assert 290 < accounts.locked_for("maria") <= 300
    assert accounts.locked_for("ivan") == 0
    accounts.clear_failures("maria")
    assert accounts.locked_for("maria") == 0


def test_sessions_survive_a_restart_and_end_on_logout(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    session = AccountStore(make_engine(url)).open_session("maria")
    restarted = AccountStore(make_engine(url))
    assert restarted.session(session.token) == session
    restarted.close_session(session.token)
    assert restarted.session(session.token) is None


def test_agents_file_errors_name_the_place(tmp_path: Path):
    path = tmp_path / "agents.yml"
    path.write_text(yaml.safe_dump({"agents": [{"login": "Bad Login"}]}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"agents\[1\]\.login"):
        load_desk_config(path)
    path.write_text(yaml.safe_dump({"routing": {"payment": "nobody"}}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"routing\.payment"):
        load_desk_config(path)
    assert load_desk_config(tmp_path / "missing.yml").agents == {}


def test_routing_maps_topics_to_groups(tmp_path: Path):
    config = load_desk_config(tmp_path / "missing.yml")
    assert config.group_for("payment") == "billing"
    assert config.group_for("technical") == "technical"
    assert config.group_for("weather") == "general" == config.group_for(None)


def test_example_agents_file_is_valid_and_its_password_is_documented():
    config = load_desk_config(PROJECT_ROOT / "docs" / "agents.example.yml")
    assert set(config.agents) == {"maria", "tom"} and config.canned
    assert verify_password("change-me-now", config.agents["maria"].password_hash)


def test_agents_file_is_reread_on_change_and_a_broken_edit_is_ignored(tmp_path: Path):
    path = tmp_path / "agents.yml"
    path.write_text(yaml.safe_dump({"agents": []}), encoding="utf-8")
    source = DeskConfigFile(path)
    assert source.current().agents == {}
    agent = {
        "login": "ann",
        "name": "Ann",
        "groups": ["general"],
        "password_hash": "pbkdf2_sha256$1$a$b",
    }
    path.write_text(yaml.safe_dump({"agents": [agent]}), encoding="utf-8")
    assert set(source.current().agents) == {"ann"}
    path.write_text("agents: [", encoding="utf-8")
    assert set(source.current().agents) == {"ann"}
