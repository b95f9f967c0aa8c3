#!/usr/bin/env bash
# The README's test command: lint, then the whole pytest suite (real Rasa, action server, gateway,
# and a real headless Chromium for the agent desk).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TF_CPP_MIN_LOG_LEVEL=2 PYTHONPATH="$PWD"

# The desk's browser tests drive Debian's Chromium; install it once (idempotent: skipped when present).
if [ ! -x /usr/bin/chromium ]; then
    echo "==> Installing chromium for the desk's browser tests"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
