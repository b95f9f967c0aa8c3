"""Replays scripted multi-turn conversations through the gateway, as the widget sends them.

`python -m bench.conversations --script FILE [FILE ...] [--gateway URL --rasa URL
[--desk-login LOGIN]] [--by outcome] [--json]` starts the real stack (or uses the running one
given by both URLs), sends every turn to POST /api/chat with a widget-style conversation id
(`w-` + 32 hex) and client id, and checks each turn's expectations (bench/script.py for the
format, bench/checks.py for what each key means): intent and slots, article card, reply text and
language, handoff, outcome, the facts asked, an offer of a person, the customer's name, and never
a card number the customer typed. After a conversation's last turn, the handoff case it filed is
compared with its `case:` (bench/cases.py: read through the desk API; against a running stack
give `--desk-login` and the password in $BENCH_DESK_PASSWORD, else it is rebuilt from Rasa's
tracker). A conversation stops at its first failing turn. Prints the pass rate per file and every
failure with its transcript; `--by outcome` adds, per expected outcome, how many turns were
reached, got that outcome and passed, and what they got instead. Conversations marked `pending`
run and are shown, but counted apart. Needs a trained model (`make run` builds one; the bench
trains it when the content changed, ~4 min on 2 cores).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import yaml

from bench.cases import DeskCases, FiledCase, case_failures, case_from_tracker, write_bench_agent
from bench.checks import TurnResult, context_for, failures_of
from bench.cli import command_parser
from bench.progress import progress
from bench.script import Conversation, ScriptError, load_script
from bench.stack import running_stack
from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT

TIMEOUT_SECONDS = 60.0
# What the FallbackClassifier predicts when no intent is confident enough.
FALLBACK_INTENT = "nlu_fallback"
DESK_PASSWORD_VARIABLE = "BENCH_DESK_PASSWORD"


def known_intents(root: Path = PROJECT_ROOT) -> set[str]:
    """Intents from intents/, those only the domain declares (e.g. handoff_closed), fallback."""
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8")) or {}
    content = {intent.name for intent in load_content(root / "intents").intents}
    return content | set(domain.get("intents") or []) | {FALLBACK_INTENT}


class CaseReader(Protocol):
    async def filed(self, conversation: str, ticket: str | None = None) -> FiledCase | None: ...


@dataclass
class Endpoints:
    gateway: str
    rasa: str
    desk: tuple[str, str] | None  # login and password of a desk agent in every group


async def play(
    session: aiohttp.ClientSession,
    endpoints: Endpoints,
    conversation: Conversation,
    cases: CaseReader | None,
) -> dict[str, Any]:
    sender = f"w-{uuid.uuid4().hex}"
    transcript: list[dict[str, Any]] = []
    failures: list[str] = []
    tracker: Any = {}
    for index, turn in enumerate(conversation.turns):
        body: dict[str, Any] = {
            "sender": sender,
            "message": turn.say,
            "client_id": f"c-{uuid.uuid4().hex}",
        }
        if turn.payload:
            body["payload"] = turn.payload
        if turn.metadata:
            body["metadata"] = turn.metadata
        async with session.post(f"{endpoints.gateway}/api/chat", json=body) as response:
            status = response.status
            reply = await response.json(content_type=None)
        async with session.get(f"{endpoints.rasa}/conversations/{sender}/tracker") as response:
            tracker = await response.json(content_type=None)
        result = TurnResult.of(status, reply, tracker)
        turn_failures = failures_of(turn, result, context_for(conversation, index, result.slots))
        transcript.append(
            {
                "turn": index + 1,
                "customer": turn.say,
                "expected_outcome": "|".join(turn.expect.outcomes) or None,
                "passed": not turn_failures,
                **result.shown(),
            }
        )
        failures.extend(f"turn {index + 1} (line {turn.line}): {f}" for f in turn_failures)
        if failures:
            break
    if not failures:
        failures += await check_case(conversation, sender, tracker, cases)
    return {
        "name": conversation.name,
        "line": conversation.line,
        "pending": conversation.pending,
        "passed": not failures,
        "failures": failures,
        "transcript": transcript,
    }


async def check_case(
    conversation: Conversation, sender: str, tracker: Any, cases: CaseReader | None
) -> list[str]:
    """The filed case against the script's `case:` (none expected when it has none)."""
    tracker = tracker if isinstance(tracker, dict) else {}
    line = conversation.case.line if conversation.case else conversation.line
    if cases is None:
        filed = case_from_tracker(tracker)
    else:
        ticket = (tracker.get("slots") or {}).get("handoff_ticket")
        try:
            filed = await cases.filed(sender, ticket if isinstance(ticket, str) else None)
        except aiohttp.ClientResponseError as error:
            return [f"line {line}: case: the desk answered HTTP {error.status}"]
    return [f"line {line}: {f}" for f in case_failures(conversation.case, filed)]


@asynccontextmanager
async def endpoints(
    gateway: str | None, rasa: str | None, desk_login: str | None
) -> AsyncIterator[Endpoints]:
    if gateway and rasa:
        password = os.environ.get(DESK_PASSWORD_VARIABLE)
        desk = (desk_login, password) if desk_login and password else None
        yield Endpoints(gateway.rstrip("/"), rasa.rstrip("/"), desk)
        return
    with tempfile.TemporaryDirectory() as folder:
        agents = Path(folder) / "agents.yml"
        desk = write_bench_agent(agents)
        async with running_stack(agents_file=str(agents)) as settings:
            yield Endpoints(settings.gateway_url, settings.rasa_url, desk)


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    counted = [r for r in results if not r["pending"]]
    pending = [r for r in results if r["pending"]]
    passed = sum(r["passed"] for r in counted)
    return {
        "conversations": len(counted),
        "passed": passed,
        "pass_rate": round(passed / len(counted), 3) if counted else None,
        "pending": {"conversations": len(pending), "passed": sum(r["passed"] for r in pending)},
    }


