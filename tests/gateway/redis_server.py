"""A throwaway redis-server on a free loopback port (Debian's redis-server package)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.conftest import free_port

REDIS = shutil.which("redis-server")


@contextmanager
def running_redis() -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [REDIS or "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_url() -> Iterator[str]:
    if REDIS is None:
        pytest.fail("needs redis-server: run `make test`, which installs it")
    with running_redis() as url:
        yield url
