"""What one turn produced (from the gateway's reply and Rasa's tracker) and how it failed its
expectations; pure functions, so the rules are testable without a running stack.

The bench sees, per turn, the gateway's /api/chat reply (texts, buttons, article cards) and Rasa's
tracker after the turn: slots, active_loop, and the events, where every bot message names the
response it came from (`metadata.utter_action`). The turn's own events are those after the
customer's latest message. The rules, key by key:

- `intent`, `slots`: the tracker's latest intent and slots after the turn.
- `article`: an article card with one of the ids was shown (buttons offering articles do not count);
  not checked when the turn also accepts another outcome and the bot gave that one.
- `reply_contains`: any substring in the reply texts, case-insensitive.
- `language`: the language the NLU's own detector gives the reply texts.
- `handoff`: a handoff to a person has started: handoff_form is active, a handoff slot is set
  (reason, pending case, ticket: a filed case stays filed), a handoff action ran in this turn,
  or the gateway says a person has the conversation (`mode`). A cancelled form clears them.
- `outcome`: each reply is classed by its response (bench/replies.py holds the table):
  answer = an article card, or an intent's own reply on a support topic (`utter_order_status`);
  clarify = buttons offering close articles (`utter_kb_clarify`, /kb_choose payloads), "which
  option?" (`utter_kb_nothing_to_choose`) or "tell me more" after an unhelpful article
  (`utter_kb_sorry_not_helped`);
  abstain = the no-answer replies (`utter_kb_no_answer`, Rasa's `utter_default`,
  `utter_out_of_scope`);
  small_talk = the replies of greet, thanks, goodbye, bot_challenge, chitchat, feedback, affirm,
  deny (`utter_<intent>`, `utter_<intent>_named`), "glad it helped", "cancelled", rating thanks;
  form = a handoff intro (`utter_handoff_intro_*`, `utter_request_human` and the other intents
  that hand over), a form question (`utter_ask_*`, `utter_handoff_invalid_*`,
  `utter_handoff_need_problem`), the confirmation (`utter_handoff_queued|ticket|saved|
  already_open`), or handoff_form still active after the turn.
  "Did this help?" goes with an answer and counts as nothing by itself; an unknown response is
  judged by its prefix (`utter_ask_`, `utter_handoff_`: form), else `other`, as are an action's
  error and the rating question: no expectation accepts `other`, nor `nothing` (no reply at all).
  A turn showing several is judged by the first of answer, form, clarify, abstain, small_talk:
  a greeting before an article is an answer, an article given in the middle of the form is an
  answer, a "thanks" before the next form question is the form.
- `asks_for_any` / `must_not_ask_for`: the facts asked are the form's `requested_slot` after the
  turn while handoff_form is active, and those of any question response of the turn
  (`utter_ask_<slot>`, `utter_handoff_invalid_name|contact|order_number`,
  `utter_handoff_need_problem`); slots: customer_name = name, handoff_contact = contact,
  handoff_order_number = order_number, handoff_app_version = app_version, handoff_problem =
  problem, handoff_tried = tried. asks_for_any: at least one of them is asked; must_not_ask_for:
  none of them is.
- `offers_human`: a button whose payload requests a person (/request_human), or a reply of the
  bot's own (article cards aside: their excerpt is the help centre's text) naming one: специалист,
  оператор, сотрудник, менеджер, живой человек, specialist, operator, agent, a (real) person,
  human, support team, colleague ("оператор связи", a "mobile operator" are not people).
- `uses_name`: the bot's own reply texts contain the customer's first name as a whole word,
  case-insensitive, ё = е. The name is the latest `metadata.name` sent so far, else the
  conversation's `case.name`, else a self-introduction in the customer's messages so far ("я
  Нина", "меня зовут Татьяна", "this is Mike": the name capitalised), else the tracker's
  customer_name slot after the turn.
- always, whatever the script says: a payment card number the customer typed in this or an
  earlier turn (13-19 digits, grouped by spaces or dashes or not, passing Luhn) must not appear
  whole in any bot reply: texts, buttons, article cards.
- `case` (per conversation, after its last turn): bench/cases.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bench.replies import (
    NOTHING,
    asked_facts,
    card_numbers,
    echoed_cards,
    form_active,
    introduced_name,
    mentions_name,
    offers_human,
    outcomes_of,
    project_outcomes,
    reply_strings,
    responses_of,
    spoken_texts,
    turn_events,
)
from bench.script import Conversation, Turn

HANDOFF_SLOTS = ("handoff_reason", "handoff_ticket", "handoff_pending_case")
HANDOFF_ACTIONS = {"handoff_form", "action_handoff_start", "action_handoff_submit"}


def article_ids(messages: list[dict[str, Any]]) -> list[str]:
    """Article cards in the gateway's message objects (`article`, or Rasa's `custom` passed on)."""
    ids = []
    for message in messages:
        card = message.get("article") or message.get("custom") or {}
        if isinstance(card, dict) and isinstance(card.get("id"), str):
            ids.append(card["id"])
    return ids


def shown_message(message: dict[str, Any]) -> str:
    """A bot message as a transcript line: its text, the article card and the buttons."""
    parts = [str(message.get("text") or "")]
    if article_ids([message]):
        parts.append(f"[article {article_ids([message])[0]}]")
    titles = [str(b.get("title")) for b in message.get("buttons") or [] if isinstance(b, dict)]
    if titles:
        parts.append(f"[buttons: {' | '.join(titles)}]")
    return " ".join(p for p in parts if p)


def handoff_started(tracker: dict[str, Any], mode: str | None) -> bool:
    """Tolerant on purpose: any sign of a handoff counts. Actions only of this turn: a handoff
    that was cancelled earlier is over (its slots are cleared)."""
    slots = tracker.get("slots") or {}
    actions = {e.get("name") for e in turn_events(tracker) if e.get("event") == "action"}
    return (
        form_active(tracker)
        or any(slots.get(name) for name in HANDOFF_SLOTS)
        or bool(actions & HANDOFF_ACTIONS)
        or mode not in (None, "bot")
    )


@dataclass(frozen=True)
class Context:
    """What the conversation told the bot so far, for the checks that need it."""

    name: str | None = None  # the customer's name as given
    cards: frozenset[str] = frozenset()  # card numbers the customer typed so far


def context_for(conversation: Conversation, index: int, slots: dict[str, Any]) -> Context:
    """The context of turn `index` (0-based); `slots` are the tracker's after that turn."""
    said = conversation.turns[: index + 1]
    names = [t.metadata["name"] for t in said if isinstance(t.metadata.get("name"), str)]
    name = names[-1] if names else None
    if name is None and conversation.case is not None:
        name = conversation.case.name
    introduced = [n for t in said if (n := introduced_name(t.say))]
    if name is None and introduced:
        name = introduced[-1]
    if name is None and isinstance(slots.get("customer_name"), str):
        name = slots["customer_name"]
    cards = frozenset(card for t in said for card in card_numbers(t.say))
    return Context(name=name, cards=cards)


