"""Replays scripted multi-turn conversations through the gateway, as the widget sends them.

`python -m bench.conversations --script bench/data/conversations.yml [--gateway URL --rasa URL]
[--json]` starts the real stack (or uses the running one given by both URLs), sends every turn to
POST /api/chat with a widget-style conversation id (`w-` + 32 hex) and client id, and checks each
turn's expectations (`bench.script`): the intent and slots from Rasa's tracker, the article card,
the reply text and language, and whether a handoff started. Prints the pass rate and every failure
with the transcript up to it. Conversations marked `pending` run and are shown, but counted apart.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bench.checks import TurnResult, failures_of
from bench.script import Conversation, ScriptError, load_script
from bench.stack import running_stack
from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT

TIMEOUT_SECONDS = 60.0
# What the FallbackClassifier predicts when no intent is confident enough.
FALLBACK_INTENT = "nlu_fallback"


def known_intents(root: Path = PROJECT_ROOT) -> set[str]:
    """Intents from intents/, those only the domain declares (e.g. handoff_closed), fallback."""
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8")) or {}
    content = {intent.name for intent in load_content(root / "intents").intents}
    return content | set(domain.get("intents") or []) | {FALLBACK_INTENT}


async def play(
    session: aiohttp.ClientSession, gateway: str, rasa: str, conversation: Conversation
) -> dict[str, Any]:
    sender = f"w-{uuid.uuid4().hex}"
    transcript: list[dict[str, Any]] = []
    failures: list[str] = []
    for number, turn in enumerate(conversation.turns, start=1):
        body: dict[str, Any] = {
            "sender": sender,
            "message": turn.say,
            "client_id": f"c-{uuid.uuid4().hex}",
        }
        if turn.payload:
            body["payload"] = turn.payload
        if turn.metadata:
            body["metadata"] = turn.metadata
        async with session.post(f"{gateway}/api/chat", json=body) as response:
            status = response.status
            reply = await response.json(content_type=None)
        async with session.get(f"{rasa}/conversations/{sender}/tracker") as response:
            tracker = await response.json(content_type=None)
        result = TurnResult.of(status, reply, tracker)
        transcript.append({"turn": number, "customer": turn.say, **result.shown()})
        failures.extend(f"turn {number} (line {turn.line}): {f}" for f in failures_of(turn, result))
        if failures:
            break
    return {
        "name": conversation.name,
        "line": conversation.line,
        "pending": conversation.pending,
        "passed": not failures,
        "failures": failures,
        "transcript": transcript,
    }


@asynccontextmanager
async def endpoints(gateway: str | None, rasa: str | None) -> AsyncIterator[tuple[str, str]]:
    if gateway and rasa:
        yield gateway.rstrip("/"), rasa.rstrip("/")
        return
    async with running_stack() as settings:
        yield settings.gateway_url, settings.rasa_url


async def run(script: list[Conversation], gateway: str | None, rasa: str | None) -> dict[str, Any]:
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    async with (
        endpoints(gateway, rasa) as (gateway_url, rasa_url),
        aiohttp.ClientSession(timeout=timeout) as session,
    ):
        results = [await play(session, gateway_url, rasa_url, c) for c in script]
    counted = [r for r in results if not r["pending"]]
    pending = [r for r in results if r["pending"]]
    return {
        "conversations": len(counted),
        "passed": sum(r["passed"] for r in counted),
        "pass_rate": round(sum(r["passed"] for r in counted) / len(counted), 3)
        if counted
        else None,
        "pending": {"conversations": len(pending), "passed": sum(r["passed"] for r in pending)},
        "results": results,
    }


def print_report(result: dict[str, Any]) -> None:
    for item in result["results"]:
        mark = "ok  " if item["passed"] else "FAIL"
        pending = f"  [pending: {item['pending']}]" if item["pending"] else ""
        print(f"{mark} {item['name']}{pending}")
    for item in result["results"]:
        if item["passed"]:
            continue
        print(f"\n--- {item['name']} (line {item['line']})")
        for failure in item["failures"]:
            print(f"  ✗ {failure}")
        for turn in item["transcript"]:
            print(f"  customer: {turn['customer']}")
            print(f"      [intent {turn['intent']}, HTTP {turn['status']}]")
            for text in turn["bot"]:
                print(f"  bot: {text}")
    pending = result["pending"]
    print(
        f"\npass rate: {result['passed']}/{result['conversations']} = {result['pass_rate']}"
        f"; pending (not counted): {pending['passed']}/{pending['conversations']} passed"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.conversations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--script", type=Path, default=Path(__file__).parent / "data" / "conversations.yml"
    )
    parser.add_argument("--gateway", help="a running gateway, e.g. http://127.0.0.1:8080")
    parser.add_argument("--rasa", help="its Rasa server, e.g. http://127.0.0.1:5005")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if bool(args.gateway) != bool(args.rasa):
        parser.error("--gateway and --rasa go together (or neither: the stack is started)")
    try:
        script = load_script(args.script, known_intents())
    except ScriptError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = asyncio.run(run(script, args.gateway, args.rasa))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
