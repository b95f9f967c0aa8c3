"""The scripted conversations of analytics_replay.yml: what the analytics page must show for them,
summed from the script's hand-written `expect` blocks (never from the code under test), and the
replay that stores them through the gateway's real APIs: the chat API against a stand-in Rasa that
answers what each step says, the action server's handoff and rating calls, and an agent claiming
and closing cases on the desk. A clock patched into the store modules dates every row.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from bot.gateway.analytics.period import Period
from bot.gateway.store import conversations, handoffs, turns

SCRIPT = Path(__file__).with_name("analytics_replay.yml")
STEP_SECONDS = 40
OUTCOMES = ("resolved_confirmed", "resolved_assumed", "unresolved", "handed_off")
REASONS = ("no_answer", "fallback", "rated_no", "clarify_abandoned", "guessed")
STORE_MODULES = (conversations, turns, handoffs)


@dataclass(frozen=True)
class Scripted:
    conversation: str
    template: str
    start: float
    steps: list[dict[str, Any]]
    expect: dict[str, Any]

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.start, tz=timezone.utc).date()

    @property
    def rating(self) -> int | None:
        rates = [step["rate"] for step in self.steps if "rate" in step]
        return rates[-1] if rates else None

    def step(self, key: str) -> Any:
        return next((step[key] for step in self.steps if key in step), None)


def load_script(path: Path = SCRIPT) -> tuple[Period, list[Scripted]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    period = Period(
        date.fromisoformat(data["period"]["from"]), date.fromisoformat(data["period"]["to"])
    )
    scripted = []
    for template in data["templates"]:
        for _ in range(template["copies"]):
            k = len(scripted)
            day = period.first_day + timedelta(days=(k * 3) % period.days)
            start = datetime.combine(day, time(9 + k % 8, (k * 7) % 60), timezone.utc)
            scripted.append(
                Scripted(
                    f"w-{k:032x}",
                    template["name"],
                    start.timestamp(),
                    template["steps"],
                    template["expect"],
                )
            )
    return period, scripted


def _times(seconds: list[float]) -> dict[str, Any]:
    if not seconds:
        return {"count": 0, "median_seconds": None, "p90_seconds": None}
    ordered = sorted(seconds)
    return {
        "count": len(ordered),
        "median_seconds": round(statistics.median(ordered), 1),
        "p90_seconds": round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1),
    }


def _articles(scripted: list[Scripted]) -> dict[str, dict[str, int]]:
    found: dict[str, Counter[str]] = {}
    for item in scripted:
        said = [step for step in item.steps if "say" in step]
        for before, step in zip([None, *said], said, strict=False):
            if step.get("article"):
                found.setdefault(step["article"], Counter())["shown"] += 1
            if (
                before is not None
                and before.get("article")
                and step["intent"] in ("affirm", "deny")
            ):
                verdict = "helpful" if step["intent"] == "affirm" else "not_helpful"
                found.setdefault(before["article"], Counter())[verdict] += 1
    return {a: {k: c[k] for k in ("shown", "helpful", "not_helpful")} for a, c in found.items()}


def expected_figures(period: Period, scripted: list[Scripted]) -> dict[str, Any]:
    """Every figure of the page, summed from the script's `expect` blocks and steps."""
    outcomes = Counter(item.expect["outcome"] for item in scripted)
    missed = Counter(r for item in scripted for r in item.expect["not_answered"])
    handed = [item for item in scripted if item.step("handoff")]
    claims = [item.step("claim") * 60.0 for item in handed if item.step("claim") is not None]
    closes = [item.step("close") * 60.0 for item in handed if item.step("close") is not None]
    ratings = [item.rating for item in scripted if item.rating is not None]
    satisfied = sum(1 for r in ratings if r >= 4)
    trends = []
    for day in (period.first_day + timedelta(days=i) for i in range(period.days)):
        on_day = [item for item in scripted if item.day == day]
        rated = [item.rating for item in on_day if item.rating is not None]
        trends.append(
            {
                "start": day.isoformat(),
                "conversations": len(on_day),
                **{o: sum(1 for i in on_day if i.expect["outcome"] == o) for o in OUTCOMES},
                "handoffs_by_reason": dict(
                    Counter(i.step("handoff") for i in on_day if i.step("handoff"))
                ),
                "ratings": len(rated),
                "satisfied": sum(1 for r in rated if r >= 4),
            }
        )
    questions = sum(item.expect["questions"] for item in scripted)
    return {
        "conversations": len(scripted),
        "outcomes": {o: outcomes[o] for o in OUTCOMES},
        "confirmed_by": dict(
            Counter(i.expect["confirmed_by"] for i in scripted if i.expect.get("confirmed_by"))
        ),
        "questions": {
            "total": questions,
            "not_answered": sum(missed.values()),
            "by_reason": {r: missed[r] for r in REASONS},
            "conversations_with_unanswered": sum(1 for i in scripted if i.expect["not_answered"]),
        },
        "handoffs": {
            "conversations": len(handed),
            "by_reason": dict(Counter(item.step("handoff") for item in handed)),
            "still_open": sum(1 for item in handed if item.step("close") is None),
            "first_response": _times(claims),
            "resolution": _times(closes),
        },
        "csat": {"count": len(ratings), "satisfied": satisfied},
        "trends": trends,
        "articles": _articles(scripted),
        "intents": dict(Counter(s["intent"] for i in scripted for s in i.steps if "say" in s)),
    }


