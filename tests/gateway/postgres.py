"""A throwaway PostgreSQL server for the multi-instance tests: Debian's postgresql binaries, a
fresh cluster in a temporary folder on a free port, trust authentication on loopback only.
PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import free_port

USER = "assistant"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


def _run(command: list[str], as_postgres: bool) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if as_postgres else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)


@contextmanager
def running_postgres() -> Iterator[str]:
    """Yields a SQLAlchemy URL of an empty database on a server that lives for the block."""
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    data = folder / "data"
    if as_postgres:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = free_port()
    _run([_bin("initdb") or "initdb", "-D", str(data), "-A", "trust", "-U", USER], as_postgres)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = _bin("pg_ctl") or "pg_ctl"
    _run(
        [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"],
        as_postgres,
    )
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"], as_postgres)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    if not available():
        pytest.fail("needs Debian's postgresql: run `make test`, which installs it")
    with running_postgres() as url:
        yield url
