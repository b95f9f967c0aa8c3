"""Writes Rasa's endpoints.yml and credentials.yml from Settings: never edited by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from bot.common.settings import ConfigError, Settings

GATEWAY_CHANNEL = "bot.rasa_server.channel.GatewayInput"
SQLITE_TRACKER_STORE = "bot.rasa_server.tracker_store.SQLiteTrackerStore"
# Rasa's templated responses, addressing the customer by name once it becomes known.
RESPONSE_GENERATOR = "bot.rasa_server.addressing.NameAddressing"


def tracker_store(settings: Settings) -> dict[str, Any]:
    """SQLite in the data folder by default; any SQLAlchemy URL (PostgreSQL) when configured."""
    if not settings.tracker_store_url:
        db = str(settings.data_dir / "tracker.db")
        return {"type": SQLITE_TRACKER_STORE, "dialect": "sqlite", "db": db}
    url = urlsplit(settings.tracker_store_url)
    dialect = url.scheme.split("+")[0]
    if dialect not in ("postgresql", "sqlite"):
        raise ConfigError(
            f"ASSISTANT_TRACKER_STORE_URL: dialect {dialect!r} is not supported; "
            "use postgresql://... or leave it empty for SQLite."
        )
    if dialect == "sqlite":  # sqlite:///relative.db or sqlite:////absolute.db
        return {"type": SQLITE_TRACKER_STORE, "dialect": "sqlite", "db": url.path[1:]}
    store: dict[str, Any] = {"type": "SQL", "dialect": url.scheme, "db": url.path.lstrip("/")}
    if url.hostname:
        store["url"] = url.hostname
    if url.port:
        store["port"] = url.port
    if url.username:
        store["username"] = unquote(url.username)
    if url.password:
        store["password"] = unquote(url.password)
    return store


def lock_store(settings: Settings) -> dict[str, Any] | None:
    if not settings.lock_store_url:
        return None
    url = urlsplit(settings.lock_store_url)
    store: dict[str, Any] = {
        "type": "redis",
        "url": url.hostname or "localhost",
        "port": url.port or 6379,
        "db": int(url.path.lstrip("/") or 0),
    }
    if url.password:
        store["password"] = unquote(url.password)
    return store


def write_rasa_files(settings: Settings, folder: Path) -> tuple[Path, Path]:
    """Returns (endpoints, credentials) paths."""
    folder.mkdir(parents=True, exist_ok=True)
    endpoints: dict[str, Any] = {
        "action_endpoint": {"url": f"{settings.actions_url}/webhook"},
        "tracker_store": tracker_store(settings),
        "nlg": {"type": RESPONSE_GENERATOR},
    }
    if locks := lock_store(settings):
        endpoints["lock_store"] = locks
    endpoints_path = folder / "endpoints.yml"
    credentials_path = folder / "credentials.yml"
    endpoints_path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    # `rest` for tools and tests that talk to Rasa directly; the gateway uses its own channel.
    credentials = {"rest": None, GATEWAY_CHANNEL: None}
    credentials_path.write_text(yaml.safe_dump(credentials), encoding="utf-8")
    return endpoints_path, credentials_path
