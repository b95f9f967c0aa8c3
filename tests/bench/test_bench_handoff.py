"""The live-chat accounting of bench.handoff: a lost or doubled message must show in the report."""

from __future__ import annotations

import time

from bench.handoff import Direction, write_agents
from bot.gateway.desk.config import load_desk_config


def test_lost_and_duplicated_messages_are_counted():
    direction = Direction()
    for token in ("a", "b", "c"):
        direction.sent[token] = time.perf_counter()
    direction.arrive("a")
    direction.arrive("b")
    direction.arrive("b")
    summary = direction.summary()
    assert summary["messages"] == 3
    assert summary["lost"] == 1 and summary["duplicated"] == 1
    assert len(direction.latencies_ms) == 2  # a duplicate adds no second latency


def test_the_bench_agents_file_is_one_the_desk_accepts(tmp_path):
    path = tmp_path / "agents.yml"
    logins = write_agents(path, 3)
    assert sorted(load_desk_config(path).agents) == sorted(logins)