@dataclass(frozen=True)
class TurnResult:
    status: int
    texts: tuple[str, ...]
    shown_messages: tuple[str, ...]
    articles: tuple[str, ...]
    intent: str | None
    slots: dict[str, Any]
    handoff: bool
    language: str | None
    responses: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    asked: frozenset[str] = frozenset()
    offers_human: bool = False
    spoken: tuple[str, ...] = ()  # the bot's own texts, article cards aside
    strings: tuple[str, ...] = field(default=(), repr=False)  # everything the reply shows

    @property
    def outcome(self) -> str:
        return self.outcomes[0] if self.outcomes else NOTHING

    @classmethod
    def of(
        cls,
        status: int,
        reply: Any,
        tracker: Any,
        outcome_table: Mapping[str, str | None] | None = None,
        language_of: Any = None,
    ) -> TurnResult:
        """`outcome_table`: response name → outcome (default: this project's intents/);
        `language_of`: text → ru|en|None (default: the NLU's own detector, which imports Rasa)."""
        if language_of is None:
            from bot.rasa_server.nlu.language_detector import detect_language as language_of

        reply = reply if isinstance(reply, dict) else {}
        tracker = tracker if isinstance(tracker, dict) else {}
        messages = [m for m in reply.get("messages") or [] if isinstance(m, dict)]
        texts = tuple(m["text"] for m in messages if isinstance(m.get("text"), str))
        latest = tracker.get("latest_message") or {}
        responses = responses_of(turn_events(tracker))
        table = outcome_table if outcome_table is not None else project_outcomes()
        return cls(
            status=status,
            texts=texts,
            shown_messages=tuple(shown_message(m) for m in messages),
            articles=tuple(article_ids(messages)),
            intent=(latest.get("intent") or {}).get("name"),
            slots=tracker.get("slots") or {},
            handoff=handoff_started(tracker, reply.get("mode")),
            language=language_of(" ".join(texts)),
            responses=responses,
            outcomes=outcomes_of(responses, messages, form_active(tracker), table),
            asked=asked_facts(responses, tracker),
            offers_human=offers_human(messages),
            spoken=tuple(spoken_texts(messages)),
            strings=tuple(reply_strings(messages)),
        )

    def shown(self) -> dict[str, Any]:
        """The transcript entry of this turn."""
        return {
            "status": self.status,
            "intent": self.intent,
            "outcome": self.outcome,
            "responses": list(self.responses),
            "bot": list(self.shown_messages),
        }


