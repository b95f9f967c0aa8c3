#!/usr/bin/env bash
# Creates .venv with the locked dependencies. Idempotent: a stamp holds the hash of the lock file,
# so a second run with nothing changed installs nothing and returns in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.installed"
UV_VERSION=0.13.9
WANT="$(cat .python-version)"

find_python() {
    local candidate
    if command -v pyenv >/dev/null 2>&1; then
        candidate="$(pyenv root)/versions/$(pyenv versions --bare | grep -E "^${WANT//./\\.}(\.[0-9]+)?$" | sort -V | tail -1)/bin/python"
        if [ -x "$candidate" ]; then echo "$candidate"; return; fi
    fi
    for candidate in "python$WANT" python3 python; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$WANT' else 1)"; then
            command -v "$candidate"; return
        fi
    done
    return 1
}

fingerprint() { cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1; }

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(fingerprint)" ]; then
    exit 0
fi

if ! PYTHON="$(find_python)"; then
    echo "Python $WANT is required (Rasa Open Source 3.6 supports Python up to 3.10)." >&2
    echo "Install it, for example: pyenv install $WANT, or apt-get install python$WANT python$WANT-venv" >&2
    exit 1
fi

echo "==> Setting up $VENV with $PYTHON"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
"$VENV/bin/uv" pip sync --quiet --python "$VENV/bin/python" requirements.lock
"$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" --no-deps -e .
fingerprint > "$STAMP"
echo "==> $VENV is ready"
