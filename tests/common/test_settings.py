from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.settings import ConfigError, Settings


def test_defaults_are_valid():
    settings = Settings.from_mapping({})
    assert settings.gateway_url == "http://127.0.0.1:8080"


def test_values_come_from_prefixed_keys():
    settings = Settings.from_mapping(
        {"ASSISTANT_GATEWAY_PORT": "9000", "ASSISTANT_DATA_DIR": "/tmp/x", "PATH": "ignored"}
    )
    assert settings.gateway_port == 9000
    assert settings.data_dir == Path("/tmp/x")


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"ASSISTANT_GATEWAY_PORT": "abc"}, "ASSISTANT_GATEWAY_PORT"),
        ({"ASSISTANT_RASA_PORT": "70000"}, "ASSISTANT_RASA_PORT"),
        ({"ASSISTANT_RASA_PORT": "8080"}, "must differ"),
        ({"ASSISTANT_GATEWY_PORT": "1"}, "Unknown setting ASSISTANT_GATEWY_PORT"),
        ({"ASSISTANT_TRACKER_STORE_URL": "localhost"}, "ASSISTANT_TRACKER_STORE_URL"),
        ({"ASSISTANT_LOCK_STORE_URL": "memcached://x"}, "ASSISTANT_LOCK_STORE_URL"),
        ({"ASSISTANT_RATE_LIMIT_IP": "0"}, "ASSISTANT_RATE_LIMIT_IP must be at least 1"),
        ({"ASSISTANT_RATE_WINDOW_SECONDS": "-1"}, "ASSISTANT_RATE_WINDOW_SECONDS must be positive"),
        ({"ASSISTANT_MAX_SOCKETS_PER_IP": "0"}, "ASSISTANT_MAX_SOCKETS_PER_IP"),
        ({"ASSISTANT_ALLOWED_ORIGINS": "shop.example"}, "'shop.example' is not an origin"),
        ({"ASSISTANT_RETENTION_DAYS": "0"}, "ASSISTANT_RETENTION_DAYS"),
        ({"ASSISTANT_HUB_REDIS_URL": "localhost:6379"}, "ASSISTANT_HUB_REDIS_URL"),
    ],
)
def test_bad_values_name_the_setting(values: dict[str, str], named: str):
    with pytest.raises(ConfigError, match=named):
        Settings.from_mapping(values)


def test_environment_round_trip():
    settings = Settings(gateway_port=9100, data_dir=Path("/tmp/data"), rasa_timeout_seconds=3.5)
    assert Settings.from_mapping(settings.to_environment()) == settings


def test_the_searchs_own_settings_pass_through_and_are_checked_by_it():
    """`ASSISTANT_KB_*` belong to retrieval/settings.py: the run command must accept them."""
    from retrieval.errors import RetrievalError
    from retrieval.settings import RetrievalSettings

    values = {"ASSISTANT_KB_PATH": "/tmp/help", "ASSISTANT_KB_ANSWER_THRESHOLD": "0.9"}
    assert Settings.from_mapping(values) == Settings()
    assert RetrievalSettings.from_mapping(values).path == Path("/tmp/help")
    with pytest.raises(RetrievalError, match="Unknown setting ASSISTANT_KB_PAHT"):
        RetrievalSettings.from_mapping({"ASSISTANT_KB_PAHT": "/tmp/help"})
    with pytest.raises(ConfigError, match="Unknown setting ASSISTANT_KBX"):
        Settings.from_mapping({"ASSISTANT_KBX": "1"})


@pytest.mark.parametrize("value", ["all", "none", "slot_copy", "graph_runner, slot_copy"])
def test_the_rasa_patch_switch_takes_all_none_or_names(value: str):
    assert Settings.from_mapping({"ASSISTANT_RASA_PATCHES": value}).rasa_patches == value


@pytest.mark.parametrize("value", ["", "all,", "slot-copy", "ALL; none"])
def test_a_malformed_rasa_patch_switch_names_the_setting(value: str):
    with pytest.raises(ConfigError, match="ASSISTANT_RASA_PATCHES must be all, none or"):
        Settings.from_mapping({"ASSISTANT_RASA_PATCHES": value})