def _masked(card: str) -> str:
    return f"****{card[-4:]}"


def failures_of(turn: Turn, result: TurnResult, context: Context | None = None) -> list[str]:
    expect = turn.expect
    context = context or Context()
    echoed = sorted(echoed_cards(context.cards, result.strings))
    cards = [f"card number {_masked(c)} the customer typed is shown in a reply" for c in echoed]
    if result.status != 200:
        return [f"the gateway answered HTTP {result.status}", *cards]
    failures = []
    if expect.intents and result.intent not in expect.intents:
        failures.append(f"intent: expected {' or '.join(expect.intents)}, got {result.intent}")
    for name, wanted in expect.slots.items():
        actual = result.slots.get(name)
        if (actual is None) != (wanted is None) or str(actual) != str(wanted):
            failures.append(f"slot {name}: expected {wanted!r}, got {actual!r}")
    # An article list names what a card must show: it does not apply when the script also accepts
    # another outcome (e.g. `[answer, clarify]` for a one-word question) and the bot chose that one.
    other_accepted = result.outcome != "answer" and result.outcome in expect.outcomes
    if expect.articles and not other_accepted and not set(expect.articles) & set(result.articles):
        got = list(result.articles) or "none"
        failures.append(f"article: expected {' or '.join(expect.articles)}, got {got}")
    text = " ".join(result.texts).lower()
    if expect.reply_contains and not any(p.lower() in text for p in expect.reply_contains):
        failures.append(f"reply contains none of {list(expect.reply_contains)}")
    if expect.language and result.language != expect.language:
        failures.append(f"reply language: expected {expect.language}, got {result.language}")
    if expect.handoff is not None and result.handoff != expect.handoff:
        started = "started" if result.handoff else "not started"
        failures.append(f"handoff: expected {'started' if expect.handoff else 'none'}, {started}")
    if expect.outcomes and result.outcome not in expect.outcomes:
        said = ", ".join(result.responses) or "no named response"
        failures.append(
            f"outcome: expected {' or '.join(expect.outcomes)}, got {result.outcome} ({said})"
        )
    if expect.offers_human is not None and result.offers_human != expect.offers_human:
        failures.append(
            "offers_human: expected an offer of a person, there is none"
            if expect.offers_human
            else "offers_human: expected no offer of a person, there is one"
        )
    failures += _name_failures(expect.uses_name, result, context)
    asked = sorted(result.asked) or "nothing"
    if expect.asks_for_any and not result.asked & set(expect.asks_for_any):
        failures.append(f"asks_for_any: expected {' or '.join(expect.asks_for_any)}, asked {asked}")
    unwanted = sorted(result.asked & set(expect.must_not_ask_for))
    if unwanted:
        failures.append(f"must_not_ask_for: asked for {', '.join(unwanted)}")
    return failures + cards


def _name_failures(wanted: bool | None, result: TurnResult, context: Context) -> list[str]:
    if wanted is None:
        return []
    if not context.name:
        return [
            "uses_name: the customer's name is not known (no metadata, case, introduction, slot)"
        ]
    used = mentions_name(result.spoken, context.name)
    if used == wanted:
        return []
    return [
        f"uses_name: the reply does not address the customer as {context.name!r}"
        if wanted
        else f"uses_name: expected no name, the reply uses {context.name!r}"
    ]