class Clock:
    """Stands in for `time` in the store modules: every stored row gets the script's time."""

    def __init__(self) -> None:
        self.now = 0.0

    def time(self) -> float:
        return self.now


def patch_clock(monkeypatch: Any, clock: Clock) -> None:
    for module in STORE_MODULES:
        monkeypatch.setattr(module, "time", SimpleNamespace(time=clock.time))


def rasa_answer(step: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What the stand-in Rasa answers to a `say` step: the intent and the bot's messages."""
    replies: list[dict[str, Any]] = [{"text": name, "response": name} for name in step["replies"]]
    if step.get("article"):
        article = step["article"]
        replies[0]["custom"] = {
            "type": "article",
            "id": article,
            "title": article,
            "url": f"https://help.example/{article}",
        }
    return {"name": step["intent"], "confidence": step["confidence"]}, replies


def case_request(conversation: str, reason: str) -> dict[str, Any]:
    return {
        "conversation": conversation,
        "reason": reason,
        "language": "ru",
        "topic": "orders",
        "intent": {"name": "order_status", "confidence": 0.9},
        "customer": {"name": "Анна", "email": "anna@example.com"},
        "problem": "Не решилось с ботом",
        "transcript": [],
        "channel": "widget",
    }


async def replay(
    client: Any, fake: Any, clock: Clock, scripted: list[Scripted], token: str
) -> None:
    """Stores every scripted conversation through the gateway; `client` is logged in as an agent
    of the general group (client.csrf), `fake` is the stand-in Rasa (intent, replies)."""
    internal = {"Authorization": f"Bearer {token}"}
    desk = {"X-CSRF-Token": client.csrf}
    for item in scripted:
        clock.now = item.start
        case_id, handed_at = None, 0.0
        for step in item.steps:
            if "say" in step:
                clock.now += STEP_SECONDS
                fake.intent, fake.replies = rasa_answer(step)
                language = "ru" if any("а" <= c.lower() <= "я" for c in step["say"]) else "en"
                body = {
                    "sender": item.conversation,
                    "message": step["say"],
                    "metadata": {"language": language},
                }
                response = await client.post("/api/chat", json=body)
                assert response.status == 200, await response.text()
            elif "handoff" in step:
                clock.now += STEP_SECONDS
                handed_at = clock.now
                request = case_request(item.conversation, step["handoff"])
                response = await client.post("/internal/handoffs", json=request, headers=internal)
                assert response.status == 201, await response.text()
                case_id = (await response.json())["handoff_id"]
            elif "claim" in step or "close" in step:
                action = "claim" if "claim" in step else "close"
                clock.now = handed_at + step[action] * 60.0
                body = {} if action == "claim" else {"resolution": "Помогли"}
                path = f"/desk/api/cases/{case_id}/{action}"
                response = await client.post(path, json=body, headers=desk)
                assert response.status == 200, await response.text()
            elif "rate" in step:
                clock.now += STEP_SECONDS
                body = {"conversation": item.conversation, "rating": step["rate"]}
                response = await client.post("/internal/ratings", json=body, headers=internal)
                assert response.status == 204, await response.text()
