"""What one turn's replies show the customer: the outcome, the facts asked for, an offer of a
person, the customer's name, card numbers. Pure functions over the gateway's messages and the
tracker Rasa returns; the rules are written out in bench/checks.py.

The responses are told apart by name, not by text: Rasa records the response every bot message
came from in the tracker (`bot` events carry `metadata.utter_action`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bot.common.facts.lexicon import first_names
from bot.common.masking import luhn_valid

HANDOFF_LOOP = "handoff_form"
# Most telling first: a greeting before an article is an answer; an article given in the middle
# of the form, with the form still waiting for its answer, is an answer too.
PRIORITY = ("answer", "form", "clarify", "abstain", "small_talk", "other")
NOTHING = "nothing"  # the bot said nothing this turn
# Replies of intents/responses.yml. None: goes with another reply and says nothing by itself.
SHARED_RESPONSES: dict[str, str | None] = {
    "utter_kb_answer": "answer",
    "utter_kb_answer_other_language": "answer",
    "utter_kb_ask_helpful": None,
    "utter_kb_clarify": "clarify",
    "utter_kb_nothing_to_choose": "clarify",
    "utter_kb_sorry_not_helped": "clarify",
    "utter_kb_not_helped_told": "clarify",
    "utter_kb_no_answer": "abstain",
    "utter_default": "abstain",
    "utter_kb_no_other_articles": "abstain",
    "utter_kb_what_happened": "clarify",
    "utter_kb_what_happened_topic": "clarify",
    "utter_kb_unreadable": "clarify",
    "utter_kb_foreign_language": "clarify",
    "utter_kb_empathy": None,
    "utter_kb_offer_human": None,
    "utter_kb_glad_helped": "small_talk",
    "utter_handoff_cancelled": "small_talk",
    "utter_rating_thanks_high": "small_talk",
    "utter_rating_thanks_low": "small_talk",
    "utter_handoff_intro_low_confidence": "form",
    "utter_handoff_intro_not_helpful": "form",
    "utter_handoff_intro_negative": "form",
    "utter_handoff_invalid_name": "form",
    "utter_handoff_invalid_contact": "form",
    "utter_handoff_invalid_order_number": "form",
    "utter_handoff_need_problem": "form",
    "utter_handoff_queued": "form",
    "utter_handoff_ticket": "form",
    "utter_handoff_saved": "form",
    "utter_handoff_already_open": "form",
    "utter_ask_rating": "other",
    "utter_rating_unclear": "other",
    "utter_action_failed": "other",
}
# Intents whose own reply says the bot cannot help with that.
ABSTAIN_INTENTS = frozenset({"out_of_scope"})
CHAT_TOPICS = frozenset({"smalltalk", "process"})
# Replies that start a handoff; the second gives way to an article first and, when it does not,
# introduces the handoff with the intent's own reply (actions/knowledge_or_handoff.py).
HANDOFF_REPLIES = frozenset({"action_handoff_start", "action_handoff_unless_article"})
# The form's slots (domain.yml `forms:`) and the facts the scripts name.
SLOT_FACTS = {
    "customer_name": "name",
    "handoff_contact": "contact",
    "handoff_order_number": "order_number",
    "handoff_app_version": "app_version",
    "handoff_problem": "problem",
    "handoff_tried": "tried",
}
QUESTION_FACTS = {
    **{f"utter_ask_{slot}": fact for slot, fact in SLOT_FACTS.items()},
    "utter_handoff_invalid_name": "name",
    "utter_handoff_invalid_contact": "contact",
    "utter_handoff_invalid_order_number": "order_number",
    "utter_handoff_need_problem": "problem",
}
CHOOSE_PAYLOAD = "/kb_choose"
HUMAN_PAYLOAD = re.compile(r"^/request_human\b")
HUMAN_WORDS = re.compile(
    r"специалист|оператор|сотрудник|живо\w* человек|менеджер"
    r"|\bspecialist|\boperator|\bagents?\b|\breal person|\ba person\b|\bhumans?\b"
    r"|\bsupport team|\bcolleague",
    re.IGNORECASE,
)
# "Оператор" of a phone network is not a person to talk to.
NOT_HUMAN = re.compile(
    r"оператор\w* (?:сотовой |мобильной )?связи|(?:мобильн|сотов)\w+ оператор\w*"
    r"|(?:mobile|phone|network|cellular) (?:network )?operators?",
    re.IGNORECASE,
)
INTRODUCTION = re.compile(
    r"(?<!\w)(?i:меня зовут|я|это|my name is|i'm|i’m|im|i am|this is)\s*[—–-]?\s*"
    r"([А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?)(?!\w)"
)
DIGIT_RUN = re.compile(r"\d+(?:[ \-\u00a0]\d+)*")
CARD_DIGITS = range(13, 20)


def response_outcomes(intents: Iterable[Any]) -> dict[str, str | None]:
    """Response name → outcome: the shared replies, and `utter_<intent>` (`_named`) of every
    intent (objects with `name`, `topic`, `reply`, as intents/*.yml are read)."""
    table = dict(SHARED_RESPONSES)
    for intent in intents:
        if intent.reply in HANDOFF_REPLIES:
            kind = "form"
        elif intent.name in ABSTAIN_INTENTS:
            kind = "abstain"
        elif intent.topic in CHAT_TOPICS:
            kind = "small_talk"
        else:
            kind = "answer"
        table[f"utter_{intent.name}"] = kind
        table[f"utter_{intent.name}_named"] = kind
    return table


@functools.cache
def project_outcomes(intents_dir: Path | None = None) -> Mapping[str, str | None]:
    """The table for this project's intents/ (read once)."""
    from bot.common.build.intent_files import load_content
    from bot.common.settings import PROJECT_ROOT

    return response_outcomes(load_content(intents_dir or PROJECT_ROOT / "intents").intents)


def outcome_of(response: str, table: Mapping[str, str | None]) -> str | None:
    """A response this table does not know is judged by its prefix, else `other`."""
    if response in table:
        return table[response]
    if response.startswith(("utter_ask_", "utter_handoff_")):
        return "form"
    return "other"


def turn_events(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    """The events after the customer's latest message: what the bot did with it."""
    events = [e for e in tracker.get("events") or [] if isinstance(e, dict)]
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return events[last_user + 1 :]


def responses_of(events: list[dict[str, Any]]) -> tuple[str, ...]:
    names = []
    for event in events:
        if event.get("event") != "bot":
            continue
        name = (event.get("metadata") or {}).get("utter_action")
        if isinstance(name, str):
            names.append(name)
    return tuple(names)


def form_active(tracker: dict[str, Any]) -> bool:
    return (tracker.get("active_loop") or {}).get("name") == HANDOFF_LOOP


def is_article_card(message: dict[str, Any]) -> bool:
    card = message.get("article") or message.get("custom")
    return isinstance(card, dict) and isinstance(card.get("id"), str)


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in message.get("buttons") or [] if isinstance(b, dict)]


def outcomes_of(
    responses: tuple[str, ...],
    messages: list[dict[str, Any]],
    form_is_active: bool,
    table: Mapping[str, str | None],
) -> tuple[str, ...]:
    """Every outcome the turn shows, most telling first (PRIORITY); empty when it said nothing."""
    found = {outcome_of(name, table) for name in responses}
    if any(is_article_card(m) for m in messages):
        found.add("answer")
    payloads = [str(b.get("payload") or "") for m in messages for b in buttons_of(m)]
    if any(p.startswith(CHOOSE_PAYLOAD) for p in payloads):
        found.add("clarify")
    if form_is_active:
        found.add("form")
    return tuple(o for o in PRIORITY if o in found)


def asked_facts(responses: tuple[str, ...], tracker: dict[str, Any]) -> frozenset[str]:
    """The form's question still open after the turn, and any question asked in it."""
    asked = {QUESTION_FACTS[name] for name in responses if name in QUESTION_FACTS}
    requested = (tracker.get("slots") or {}).get("requested_slot")
    if form_active(tracker) and requested in SLOT_FACTS:
        asked.add(SLOT_FACTS[requested])
    return frozenset(asked)


def spoken_texts(messages: list[dict[str, Any]]) -> list[str]:
    """The bot's own words: texts of messages that are not article cards (an article's excerpt
    is the help centre speaking, not the bot)."""
    return [
        m["text"] for m in messages if isinstance(m.get("text"), str) and not is_article_card(m)
    ]


def offers_human(messages: list[dict[str, Any]]) -> bool:
    payloads = [str(b.get("payload") or "") for m in messages for b in buttons_of(m)]
    if any(HUMAN_PAYLOAD.match(p) for p in payloads):
        return True
    return any(HUMAN_WORDS.search(NOT_HUMAN.sub(" ", t)) for t in spoken_texts(messages))


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def first_name(name: str) -> str:
    """The given name in a full name: the first word natasha's list of first names knows, so
    "Кузьмина Ирина Сергеевна" (surname first, as Russian forms are often filled) is "Ирина";
    otherwise the first word ("Tom Baker")."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
    if len(words) > 1:
        known = first_names()
        given = next((word for word in words if word.lower() in known), None)
        if given:
            return given
    return words[0] if words else ""


def introduced_name(text: str) -> str | None:
    """The name in a self-introduction: "я Нина", "меня зовут Татьяна", "this is Mike", "im Sarah"
    (the name capitalised, as a name is written)."""
    match = INTRODUCTION.search(text)
    return match.group(1) if match else None


def mentions_name(texts: Iterable[str], name: str) -> bool:
    """The customer's first name as a whole word, case-insensitive, ё = е."""
    first = _folded(first_name(name))
    if not first:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(first)}(?!\w)")
    return any(pattern.search(_folded(text)) for text in texts)


def card_numbers(text: str) -> set[str]:
    """Payment card numbers in a text: 13-19 digits, in groups split by a space or a dash,
    passing Luhn. Any run of whole groups counts, so "2202 2046 1234 1230 123" finds the card."""
    found = set()
    for run in DIGIT_RUN.finditer(text):
        groups = re.split(r"[ \-\u00a0]", run.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) > CARD_DIGITS[-1]:
                    break
                if len(digits) in CARD_DIGITS and luhn_valid(digits):
                    found.add(digits)
    return found


def reply_strings(messages: list[dict[str, Any]]) -> list[str]:
    """Everything a reply shows: texts, button titles and payloads, article cards' fields."""
    strings = []
    for message in messages:
        if isinstance(message.get("text"), str):
            strings.append(message["text"])
        for button in buttons_of(message):
            strings += [str(button.get("title") or ""), str(button.get("payload") or "")]
        card = message.get("article") or message.get("custom")
        if isinstance(card, dict):
            strings += [str(v) for v in card.values() if isinstance(v, (str, int))]
    return strings


def echoed_cards(cards: Iterable[str], strings: Iterable[str]) -> set[str]:
    """Which of the customer's card numbers a reply shows whole, however it groups the digits."""
    runs = [re.sub(r"\D", "", run.group()) for s in strings for run in DIGIT_RUN.finditer(s)]
    return {card for card in cards if any(card in run for run in runs)}
