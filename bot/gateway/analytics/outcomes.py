"""The definitions behind every figure of the analytics page, as code (README, "Analytics").

A conversation (one conversation id, counted on the day it started, UTC) ends as exactly one of:

- handed_off: a case was opened for a person (whatever the bot did before);
- resolved_confirmed: no case, and the customer confirmed: said the article helped, thanked the
  bot after an answer, or rated 4-5; and said no "no" and hit no unanswered question after that;
- resolved_assumed: no case and no confirmation, but the last question got an answer on a support
  topic and the customer left: no "no", no unanswered question and no other request after it;
- unresolved: everything else (a rating of 1-2 always lands here when there was no case).

Each customer message the bot replied to is a question, a reply to the bot's own question (yes or
no after an article, the choice after a clarifying question, a rating) or an answer in the
handoff form; only questions are counted as answered or not. A question is *not answered* when the
bot said it had no answer (or could not read the message), fell back ("I lost the thread"), the
article it gave was rated "no", its clarifying question led to no article, or it replied on a
guess: the intent was the NLU's fallback or its confidence was under the guess line (the fallback
threshold plus GUESS_MARGIN).
Answers from the help articles are judged by the article search's own thresholds, not the
intent's confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

Outcome = Literal["resolved_confirmed", "resolved_assumed", "unresolved", "handed_off"]
OUTCOMES: tuple[Outcome, ...] = (
    "resolved_confirmed",
    "resolved_assumed",
    "unresolved",
    "handed_off",
)
Reason = Literal["no_answer", "fallback", "rated_no", "clarify_abandoned", "guessed"]
REASONS: tuple[Reason, ...] = ("no_answer", "fallback", "rated_no", "clarify_abandoned", "guessed")
Role = Literal["question", "reply", "form"]
GUESS_MARGIN = 0.2  # with config.yml's 0.3 threshold: a reply to an intent under 0.5 is a guess
GOOD_RATING = 4
BAD_RATING = 2
NLU_FALLBACK = "nlu_fallback"
# The bot's replies by their response names (intents/responses.yml, actions/): the ones asking the
# customer to pick or say more, and the ones saying it has no answer (besides the turn's
# `fallback`, which the gateway sets for utter_kb_no_answer and utter_default).
CLARIFYING = frozenset(
    {"utter_kb_clarify", "utter_kb_what_happened", "utter_kb_what_happened_topic"}
)
NO_ANSWER = frozenset(
    {
        "utter_kb_no_answer",
        "utter_kb_unreadable",
        "utter_kb_foreign_language",
        "utter_kb_no_other_articles",
    }
)
DEFAULT_FALLBACK = "utter_default"
ALWAYS_REPLIES = frozenset({"kb_choose", "rate"})  # a choice or a rating answers the bot
VERDICTS: dict[str, Literal["helpful", "not_helpful"]] = {
    "affirm": "helpful",
    "deny": "not_helpful",
}
# The bot's reply to a "no" typed with what the customer already did ("не помогло, кэш чистил"),
# whatever intent the NLU read in it (actions/answer_from_knowledge.py).
TOLD_NOT_HELPED = "utter_kb_not_helped_told"
# Messages that neither ask for help nor say no: they keep the conversation's state as it was.
NEUTRAL_INTENTS = frozenset(
    {"greet", "goodbye", "affirm", "thanks", "chitchat", "bot_challenge", "feedback"}
)
FORM_REASKS = frozenset(
    {
        "utter_handoff_invalid_name",
        "utter_handoff_invalid_contact",
        "utter_handoff_invalid_order_number",
        "utter_handoff_need_problem",
    }
)


class TurnRow(NamedTuple):
    """One customer message the bot replied to, as the store keeps it (store/turns.py).
    NamedTuples, not dataclasses: a period of 10 000 conversations makes ~40 000 of them."""

    message_id: int
    intent: str | None
    confidence: float | None
    fallback: bool
    article_id: str | None
    replies: tuple[str, ...] | None  # None: stored before reply names were kept


@dataclass(frozen=True)
class Rules:
    guess_below: float  # an intent confidence under this is a guess
    support_intents: frozenset[str]  # intents whose confident reply answers a support question


class Judged(NamedTuple):
    role: Role
    reason: Reason | None = None
    answered_on_topic: bool = False
    article: str | None = None  # the article the question led to
    verdict: Literal["helpful", "not_helpful"] | None = None


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    confirmed_by: Literal["said_helped", "thanks", "rating"] | None
    turns: tuple[Judged, ...]


def rules_for(fallback_threshold: float, support_intents: frozenset[str]) -> Rules:
    return Rules(round(fallback_threshold + GUESS_MARGIN, 4), support_intents)


def asks_form_question(turn: TurnRow) -> bool:
    names = turn.replies or ()
    return any(
        (n.startswith("utter_ask_") and n != "utter_ask_rating") or n in FORM_REASKS for n in names
    )


def starts_handoff(turn: TurnRow) -> bool:
    names = turn.replies
    if not names:
        return False
    return asks_form_question(turn) or any(
        n.startswith("utter_handoff_intro_") or n == "utter_request_human" for n in names
    )


def clarifies(turn: TurnRow) -> bool:
    return not CLARIFYING.isdisjoint(turn.replies or ())


def says_no_answer(turn: TurnRow) -> bool:
    return turn.fallback or not NO_ANSWER.isdisjoint(turn.replies or ())


def verdict_of(turn: TurnRow) -> Literal["helpful", "not_helpful"] | None:
    """The customer's verdict on the answer before, said with a yes or no or told in words."""
    if TOLD_NOT_HELPED in (turn.replies or ()):
        return "not_helpful"
    return VERDICTS.get(turn.intent or "")


