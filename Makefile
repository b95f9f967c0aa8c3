# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first (idempotent).
.PHONY: setup run test test-fast lint bench-nlu bench-latency clean

PY := .venv/bin/python

setup:
	@bash scripts/bootstrap.sh

run: setup
	@$(PY) -m bot.supervisor

test: setup
	@bash scripts/test.sh

# The unit tests only: no trained model, no running processes, no browser (about a minute).
test-fast: setup
	@bash scripts/test.sh -m "not slow"

lint: setup
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

clean:
	rm -rf .build .data
