"""The form's questions, one row each: which facts answer it, whether it may be skipped, what
is said when an answer does not fit, and the parser that reads the slots an answer fills.

Each parser takes the facts the NLU found in the message and, for what only this question's
context says, the text (actions/handoff_reading.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from actions.conversation import MAX_TEXT
from actions.customer import app_version_in
from actions.form_words import means_skip
from actions.handoff_problem import content_words
from actions.handoff_reading import Facts, Slots, is_payload, name_from
from actions.handoff_tried import answers_asking_back, tells_what_was_tried

SKIPPED = ""  # an optional question the customer chose not to answer: filled, but empty
MAX_VERSION_WORDS = 4  # "последняя", "та, что в сторе": kept as written; a sentence is no version


def _name(text: str, facts: Facts) -> Slots:
    return {"customer_name": facts.get("customer_name") or name_from(text)}


def _contact(text: str, facts: Facts) -> Slots:
    contact = facts.get("email") or facts.get("phone")
    return {"handoff_contact": contact} if contact else {}


def _order_number(text: str, facts: Facts) -> Slots:
    number = facts.get("order_number")
    return {"handoff_order_number": number} if number else {}


def _app_version(text: str, facts: Facts) -> Slots:
    """A version number when there is one ("5.4": the question says it is a version); a short
    answer such as "the latest" is kept as written, unless it is another fact (an email typed
    here goes to its own slot and the version is asked again)."""
    version = facts.get("app_version") or app_version_in(text)
    if version:
        return {"handoff_app_version": version, "app_version": version}
    if len(text.split()) <= MAX_VERSION_WORDS and not is_payload(text) and not facts:
        return {"handoff_app_version": text[:60]}
    return {}


def _problem(text: str, facts: Facts) -> Slots:
    """The customer's words about the problem; a repeated request for a person ("соедините уже
    с оператором"), a bare yes or a lone fact says nothing about it, and the question is asked
    again."""
    if len(text) < 3 or means_skip(text) or is_payload(text) or not content_words(text):
        return {}
    return {"handoff_problem": text[:MAX_TEXT]}


def _tried(text: str, facts: Facts) -> Slots:
    """Whatever the customer says they tried; a fact for another question that tells no attempt
    ("it started after the last update, I'm on 5.14 now") is noted, and the question asked
    again."""
    if is_payload(text):
        return {"handoff_tried": SKIPPED}
    if facts and not tells_what_was_tried(text):
        return {}
    return {"handoff_tried": text[:MAX_TEXT]}


@dataclass(frozen=True)
class Question:
    parse: Callable[[str, Facts], Slots]
    facts: tuple[str, ...] = ()  # the facts (entities) that answer it
    optional: bool = False  # "не знаю" / "skip" fill it with SKIPPED
    skip_in_sentence: bool = False  # "номера у меня нет под рукой" skips it too
    # an answer that asks the question back before it answers it ("что пробовала?! звонила на
    # горячую линию"): no question to pause the form for
    asked_back: Callable[[str], bool] | None = None
    invalid: str | None = None  # the response to an answer that does not fit
    why: str | None = None  # what the fact is for, told when the customer asks why it is asked

    @property
    def about_a_fact(self) -> bool:
        """A question about a fact, where a sentence that calls the handoff off means just that."""
        return bool(self.facts)


QUESTIONS: dict[str, Question] = {
    "customer_name": Question(
        _name,
        facts=("customer_name",),
        invalid="utter_handoff_invalid_name",
        why="utter_handoff_why_name",
    ),
    "handoff_contact": Question(
        _contact,
        facts=("email", "phone"),
        invalid="utter_handoff_invalid_contact",
        why="utter_handoff_why_contact",
    ),
    "handoff_order_number": Question(
        _order_number,
        facts=("order_number",),
        optional=True,
        skip_in_sentence=True,
        invalid="utter_handoff_invalid_order_number",
        why="utter_handoff_why_order_number",
    ),
    "handoff_app_version": Question(
        _app_version,
        facts=("app_version",),
        optional=True,
        skip_in_sentence=True,
        why="utter_handoff_why_app_version",
    ),
    "handoff_problem": Question(_problem, invalid="utter_handoff_need_problem"),
    "handoff_tried": Question(
        _tried, optional=True, why="utter_handoff_why_tried", asked_back=answers_asking_back
    ),
}
# Asked while the form waits for one of these, a real question is answered first.
PAUSING_QUESTIONS = frozenset(QUESTIONS) - {"handoff_problem"}
# Answers to these that also say what is wrong fill the problem, when it is not known yet.
PROBLEM_ON_THE_WAY = PAUSING_QUESTIONS - {"handoff_tried"}
