# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first (idempotent).
.PHONY: setup run test lint bench-nlu bench-latency clean

PY := .venv/bin/python

setup:
	@bash scripts/bootstrap.sh

run: setup
	@$(PY) -m bot.supervisor

test: setup
	@bash scripts/test.sh

lint: setup
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

clean:
	rm -rf .build .data