def by_outcome(script: list[Conversation], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per expected outcome (a list is one key, "clarify|abstain"), over counted conversations:
    turns scripted, reached (the conversation had not failed before them), that got an accepted
    outcome, that passed every check, and the outcomes they got (or the gateway's HTTP error)."""
    rows: dict[str, dict[str, Any]] = {}
    for conversation, result in zip(script, results, strict=True):
        if result["pending"]:
            continue
        played = {entry["turn"]: entry for entry in result["transcript"]}
        for number, turn in enumerate(conversation.turns, start=1):
            if not turn.expect.outcomes:
                continue
            key = "|".join(turn.expect.outcomes)
            row = rows.setdefault(
                key, {"turns": 0, "reached": 0, "outcome_ok": 0, "passed": 0, "got": Counter()}
            )
            row["turns"] += 1
            entry = played.get(number)
            if entry is None:
                continue
            row["reached"] += 1
            status = entry.get("status", 200)
            row["got"][entry["outcome"] if status == 200 else f"HTTP {status}"] += 1
            row["outcome_ok"] += entry["outcome"] in turn.expect.outcomes
            row["passed"] += entry["passed"]
    return {
        key: {**row, "got": dict(row["got"].most_common())} for key, row in sorted(rows.items())
    }


async def run(
    scripts: list[tuple[Path, list[Conversation]]],
    gateway: str | None,
    rasa: str | None,
    desk_login: str | None = None,
    outcomes: bool = False,
) -> dict[str, Any]:
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    files = []
    async with AsyncExitStack() as stack:
        where = await stack.enter_async_context(endpoints(gateway, rasa, desk_login))
        session = await stack.enter_async_context(aiohttp.ClientSession(timeout=timeout))
        cases: CaseReader | None = None
        if where.desk is not None:
            cases = await stack.enter_async_context(DeskCases(where.gateway, *where.desk))
        for path, script in scripts:
            results = [await play(session, where, c, cases) for c in progress(script, path.name)]
            entry = {"script": str(path), **summary(results)}
            if outcomes:
                entry["by_outcome"] = by_outcome(script, results)
            files.append({**entry, "results": results})
    every = [r for f in files for r in f["results"]]
    return {
        "cases_read_from": "desk" if cases is not None else "tracker",
        "files": files,
        "total": summary(every),
    }


def print_outcomes(rows: dict[str, Any]) -> None:
    print(
        f"  {'expected outcome':<34} {'turns':>5} {'reached':>7} {'outcome ok':>10} {'passed':>6}"
    )
    for key, row in rows.items():
        got = ", ".join(f"{name} {count}" for name, count in row["got"].items())
        print(
            f"  {key:<34} {row['turns']:>5} {row['reached']:>7} {row['outcome_ok']:>10} "
            f"{row['passed']:>6}   got: {got or '-'}"
        )


def print_report(result: dict[str, Any]) -> None:
    for file in result["files"]:
        print(f"=== {file['script']}")
        for item in file["results"]:
            mark = "ok  " if item["passed"] else "FAIL"
            pending = f"  [pending: {item['pending']}]" if item["pending"] else ""
            print(f"{mark} {item['name']}{pending}")
        for item in file["results"]:
            if item["passed"]:
                continue
            print(f"\n--- {item['name']} (line {item['line']})")
            for failure in item["failures"]:
                print(f"  ✗ {failure}")
            for turn in item["transcript"]:
                print(f"  customer: {turn['customer']}")
                print(
                    f"      [intent {turn['intent']}, outcome {turn['outcome']}, "
                    f"HTTP {turn['status']}]"
                )
                for text in turn["bot"]:
                    print(f"  bot: {text}")
        print()
    print(f"cases read from: {result['cases_read_from']}")
    for file in [*result["files"], {"script": "total", **result["total"]}]:
        pending = file["pending"]
        print(
            f"{file['script']}: {file['passed']}/{file['conversations']} = {file['pass_rate']}"
            f"; pending (not counted): {pending['passed']}/{pending['conversations']} passed"
        )
        if "by_outcome" in file:
            print_outcomes(file["by_outcome"])


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.conversations", __doc__)
    parser.add_argument(
        "--script",
        type=Path,
        nargs="+",
        default=[Path(__file__).parent / "data" / "conversations.yml"],
        help="one or more script files; each gets its own pass rate",
    )
    parser.add_argument("--gateway", help="a running gateway, e.g. http://127.0.0.1:8080")
    parser.add_argument("--rasa", help="its Rasa server, e.g. http://127.0.0.1:5005")
    parser.add_argument(
        "--desk-login",
        help="a desk agent in every group of the running gateway, to read the filed cases "
        f"(its password in ${DESK_PASSWORD_VARIABLE}); without it they come from the tracker",
    )
    parser.add_argument("--by", choices=["outcome"], help="also count turns per expected outcome")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if bool(args.gateway) != bool(args.rasa):
        parser.error("--gateway and --rasa go together (or neither: the stack is started)")
    if args.desk_login and not args.gateway:
        parser.error("--desk-login is for a running stack; a started one gets its own agent")
    if args.desk_login and not os.environ.get(DESK_PASSWORD_VARIABLE):
        parser.error(f"--desk-login needs the password in ${DESK_PASSWORD_VARIABLE}")
    try:
        intents = known_intents()
        scripts = [(path, load_script(path, intents)) for path in args.script]
    except ScriptError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = asyncio.run(
        run(scripts, args.gateway, args.rasa, args.desk_login, outcomes=args.by == "outcome")
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
