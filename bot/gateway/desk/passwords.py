"""Password hashes for agents: PBKDF2-SHA256 from the standard library, salted, self-describing
(`pbkdf2_sha256$<iterations>$<salt>$<hash>`), so the iteration count can grow later."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

ITERATIONS = 600_000
SCHEME = "pbkdf2_sha256"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, digest = encoded.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac(
            "sha256", password.encode(), base64.b64decode(salt), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def dummy_hash() -> str:
    """Checked when the login is unknown, so a wrong login costs as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))