def roles(turns: Sequence[TurnRow]) -> list[Role]:
    found: list[Role] = []
    before: TurnRow | None = None
    for turn in turns:
        if before is not None and before.replies and asks_form_question(before):
            found.append("form")
        elif turn.intent in ALWAYS_REPLIES or (
            before is not None
            and verdict_of(turn) is not None
            and (before.article_id or clarifies(before))
        ):
            found.append("reply")
        else:
            found.append("question")
        before = turn
    return found


def guessed(turn: TurnRow, rules: Rules) -> bool:
    if turn.intent == NLU_FALLBACK:
        return True
    return turn.confidence is not None and turn.confidence < rules.guess_below


def judge_question(turns: Sequence[TurnRow], kinds: list[Role], i: int, rules: Rules) -> Judged:
    turn = turns[i]
    asked_back = clarifies(turn)
    article_at: int | None = i if turn.article_id else None
    picked = i + 1 < len(turns) and kinds[i + 1] == "reply" and turns[i + 1].article_id
    if article_at is None and asked_back and picked:
        article_at = i + 1
    verdict: Literal["helpful", "not_helpful"] | None = None
    after = article_at + 1 if article_at is not None else None
    if after is not None and after < len(turns) and kinds[after] == "reply":
        verdict = verdict_of(turns[after])
    reason: Reason | None = None
    if says_no_answer(turn):
        reason = "fallback" if DEFAULT_FALLBACK in (turn.replies or ()) else "no_answer"
    elif verdict == "not_helpful":
        reason = "rated_no"
    elif asked_back and article_at is None:
        reason = "clarify_abandoned"
    elif article_at is None and not asked_back and guessed(turn, rules):
        reason = "guessed"
    on_topic = reason is None and (
        article_at is not None
        or (turn.intent in rules.support_intents and not starts_handoff(turn))
    )
    article = turns[article_at].article_id if article_at is not None else None
    return Judged("question", reason, on_topic, article, verdict)


def judge(turns: Sequence[TurnRow], handed_off: bool, rating: int | None, rules: Rules) -> Verdict:
    """The outcome of one conversation; `rating` is its latest 1-5 rating, if any."""
    kinds = roles(turns)
    judged: list[Judged] = []
    state = "none"  # none | answered | confirmed | failed
    confirmed_by: Literal["said_helped", "thanks"] | None = None
    for i, turn in enumerate(turns):
        if kinds[i] != "question":
            judged.append(Judged(kinds[i]))
            said = verdict_of(turn) if kinds[i] == "reply" else None
            if said == "not_helpful":
                state = "failed"
            elif said == "helpful" and turns[i - 1].article_id:
                state, confirmed_by = "confirmed", "said_helped"
            elif kinds[i] == "reply" and turn.article_id and state != "confirmed":
                state = "answered"  # an article picked from the ones offered
            continue
        one = judge_question(turns, kinds, i, rules)
        judged.append(one)
        if one.reason is not None or turn.intent == "deny":
            state = "failed"
        elif one.answered_on_topic:
            state = "confirmed" if state == "confirmed" else "answered"
        elif turn.intent == "thanks" and state in ("answered", "confirmed"):
            if state == "answered":
                state, confirmed_by = "confirmed", "thanks"
        elif turn.intent not in NEUTRAL_INTENTS and state == "answered":
            state = "none"  # asked for something else and got no answer on a support topic
    if handed_off:
        return Verdict("handed_off", None, tuple(judged))
    if rating is not None and rating >= GOOD_RATING:
        return Verdict("resolved_confirmed", "rating", tuple(judged))
    if rating is not None and rating <= BAD_RATING:
        return Verdict("unresolved", None, tuple(judged))
    if state == "confirmed":
        return Verdict("resolved_confirmed", confirmed_by, tuple(judged))
    outcome: Outcome = "resolved_assumed" if state == "answered" else "unresolved"
    return Verdict(outcome, None, tuple(judged))
