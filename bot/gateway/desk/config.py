"""The desk's configuration file (YAML or JSON, outside the repository): agents with password
hashes, groups, topic → group routing and canned replies. See docs/agents.example.yml."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.common.settings import ConfigError
from bot.gateway.desk.hours import WorkingHours, parse_working_hours

log = logging.getLogger("gateway")
LOGIN_PATTERN = re.compile(r"^[a-z0-9_.-]{1,64}$")
GROUP_PATTERN = re.compile(r"^[a-z0-9_-]{1,64}$")
DEFAULT_GROUPS = ("general", "billing", "technical", "third_line")
DEFAULT_ROUTING = {
    "payment": "billing",
    "refund": "billing",
    "technical": "technical",
    "default": "general",
}


@dataclass(frozen=True)
class Agent:
    login: str
    name: str
    groups: tuple[str, ...]
    password_hash: str


@dataclass(frozen=True)
class CannedReply:
    title: str
    ru: str
    en: str


@dataclass(frozen=True)
class DeskConfig:
    agents: dict[str, Agent] = field(default_factory=dict)
    groups: tuple[str, ...] = DEFAULT_GROUPS
    routing: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ROUTING))
    canned: tuple[CannedReply, ...] = ()
    ticket_prefix: str = "LM"
    hours: WorkingHours | None = None

    def group_for(self, topic: str | None) -> str:
        return self.routing.get(topic or "default") or self.routing["default"]

    def is_working_time(self, moment: datetime) -> bool:
        return self.hours is None or self.hours.open_at(moment)


def load_desk_config(path: Path) -> DeskConfig:
    """A missing file is allowed (no agents: every case becomes a ticket); a broken one is not."""
    if not path.exists():
        log.warning("gateway.desk.no_agents file=%s", path)
        return DeskConfig()
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot be read as YAML/JSON: {error}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping with 'agents', 'routing', 'canned'.")
    return parse_desk_config(raw, str(path))


class DeskConfigFile:
    """The agents file, re-read when it changes: adding an agent needs no restart. A file broken
    after start-up is logged and the last good version is kept, so the desk keeps working."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stamp = self._stat()
        self._config = load_desk_config(path)

    def _stat(self) -> tuple[int, int] | None:
        try:
            status = self._path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def current(self) -> DeskConfig:
        stamp = self._stat()
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._config = load_desk_config(self._path)
                log.info("gateway.desk.config_reloaded agents=%d", len(self._config.agents))
            except ConfigError as error:
                log.error("gateway.desk.config_invalid keeping_previous=1 error=%s", error)
        return self._config


def _text(where: str, value: Any, limit: int = 200) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ConfigError(f"{where} must be a non-empty string of at most {limit} characters.")
    return value.strip()


def parse_desk_config(raw: dict[str, Any], source: str) -> DeskConfig:
    groups = tuple(raw.get("groups") or DEFAULT_GROUPS)
    for group in groups:
        if not isinstance(group, str) or not GROUP_PATTERN.match(group):
            raise ConfigError(f"{source}: groups: {group!r} must match {GROUP_PATTERN.pattern}.")
    routing = {**DEFAULT_ROUTING, **(raw.get("routing") or {})}
    for topic, group in routing.items():
        if group not in groups:
            raise ConfigError(f"{source}: routing.{topic}: group {group!r} is not in groups.")
    agents: dict[str, Agent] = {}
    for number, item in enumerate(raw.get("agents") or [], start=1):
        where = f"{source}: agents[{number}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} must be a mapping.")
        login = item.get("login")
        if not isinstance(login, str) or not LOGIN_PATTERN.match(login):
            raise ConfigError(f"{where}.login must match {LOGIN_PATTERN.pattern}.")
        if login in agents:
            raise ConfigError(f"{where}.login {login!r} appears twice.")
        agent_groups = tuple(item.get("groups") or ())
        unknown = [g for g in agent_groups if g not in groups]
        if not agent_groups or unknown:
            raise ConfigError(f"{where}.groups must list known groups, unknown: {unknown}.")
        password_hash = _text(f"{where}.password_hash", item.get("password_hash"), 300)
        if not password_hash.startswith("pbkdf2_sha256$"):
            raise ConfigError(
                f"{where}.password_hash must come from `python -m bot.gateway.desk hash-password`."
            )
        agents[login] = Agent(
            login, _text(f"{where}.name", item.get("name")), agent_groups, password_hash
        )
    canned = tuple(
        CannedReply(
            _text(f"{source}: canned[{n}].title", item.get("title")),
            _text(f"{source}: canned[{n}].ru", item.get("ru"), 2000),
            _text(f"{source}: canned[{n}].en", item.get("en"), 2000),
        )
        for n, item in enumerate(raw.get("canned") or [], start=1)
    )
    prefix = _text(f"{source}: ticket_prefix", raw.get("ticket_prefix", "LM"), 8)
    hours = parse_working_hours(raw.get("working_hours"), source)
    return DeskConfig(agents, groups, routing, canned, prefix, hours)
