"""Conversation scripts for `bench.conversations`: YAML in, validated dataclasses out.

A script is a list of conversations; each has a `name`, optional `pending` (why its result does not
count yet, e.g. a feature being built) and `turns`. A turn is what the customer sends (`say`, and
`payload` when a button is pressed, `metadata` as the widget sends it) and what to expect:

    - name: order question with a number (ru)
      turns:
        - say: где мой заказ 45873921
          expect:
            intent: order_status            # one name or a list of acceptable names
            slots: {order_number: "45873921"}
            article: [order-status-ru]      # an article card with one of these ids
            reply_contains: [заказ]         # any of these substrings, case-insensitive
            language: ru                    # ru | en, of the bot's reply text
            handoff: false                  # whether a handoff to a person has started
            outcome: [answer, clarify]      # answer | clarify | abstain | small_talk | form
            offers_human: false             # a button or a sentence offering a person
            uses_name: false                # the reply addresses the customer by name
            asks_for_any: [order_number]    # the reply asks for one of these facts
            must_not_ask_for: [name]        # ... and for none of these
      case:                                 # the handoff case filed by the end (none: no case)
        name: Вера                          # as the customer gave it
        email: vera@example.com             # lower-case
        phone: "+79035551234"               # E.164
        order_number: "45873921"            # digits only
        app_version: "5.4.1"
        problem_contains: [не пришла]       # the case's problem text contains any of these

Facts (`asks_for_any`, `must_not_ask_for`): name, contact, order_number, app_version, problem,
tried. What each key means when checked: bench/checks.py. Every error names the file and line;
nothing is sent before the whole script is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LINE_KEY = "__line__"
LANGUAGES = ("ru", "en")
OUTCOMES = ("answer", "clarify", "abstain", "small_talk", "form")
FACTS = ("name", "contact", "order_number", "app_version", "problem", "tried")
EXPECT_KEYS = (
    "intent",
    "slots",
    "article",
    "reply_contains",
    "language",
    "handoff",
    "outcome",
    "offers_human",
    "uses_name",
    "asks_for_any",
    "must_not_ask_for",
)
TURN_KEYS = ("say", "payload", "metadata", "expect")
CONVERSATION_KEYS = ("name", "pending", "turns", "case")
CASE_KEYS = ("name", "email", "phone", "order_number", "app_version", "problem_contains")
# How each case field must be written, so the comparison has one form to compare with.
CASE_FORMATS = {
    "email": (re.compile(r"^[^@\sA-Z]+@[^@\sA-Z]+\.[^@\sA-Z]+$"), "a lower-case email"),
    "phone": (re.compile(r"^\+[1-9]\d{9,14}$"), 'an E.164 number such as "+79251112233"'),
    "order_number": (re.compile(r"^\d+$"), 'digits only, quoted, such as "45873921"'),
    "app_version": (re.compile(r"^\d+(?:\.\d+)+$"), 'a version such as "5.4.1"'),
}


class ScriptError(Exception):
    """The script cannot be run; the message names the file and line."""


@dataclass(frozen=True)
class Expectation:
    intents: tuple[str, ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)
    articles: tuple[str, ...] = ()
    reply_contains: tuple[str, ...] = ()
    language: str | None = None
    handoff: bool | None = None
    outcomes: tuple[str, ...] = ()
    offers_human: bool | None = None
    uses_name: bool | None = None
    asks_for_any: tuple[str, ...] = ()
    must_not_ask_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedCase:
    """The handoff case the bot must have filed; None fields were not given by the customer."""

    line: int
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    order_number: str | None = None
    app_version: str | None = None
    problem_contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    say: str
    line: int
    payload: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    expect: Expectation = field(default_factory=Expectation)


@dataclass(frozen=True)
class Conversation:
    name: str
    line: int
    turns: tuple[Turn, ...]
    pending: str | None = None
    case: ExpectedCase | None = None


class _LineLoader(yaml.SafeLoader):
    """Records the line of every mapping under LINE_KEY, so errors can point at it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def _plain(value: Any) -> Any:
    """The value without the line markers the loader added to nested mappings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Reader:
    def __init__(self, path: Path, known_intents: set[str]) -> None:
        self.path = path
        self.known_intents = known_intents

    def fail(self, line: int, message: str) -> ScriptError:
        return ScriptError(f"{self.path}: line {line}: {message}")

    def mapping(self, raw: Any, line: int, what: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(line, f"{what} must be a mapping, got {type(raw).__name__}")
        line = raw.get(LINE_KEY, line)
        unknown = sorted(str(k) for k in raw if k != LINE_KEY and k not in allowed)
        if unknown:
            raise self.fail(line, f"unknown key(s) {unknown} in {what}; allowed: {list(allowed)}")
        return raw

    def strings(self, raw: Any, line: int, key: str) -> tuple[str, ...]:
        values = raw if isinstance(raw, list) else [raw]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(line, f"'{key}' must be a non-empty string or a list of them")
        return tuple(values)

    def text(self, value: Any, line: int, message: str) -> str:
        """A required non-empty string, else the error `message`."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(line, message)
        return value

    def choices(self, raw: Any, line: int, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = self.strings(raw, line, key)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise self.fail(line, f"unknown {key} value(s) {unknown}; allowed: {list(allowed)}")
        return values

    def flag(self, raw: dict[str, Any], line: int, key: str) -> bool | None:
        value = raw.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(line, f"'{key}' must be true or false, got {value!r}")
        return value

    def expectation(self, raw: Any, line: int) -> Expectation:
        raw = self.mapping(raw, line, "expect", EXPECT_KEYS)
        line = raw[LINE_KEY]
        intents = self.strings(raw["intent"], line, "intent") if "intent" in raw else ()
        for intent in intents:
            if intent not in self.known_intents:
                raise self.fail(
                    line, f"unknown intent {intent!r}; known: {sorted(self.known_intents)}"
                )
        slots = raw.get("slots", {})
        if not isinstance(slots, dict):
            raise self.fail(line, "'slots' must be a mapping of slot name to expected value")
        language = raw.get("language")
        if language is not None and language not in LANGUAGES:
            raise self.fail(line, f"'language' must be one of {list(LANGUAGES)}, got {language!r}")

        def facts(key: str) -> tuple[str, ...]:
            return self.choices(raw[key], line, key, FACTS) if key in raw else ()

        return Expectation(
            intents=intents,
            slots=_plain(slots),
            articles=self.strings(raw["article"], line, "article") if "article" in raw else (),
            reply_contains=self.strings(raw["reply_contains"], line, "reply_contains")
            if "reply_contains" in raw
            else (),
            language=language,
            handoff=self.flag(raw, line, "handoff"),
            outcomes=self.choices(raw["outcome"], line, "outcome", OUTCOMES)
            if "outcome" in raw
            else (),
            offers_human=self.flag(raw, line, "offers_human"),
            uses_name=self.flag(raw, line, "uses_name"),
            asks_for_any=facts("asks_for_any"),
            must_not_ask_for=facts("must_not_ask_for"),
        )

    def case(self, raw: Any, line: int) -> ExpectedCase:
        raw = self.mapping(raw, line, "case", CASE_KEYS)
        line = raw[LINE_KEY]
        fields: dict[str, str] = {}
        for key in CASE_KEYS[:-1]:
            if key not in raw:
                continue
            value = self.text(
                raw[key], line, f"case '{key}' must be a non-empty string (quote numbers)"
            )
            pattern, description = CASE_FORMATS.get(key, (None, ""))
            if pattern is not None and not pattern.match(value):
                raise self.fail(line, f"case '{key}' must be {description}, got {value!r}")
            fields[key] = value
        problem = raw.get("problem_contains")
        if not fields and problem is None:
            raise self.fail(line, f"a case needs at least one of {list(CASE_KEYS)}")
        return ExpectedCase(
            line=line,
            problem_contains=self.strings(problem, line, "problem_contains")
            if problem is not None
            else (),
            **fields,
        )

    def turn(self, raw: Any, line: int) -> Turn:
        raw = self.mapping(raw, line, "a turn", TURN_KEYS)
        line = raw[LINE_KEY]
        say = self.text(
            raw.get("say"), line, "a turn needs 'say': the customer's text (quote numbers)"
        )
        payload = raw.get("payload")
        if payload is not None and (not isinstance(payload, str) or not payload.startswith("/")):
            raise self.fail(
                line, f"'payload' must be a button payload such as /affirm, got {payload!r}"
            )
        metadata = raw.get("metadata", {})
        if not isinstance(metadata, dict):
            raise self.fail(line, "'metadata' must be a mapping")
        expect = self.expectation(raw["expect"], line) if "expect" in raw else Expectation()
        return Turn(say=say, line=line, payload=payload, metadata=_plain(metadata), expect=expect)

    def conversation(self, raw: Any, line: int) -> Conversation:
        raw = self.mapping(raw, line, "a conversation", CONVERSATION_KEYS)
        line = raw[LINE_KEY]
        name = self.text(raw.get("name"), line, "a conversation needs a 'name'")
        turns = raw.get("turns")
        if not isinstance(turns, list) or not turns:
            raise self.fail(line, f"conversation {name!r} needs a non-empty list of 'turns'")
        pending = raw.get("pending")
        if pending is not None and not isinstance(pending, str):
            raise self.fail(line, "'pending' must be a string saying why the result does not count")
        case = self.case(raw["case"], line) if "case" in raw else None
        return Conversation(name, line, tuple(self.turn(t, line) for t in turns), pending, case)


def load_script(path: Path, known_intents: set[str]) -> list[Conversation]:
    """Parse and validate the whole script; raises `ScriptError` naming the file and line."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise ScriptError(f"{path}: not UTF-8 text ({error.reason})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ScriptError(
            f"{path}: {where}not valid YAML ({getattr(error, 'problem', error)})"
        ) from None
    if not isinstance(raw, list) or not raw:
        raise ScriptError(f"{path}: line 1: a script is a non-empty list of conversations")
    reader = _Reader(path, known_intents)
    conversations = [reader.conversation(item, 1) for item in raw]
    seen: set[str] = set()
    for conversation in conversations:
        if conversation.name in seen:
            raise reader.fail(
                conversation.line, f"duplicate conversation name {conversation.name!r}"
            )
        seen.add(conversation.name)
    return conversations
