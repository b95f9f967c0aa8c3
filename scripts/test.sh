#!/usr/bin/env bash
# The README's test command: lint, then the whole pytest suite (real Rasa, action server, gateway,
# and a real headless Chromium for the agent desk).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TF_CPP_MIN_LOG_LEVEL=2 PYTHONPATH="$PWD"

# Debian packages the tests drive (idempotent: skipped when present): Chromium for the browser
# tests; redis-server and postgresql for two gateways sharing one database and their live events
# (tests/gateway/test_bus.py; each test starts its own server on a free port).
MISSING=()
[ -x /usr/bin/chromium ] || MISSING+=(chromium)
command -v redis-server >/dev/null 2>&1 || MISSING+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || MISSING+=(postgresql)
if [ ${#MISSING[@]} -gt 0 ]; then
    echo "==> Installing ${MISSING[*]} for the tests"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${MISSING[@]}"
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
