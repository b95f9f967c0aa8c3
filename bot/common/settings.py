"""All configuration in one place: a frozen dataclass built once at start-up from a mapping.

Values come from environment variables named `ASSISTANT_<FIELD>` (for example
`ASSISTANT_GATEWAY_PORT=8080`). Tests build `Settings` from their own mapping and never touch
`os.environ`. Nothing here opens a file or a connection.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.common.environment import fields_from_mapping, to_mapping

PREFIX = "ASSISTANT_"
# Settings of the same environment that another dataclass owns and checks: the help-article search's
# (retrieval/settings.py, `ASSISTANT_KB_*`); they pass through to every process unchanged.
OTHER_FAMILIES = ("ASSISTANT_KB_",)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIN_TOKEN_CHARS = 16
ORIGIN_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
PATCHES_PATTERN = re.compile(r"^(all|none|[a-z_]+(\s*,\s*[a-z_]+)*)$")


def knowledge_path(root: Path, environment: Mapping[str, str]) -> Path:
    """The help center the assistant serves: ASSISTANT_KB_PATH (the article search's setting,
    passed to every process), else knowledge/ in the project at `root`."""
    configured = environment.get(f"{OTHER_FAMILIES[0]}PATH", "").strip()
    return Path(configured) if configured else root / "knowledge"


class ConfigError(ValueError):
    """A setting is missing or invalid; the message names the variable and what is allowed."""


def _port(name: str, value: int) -> None:
    if not 1 <= value <= 65535:
        raise ConfigError(f"{PREFIX}{name.upper()} must be a port number 1-65535, got {value}.")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    actions_port: int = 5055
    gateway_port: int = 8080
    root: Path = PROJECT_ROOT
    data_dir: Path = field(default=PROJECT_ROOT / ".data")
    models_dir: Path = field(default=PROJECT_ROOT / "models")
    build_dir: Path = field(default=PROJECT_ROOT / ".build")
    # SQLAlchemy URL of Rasa's tracker store; empty means SQLite in data_dir.
    tracker_store_url: str = ""
    # redis://host:port/db for Rasa's lock store when several Rasa servers run; empty: in memory.
    lock_store_url: str = ""
    max_message_chars: int = 2000
    max_body_bytes: int = 64 * 1024
    rasa_timeout_seconds: float = 15.0
    startup_timeout_seconds: float = 240.0
    max_restarts: int = 3
    # Shared secret of the action server's calls to the gateway's /internal/* endpoints; the
    # supervisor generates one per run when it is empty. Without it /internal/* answers 401.
    internal_token: str = ""
    # SQLAlchemy URL of the gateway's conversation and handoff store; empty: SQLite in data_dir.
    database_url: str = ""
    # YAML or JSON file with the desk's agents, groups, routing and canned replies; empty:
    # <data_dir>/agents.yml. Kept out of the repository: it holds password hashes.
    agents_file: str = ""
    # Optional helpdesk webhook: every case event is POSTed there as JSON, signed with the secret
    # (HMAC-SHA256 in X-Assistant-Signature). Empty URL: no webhook.
    handoff_webhook_url: str = ""
    handoff_webhook_secret: str = ""
    # Flood limits (issue 8): customer messages per conversation and chat requests (HTTP and
    # websocket messages) per client IP within one window; open customer websockets per IP. The
    # per-IP limits are generous on purpose: an office shares one address, the benchmarks run
    # hundreds of customers from 127.0.0.1 (bench.handoff: 200 sockets, ~100 messages/s), and
    # behind a reverse proxy every customer has the proxy's address (limit per IP there).
    rate_window_seconds: float = 10.0
    rate_limit_conversation: int = 20
    rate_limit_ip: int = 3000
    max_sockets_per_ip: int = 1000
    # Origins (scheme://host[:port], comma-separated, or *) whose pages may use the chat API and
    # websocket; empty: the gateway's own origin and localhost only. Requests without an Origin
    # header (servers, curl) are not browsers and are let through.
    allowed_origins: str = ""
    # Conversations, messages, closed cases and ratings older than this are deleted by
    # `python -m bot.gateway.store purge`.
    retention_days: int = 180
    # Connecting to and waiting for the gateway's database (and Rasa's tracker store on erase).
    database_timeout_seconds: float = 10.0
    # redis://host:port/db shared by several gateways (with one database), so an agent connected
    # to one gateway chats with a customer connected to another; empty: a single gateway.
    hub_redis_url: str = ""
    # The Rasa server's speed patches (bot/rasa_server/patches/): all, none, or names separated by
    # commas. Only installed on the Rasa version they were written for.
    rasa_patches: str = "all"

    def __post_init__(self) -> None:
        for name in ("rasa_port", "actions_port", "gateway_port"):
            _port(name, getattr(self, name))
        ports = [self.rasa_port, self.actions_port, self.gateway_port]
        if len(set(ports)) != len(ports):
            raise ConfigError(
                f"{PREFIX}RASA_PORT, {PREFIX}ACTIONS_PORT and {PREFIX}GATEWAY_PORT must differ, "
                f"got {ports}."
            )
        if self.max_message_chars < 1:
            raise ConfigError(f"{PREFIX}MAX_MESSAGE_CHARS must be at least 1.")
        if self.rasa_timeout_seconds <= 0:
            raise ConfigError(f"{PREFIX}RASA_TIMEOUT_SECONDS must be positive.")
        self._check_limits()
        if self.tracker_store_url and "://" not in self.tracker_store_url:
            raise ConfigError(
                f"{PREFIX}TRACKER_STORE_URL must be a URL such as "
                f"postgresql://user:password@host:5432/db, got {self.tracker_store_url!r}."
            )
        if self.lock_store_url and not self.lock_store_url.startswith("redis://"):
            raise ConfigError(f"{PREFIX}LOCK_STORE_URL must start with redis://.")
        if self.hub_redis_url and not self.hub_redis_url.startswith(("redis://", "rediss://")):
            raise ConfigError(f"{PREFIX}HUB_REDIS_URL must start with redis:// or rediss://.")
        if self.database_url and "://" not in self.database_url:
            raise ConfigError(
                f"{PREFIX}DATABASE_URL must be a SQLAlchemy URL such as "
                f"postgresql://user:password@host:5432/db or sqlite:////path/gateway.db, "
                f"got {self.database_url!r}."
            )
        if self.handoff_webhook_url and not self.handoff_webhook_url.startswith(
            ("http://", "https://")
        ):
            raise ConfigError(f"{PREFIX}HANDOFF_WEBHOOK_URL must be an http(s) URL.")
        if not PATCHES_PATTERN.match(self.rasa_patches.strip()):
            raise ConfigError(
                f"{PREFIX}RASA_PATCHES must be all, none or patch names separated by commas, "
                f"got {self.rasa_patches!r}."
            )
        if self.internal_token and len(self.internal_token) < MIN_TOKEN_CHARS:
            raise ConfigError(
                f"{PREFIX}INTERNAL_TOKEN must be at least {MIN_TOKEN_CHARS} characters "
                "(or empty: the supervisor then generates one per run)."
            )

    def _check_limits(self) -> None:
        for name in ("rate_limit_conversation", "rate_limit_ip", "max_sockets_per_ip"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{PREFIX}{name.upper()} must be at least 1.")
        for name in ("rate_window_seconds", "database_timeout_seconds"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{PREFIX}{name.upper()} must be positive.")
        if self.retention_days < 1:
            raise ConfigError(f"{PREFIX}RETENTION_DAYS must be at least 1 (days).")
        for origin in self.origins:
            if origin != "*" and not ORIGIN_PATTERN.match(origin):
                raise ConfigError(
                    f"{PREFIX}ALLOWED_ORIGINS: {origin!r} is not an origin; write "
                    "scheme://host[:port] without a path, e.g. https://shop.example, or *."
                )

    @property
    def origins(self) -> tuple[str, ...]:
        return tuple(o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip())

    @property
    def tracker_database(self) -> str:
        """The SQLAlchemy URL of Rasa's tracker store, as rasa_files configures it."""
        return self.tracker_store_url or f"sqlite:///{self.data_dir / 'tracker.db'}"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'gateway.db'}"

    @property
    def agents_path(self) -> Path:
        return (
            Path(self.agents_file).resolve() if self.agents_file else self.data_dir / "agents.yml"
        )

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{self.host}:{self.gateway_port}"

    def to_environment(self) -> dict[str, str]:
        """The same settings as `ASSISTANT_*` variables, for the child processes."""
        return to_mapping(self, PREFIX)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        """Build from `ASSISTANT_*` keys; unknown `ASSISTANT_*` keys are an error, not ignored."""
        return cls(
            **fields_from_mapping(
                cls, values, PREFIX, error=ConfigError, other_families=OTHER_FAMILIES
            )
        )
