#!/usr/bin/env bash
# The README's test command: lint, then the whole pytest suite (real Rasa, action server, gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TF_CPP_MIN_LOG_LEVEL=2 PYTHONPATH="$PWD"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
