"""The definitions of resolved, assumed, unresolved and not answered on hand-made turns (the
replay in test_analytics_replay.py checks them end to end)."""

from __future__ import annotations

import itertools

from bot.gateway.analytics.outcomes import TurnRow, judge, roles, rules_for

RULES = rules_for(0.3, frozenset({"order_status", "payment_failed", "product_info"}))
ANSWER = ("utter_kb_answer", "utter_kb_ask_helpful")
IDS = itertools.count(1)


def turn(intent, confidence=0.9, replies=(), article=None, fallback=False) -> TurnRow:
    names = None if replies is None else tuple(replies)
    return TurnRow(next(IDS), intent, confidence, fallback, article, names)


def outcome(turns, handed_off=False, rating=None):
    verdict = judge(turns, handed_off, rating, RULES)
    reasons = [t.reason for t in verdict.turns if t.role == "question" and t.reason]
    return verdict.outcome, reasons


def test_the_guess_line_is_the_fallback_threshold_plus_the_margin():
    assert RULES.guess_below == 0.5
    assert outcome([turn("order_status", 0.5, ["utter_order_status"])]) == ("resolved_assumed", [])
    assert outcome([turn("order_status", 0.49, ["utter_order_status"])]) == (
        "unresolved",
        ["guessed"],
    )


def test_a_missing_confidence_is_not_a_guess():
    assert outcome([turn("order_status", None, ["utter_order_status"])])[0] == "resolved_assumed"


def test_turns_stored_without_reply_names_are_judged_by_what_was_kept():
    legacy = [turn("payment_failed", replies=None, article="pay-ru"), turn("affirm", replies=None)]
    assert judge(legacy, False, None, RULES).confirmed_by == "said_helped"
    assert outcome([turn("nlu_fallback", 0.3, None, fallback=True)]) == (
        "unresolved",
        ["no_answer"],
    )


def test_answers_in_the_handoff_form_are_not_questions():
    turns = [
        turn("request_human", 0.95, ["utter_request_human", "utter_ask_customer_name"]),
        turn("nlu_fallback", 0.3, ["utter_ask_handoff_contact"]),
        turn("nlu_fallback", 0.3, ["utter_handoff_invalid_contact"]),
        turn("nlu_fallback", 0.3, ["utter_handoff_queued"]),
    ]
    assert roles(turns) == ["question", "form", "form", "form"]
    assert outcome(turns, handed_off=True) == ("handed_off", [])
    # The customer left the form: no case, and the request for a person was not an answer.
    assert outcome(turns[:2]) == ("unresolved", [])


def test_a_rating_of_three_changes_nothing_and_one_or_two_is_never_resolved():
    answered = [turn("order_status", 0.9, ["utter_order_status"])]
    assert outcome(answered, rating=3)[0] == "resolved_assumed"
    assert outcome(answered, rating=2)[0] == "unresolved"
    assert judge(answered, False, 5, RULES).confirmed_by == "rating"


def test_thanks_before_any_answer_confirms_nothing():
    assert outcome([turn("thanks", 0.97, ["utter_thanks"])]) == ("unresolved", [])


def test_small_talk_after_an_answer_keeps_it_but_a_new_request_does_not():
    answer = turn("payment_failed", 0.9, ANSWER, article="pay-ru")
    assert outcome([answer, turn("chitchat", 0.8, ["utter_chitchat"])])[0] == "resolved_assumed"
    request = turn("request_human", 0.95, ["utter_request_human", "utter_ask_customer_name"])
    assert outcome([answer, request])[0] == "unresolved"


def test_a_confirmation_holds_until_a_no_or_an_unanswered_question():
    answer = turn("payment_failed", 0.9, ANSWER, article="pay-ru")
    yes = turn("affirm", 0.98, ["utter_kb_glad_helped"])
    assert outcome([answer, yes, turn("goodbye", 0.9, ["utter_goodbye"])])[0] == (
        "resolved_confirmed"
    )
    missed = turn("nlu_fallback", 0.3, ["utter_kb_no_answer"], fallback=True)
    assert outcome([answer, yes, missed]) == ("unresolved", ["no_answer"])


def test_a_picked_article_rated_no_leaves_the_question_unanswered():
    turns = [
        turn("order_status", 0.62, ["utter_kb_clarify"]),
        turn("kb_choose", 0.9, ANSWER, article="late-ru"),
        turn("deny", 0.95, ["utter_kb_sorry_not_helped"]),
    ]
    assert roles(turns) == ["question", "reply", "reply"]
    assert outcome(turns) == ("unresolved", ["rated_no"])


def test_a_no_typed_with_what_was_tried_is_the_verdict_on_the_answer():
    """ "не помогло, кэш чистил" is read as a crash by the NLU; the bot's reply says it was a no."""
    turns = [
        turn("tech_app_crash", 0.9, ANSWER, article="site-ru"),
        turn("tech_app_crash", 0.8, ["utter_kb_not_helped_told"]),
    ]
    assert roles(turns) == ["question", "reply"]
    assert outcome(turns) == ("unresolved", ["rated_no"])


def test_a_rating_typed_as_a_number_answers_the_bot():
    turns = [turn("order_status", 0.9, ["utter_order_status"]), turn("rate", 0.9, ["utter_rating"])]
    assert roles(turns) == ["question", "reply"]
    assert outcome(turns)[0] == "resolved_assumed"


def test_a_vague_opener_then_a_topic_picked_is_an_answer():
    turns = [
        turn("vague_problem", 0.9, ["utter_kb_what_happened"]),
        turn("kb_choose", 1.0, ANSWER, article="order-status-ru"),
    ]
    assert outcome(turns) == ("resolved_assumed", [])
    assert outcome(turns[:1]) == ("unresolved", ["clarify_abandoned"])


def test_an_unreadable_message_or_no_other_articles_is_no_answer():
    assert outcome([turn("nlu_fallback", 0.3, ["utter_kb_unreadable"])]) == (
        "unresolved",
        ["no_answer"],
    )
    after = [
        turn("payment_failed", 0.9, ANSWER, article="pay-ru"),
        turn("kb_other_articles", 0.95, ["utter_kb_no_other_articles", "utter_kb_offer_human"]),
    ]
    assert outcome(after) == ("unresolved", ["no_answer"])
