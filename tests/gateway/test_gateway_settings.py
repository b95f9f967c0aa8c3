"""The gateway's own settings: store URL, internal token, agents file, webhook."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.settings import ConfigError, Settings
from bot.gateway.store.database import make_engine
from bot.supervisor.stack import with_internal_token


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"ASSISTANT_DATABASE_URL": "gateway.db"}, "ASSISTANT_DATABASE_URL"),
        ({"ASSISTANT_INTERNAL_TOKEN": "short"}, "ASSISTANT_INTERNAL_TOKEN"),
        ({"ASSISTANT_HANDOFF_WEBHOOK_URL": "ftp://x"}, "ASSISTANT_HANDOFF_WEBHOOK_URL"),
    ],
)
def test_bad_values_name_the_setting(values: dict[str, str], named: str):
    with pytest.raises(ConfigError, match=named):
        Settings.from_mapping(values)


def test_defaults_put_the_store_and_agents_in_the_data_folder():
    settings = Settings.from_mapping({"ASSISTANT_DATA_DIR": "/srv/assistant"})
    assert settings.database == "sqlite:////srv/assistant/gateway.db"
    assert settings.agents_path == Path("/srv/assistant/agents.yml")
    custom = Settings.from_mapping({"ASSISTANT_AGENTS_FILE": "/etc/assistant/agents.yml"})
    assert custom.agents_path == Path("/etc/assistant/agents.yml")


def test_unsupported_database_is_refused_with_the_setting_named():
    with pytest.raises(ConfigError, match="ASSISTANT_DATABASE_URL"):
        make_engine("mysql://u:p@localhost/db")


def test_the_supervisor_makes_one_token_per_run_unless_configured():
    fresh = with_internal_token(Settings())
    assert len(fresh.internal_token) >= 32
    assert with_internal_token(Settings()).internal_token != fresh.internal_token
    configured = Settings(internal_token="x" * 20)
    assert with_internal_token(configured).internal_token == "x" * 20
    env = fresh.to_environment()
    assert Settings.from_mapping(env).internal_token == fresh.internal_token
