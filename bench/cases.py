"""The handoff case a conversation filed, read back and compared with the script's `case:`.

Where the case is read: the gateway's desk API (`/desk/api/cases`, the case's stored record),
signed in as an agent in every group. A bench that starts the stack writes that agent into the
desk's agents file itself; against a running stack pass `--desk-login` and the password in
$BENCH_DESK_PASSWORD. Without a desk login the case is rebuilt from Rasa's tracker instead: filed
when the `handoff_ticket` slot is set, the fields from the slots the case is built from (the
problem from the latest value the `handoff_problem` slot had, as filing clears it).

Comparison, field by field, of the fields the script lists: the name case-insensitively with
spaces collapsed and ё = е; the email lower-cased; the phone by its digits, with a Russian
8XXXXXXXXXX or 9XXXXXXXXX read as 7XXXXXXXXXX (the script writes E.164); the order number by its
digits; the app version as its first dotted number, "v5.4.1" = "5.4.1"; the problem must contain
one of `problem_contains` (case-insensitive, ё = е). A conversation without `case:` must file none.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bench.script import ExpectedCase

ALL_STATES = "waiting,assigned,closed,ticket"
BENCH_AGENT = "bench-conversations"
CUSTOMER_FIELDS = ("name", "email", "phone", "order_number", "app_version")
# The tracker slot each case field is built from (actions/handoff_case.py).
SLOTS = {
    "name": "customer_name",
    "email": "email",
    "phone": "phone",
    "order_number": "order_number",
    "app_version": "app_version",
}


@dataclass(frozen=True)
class FiledCase:
    ticket: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    order_number: str | None = None
    app_version: str | None = None
    problem: str | None = None


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def case_from_desk(detail: dict[str, Any]) -> FiledCase:
    """From the desk's case view: `summary` is the record the action server sent."""
    summary = detail.get("summary") or {}
    customer = summary.get("customer") or {}
    return FiledCase(
        ticket=str(detail.get("ticket") or detail.get("id")),
        problem=_text(summary.get("problem")),
        **{key: _text(customer.get(key)) for key in CUSTOMER_FIELDS},
    )


def case_from_tracker(tracker: dict[str, Any]) -> FiledCase | None:
    slots = tracker.get("slots") or {}
    ticket = slots.get("handoff_ticket")
    if not ticket:
        return None
    problem = None
    for event in tracker.get("events") or []:
        is_problem = event.get("event") == "slot" and event.get("name") == "handoff_problem"
        if is_problem and event.get("value"):
            problem = event["value"]
    return FiledCase(
        ticket=str(ticket),
        problem=_text(problem),
        **{key: _text(slots.get(slot)) for key, slot in SLOTS.items()},
    )


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


# A courtesy title is how the customer is addressed, not part of the name: "Mr Thompson" is filed
# for "Mr. Thompson here", and a script may list the name with the title or without it.
TITLE = re.compile(r"^(?:mr|mrs|ms|miss|dr)\.? +")


def normal_name(value: str) -> str:
    return TITLE.sub("", _folded(value).strip(" .,;!"))


def normal_email(value: str) -> str:
    return value.strip().lower()


def normal_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("8"):
        return "7" + digits[1:]
    if len(digits) == 10 and digits.startswith("9"):
        return "7" + digits
    return digits


def normal_digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def normal_version(value: str) -> str:
    match = re.search(r"\d+(?:\.\d+)+", value)
    return match.group() if match else value.strip().lower()


NORMALISE = {
    "name": normal_name,
    "email": normal_email,
    "phone": normal_phone,
    "order_number": normal_digits,
    "app_version": normal_version,
}


def case_failures(expected: ExpectedCase | None, filed: FiledCase | None) -> list[str]:
    if expected is None:
        return [] if filed is None else [f"case: {filed.ticket} was filed, none expected"]
    if filed is None:
        return ["case: none was filed"]
    failures = []
    for key, normal in NORMALISE.items():
        wanted = getattr(expected, key)
        actual = getattr(filed, key)
        if wanted is not None and (actual is None or normal(actual) != normal(wanted)):
            failures.append(f"case {key}: expected {wanted!r}, got {actual!r}")
    if expected.problem_contains:
        problem = _folded(filed.problem or "")
        if not any(_folded(part) in problem for part in expected.problem_contains):
            failures.append(
                f"case problem: contains none of {list(expected.problem_contains)}, "
                f"got {filed.problem!r}"
            )
    return failures


def write_bench_agent(path: Path) -> tuple[str, str]:
    """A desk agents file with one agent in every group; returns its login and password."""
    from bot.gateway.desk.config import DEFAULT_GROUPS
    from bot.gateway.desk.passwords import hash_password

    password = secrets.token_urlsafe(16)
    agent = {
        "login": BENCH_AGENT,
        "name": "Bench",
        "groups": list(DEFAULT_GROUPS),
        "password_hash": hash_password(password, iterations=10_000),
    }
    path.write_text(yaml.safe_dump({"agents": [agent]}), encoding="utf-8")
    return BENCH_AGENT, password


class DeskCases:
    """Reads filed cases through the desk API, signed in over HTTP only: no desk websocket, so
    the bench's agent never counts as online and cases are routed as with nobody at the desk."""

    def __init__(self, gateway: str, login: str, password: str) -> None:
        self.gateway = gateway
        self.login = login
        self.password = password
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> DeskCases:
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=60)
        )
        body = {"login": self.login, "password": self.password}
        for _ in range(20):  # the gateway re-reads a changed agents file within a second or two
            async with self.session.post(f"{self.gateway}/desk/api/login", json=body) as answer:
                if answer.status == 200:
                    return self
                error = f"{answer.status} {await answer.text()}"
                if answer.status == 429:
                    break
            await asyncio.sleep(0.5)
        await self.session.close()
        raise RuntimeError(f"the desk login {self.login!r} failed: {error}")

    async def __aexit__(self, *_: object) -> None:
        if self.session is not None:
            await self.session.close()

    async def _get(self, path: str) -> Any:
        assert self.session is not None
        async with self.session.get(f"{self.gateway}{path}") as answer:
            if answer.status == 404:
                return None
            answer.raise_for_status()
            return await answer.json()

    async def filed(self, conversation: str, ticket: str | None = None) -> FiledCase | None:
        """The conversation's latest case, in any state: the one the ticket the bot told names
        (its number is the case id), else the latest in the desk's list (which stops at 500)."""
        number = re.search(r"(\d+)$", ticket or "")
        if number:
            found = await self._get(f"/desk/api/cases/{int(number.group(1))}")
            if found and found["case"].get("conversation") == conversation:
                return case_from_desk(found["case"])
        cases = (await self._get(f"/desk/api/cases?state={ALL_STATES}"))["cases"]
        ids = [c["id"] for c in cases if c.get("conversation") == conversation]
        if not ids:
            return None
        return case_from_desk((await self._get(f"/desk/api/cases/{max(ids)}"))["case"])
