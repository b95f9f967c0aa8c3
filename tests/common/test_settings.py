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
