"""The pure parts of the latency bench: argument parsing, summaries, the bare bot's files, the
simulated customers' turns."""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections import Counter

import pytest

from bench.bare_rasa import INTENTS, project_files
from bench.latency import customer_counts, ratio
from bench.load import TURNS_PER_CONVERSATION, LoadResult, customer_turns
from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT


def test_customer_counts_are_sorted_unique_and_positive() -> None:
    assert customer_counts("32,1,8,8") == [1, 8, 32]
    for bad in ("", "0,4", "a,b"):
        with pytest.raises(argparse.ArgumentTypeError):
            customer_counts(bad)


def test_ratio_guards_against_zero() -> None:
    assert ratio(150.0, 100.0) == 1.5
    assert ratio(1.0, 0.0) != ratio(1.0, 0.0)  # NaN


def test_summary_counts_replies_errors_and_throughput() -> None:
    result = LoadResult(2, 2.0, [10.0, 20.0, 30.0, 40.0], Counter({"HTTP 503": 1}))
    summary = result.summary()
    assert summary["replies"] == 4 and summary["errors"] == 1
    assert summary["p50_ms"] == 20.0 and summary["p99_ms"] == 40.0
    assert summary["throughput_per_s"] == 2.0


def test_the_bare_bot_has_no_custom_components() -> None:
    content = load_content(PROJECT_ROOT / "intents")
    files = project_files([spec for spec in content.intents if spec.name in INTENTS])
    pipeline = [component["name"] for component in files["config.yml"]["pipeline"]]
    assert not [name for name in pipeline if "." in name]
    rules = files["data/rules.yml"]["rules"]
    assert {r["steps"][1]["action"] for r in rules} == {f"utter_{name}" for name in INTENTS}
    assert set(files["domain.yml"]["intents"]) == set(INTENTS)


def test_a_customer_starts_a_new_conversation_every_few_turns() -> None:
    messages = ["где мой заказ", "how do I return an item", "спасибо"]
    turns = itertools.islice(
        customer_turns("bench", 3, random.Random(3), messages, time.monotonic() + 60), 17
    )
    senders, texts = zip(*turns, strict=True)
    conversations = list(dict.fromkeys(senders))
    assert len(conversations) == 3
    assert [senders.count(c) for c in conversations] == [TURNS_PER_CONVERSATION] * 2 + [1]
    for number, conversation in enumerate(conversations):
        assert conversation.startswith("bench-") and conversation.endswith(f"-3-{number}")
    assert set(texts) <= set(messages)
    again = customer_turns("bench", 3, random.Random(3), messages, time.monotonic() + 60)
    assert [text for _, text in itertools.islice(again, 17)] == list(texts)


def test_a_customer_stops_at_the_deadline() -> None:
    assert list(customer_turns("soak", 1, random.Random(1), ["привет"], time.monotonic())) == []


def test_the_table_reports_the_load_average_beside_the_numbers(capsys) -> None:
    from bench.latency import load_average, print_table

    row = {"customers": 1, "p50_ms": 20.0, "p95_ms": 30.0, "p99_ms": 40.0}
    row |= {"throughput_per_s": 50.0, "errors": 0}
    result = {
        "seconds_per_level": 10.0,
        "messages": 3,
        "levels": [{"bare_rasa": row, "ours": row}],
        "ratios": {
            "p50_ours_over_bare": 1.0,
            "p50_at_customers": 1,
            "throughput_ours_over_bare": 1.0,
            "throughput_at_customers": 1,
        },
        "breakdown_one_customer": {},
        "load_average": {"start": [0.5, 0.6, 0.7], "end": [1.5, 1.0, 0.8]},
    }
    print_table(result)
    assert "at the start [0.5, 0.6, 0.7], at the end [1.5, 1.0, 0.8]" in capsys.readouterr().out
    assert len(load_average()) == 3 and all(value >= 0 for value in load_average())
