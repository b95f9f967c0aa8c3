"""Answer first (actions/answer_choice.py): one article when one is clearly best, a choice only
between genuinely close ones, never a choice of one, and no answer without support."""

from __future__ import annotations

import pytest

from actions.answer_choice import Choice, choose, choose_for_topic_name, clear_best
from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked


def ranked(*items: tuple[str, float, int | None]) -> tuple[Ranked, ...]:
    return tuple(Ranked(i, 0.9, fused, agreement) for i, fused, agreement in items)


def answer(outcome: str, ranking, examples=None) -> KnowledgeAnswer:
    return KnowledgeAnswer(outcome, (), ranking, examples)  # type: ignore[arg-type]


def test_the_searchs_sure_answer_stands():
    choice = choose(answer("answer", ranked(("a", 4.0, 4), ("b", 3.0, 0))), "topic")
    assert (choice.decision, choice.articles) == ("answer", ("a",))


def test_a_clear_best_is_answered_where_the_search_would_have_asked():
    choice = choose(answer("clarify", ranked(("a", 3.4, 2), ("b", 3.3, 2), ("c", 2.0, 0))), "topic")
    assert (choice.decision, choice.articles, choice.others) == ("answer", ("a",), ("b",))


def test_genuinely_close_articles_are_a_choice_and_never_a_choice_of_one():
    choice = choose(
        answer("clarify", ranked(("a", 3.40, 2), ("b", 3.39, 2), ("c", 2.0, 0))), "topic"
    )
    assert (choice.decision, choice.articles) == ("clarify", ("a", "b"))
    alone = choose(
        answer(
            "clarify",
            ranked(
                ("a", 3.4, 2),
            ),
        ),
        "topic",
    )
    assert alone.decision == "answer"


def test_a_best_no_signal_ranks_first_is_not_clearly_best():
    ranking = ranked(("a", 3.41, 0), ("b", 3.28, 1), ("c", 3.25, 1), ("d", 2.0, 0))
    assert choose(answer("clarify", ranking), "topic").articles == ("a", "b", "c")


def test_a_best_no_signal_ranks_first_gives_way_to_the_one_close_article_they_agree_on():
    ranking = ranked(("damaged", 4.61, 0), ("partial", 4.52, 3), ("receipts", 4.25, 2))
    choice = choose(answer("clarify", ranking), "unplaced")
    assert (choice.decision, choice.articles) == ("answer", ("partial",))
    both = ranked(("a", 3.41, 0), ("b", 3.28, 2), ("c", 3.25, 3), ("d", 2.0, 0))
    assert choose(answer("clarify", both), "topic").articles == ("a", "b", "c")


def test_the_intents_article_wins_a_close_call():
    ranking = ranked(("return-conditions", 4.29, 2), ("refund-times", 4.24, 3))
    choice = choose(answer("clarify", ranking, frozenset({"refund-times"})), "topic")
    assert choice.articles == ("refund-times",)
    far = ranked(("change-email", 3.45, 2), ("password-reset", 3.30, 3))
    choice = choose(answer("clarify", far, frozenset({"password-reset"})), "topic")
    assert choice.articles == ("change-email",)  # too far behind to overrule the search


def test_an_unsure_search_answers_a_support_question_only_with_support():
    ranking = ranked(("partial", 1.62, 1), ("exchange", 1.33, 1), ("wrong-item", 1.28, 1))
    pointed = choose(answer("abstain", ranking, frozenset({"exchange", "wrong-item"})), "topic")
    assert pointed.articles == ("exchange",)
    agreed = ranked(("damaged", 2.20, 5), ("partial", 1.68, 0))
    assert choose(answer("abstain", agreed), "topic").articles == ("damaged",)
    assert choose(answer("abstain", ranking), "topic").decision == "abstain"


def test_a_kind_of_question_without_an_article_is_not_answered():
    ranking = ranked(("faulty-goods", 1.68, 2), ("gift-cards", 1.45, 0))
    choice = choose(answer("abstain", ranking, frozenset()), "topic")
    assert choice.decision == "abstain" and choice.no_article


def test_unplaced_and_off_topic_messages_need_more():
    clear = ranked(("registration", 2.24, 3), ("delete-account", 1.78, 0))
    assert choose(answer("abstain", clear), "unplaced").articles == ("registration",)
    slim = tuple(Ranked(i, 1e-9, f, a) for i, f, a in (("delivery", 1.11, 3), ("abroad", 1.06, 2)))
    assert choose(answer("abstain", slim), "unplaced").decision == "abstain"
    near = (Ranked("gift", 0.07, 3.84, 4), Ranked("wrong-item", 0.07, 3.83, 1))
    assert choose(answer("abstain", near), "unplaced").articles == ("gift",)
    assert choose(answer("abstain", near), "off_topic").decision == "abstain"
    assert choose(answer("abstain", clear), "off_topic").decision == "abstain"
    assert choose(answer("clarify", clear), "off_topic").decision == "abstain"
    assert choose(answer("answer", clear), "off_topic").decision == "answer"


def test_a_message_the_nlu_leans_to_put_outside_needs_a_score_not_only_agreement():
    agreed = tuple(
        Ranked(i, s, f, a) for i, s, f, a in (("wrong-item", 1e-6, 2.9, 3), ("x", 0.0, 2.6, 0))
    )
    assert choose(answer("abstain", agreed), "unplaced").articles == ("wrong-item",)
    assert choose(answer("abstain", agreed), "doubtful").decision == "abstain"
    scored = (Ranked("availability", 0.03, 3.6, 3), Ranked("x", 0.001, 3.4, 0))
    assert choose(answer("abstain", scored), "doubtful").articles == ("availability",)
    # a shop or a kind of goods the help center does not describe: "у вас есть магазин в Казани,
    # посмотреть телевизор вживую?" finds the faulty-goods article at 0.015
    showroom = (Ranked("faulty", 0.015, 3.29, 1), Ranked("warranty", 0.015, 3.28, 1))
    assert choose(answer("abstain", showroom), "doubtful").decision == "abstain"
    # a service the help center does not describe shares a word with an unrelated article
    weak = (Ranked("wrong-item", 0.006, 3.1, 1), Ranked("faulty", 0.003, 3.0, 2))
    assert choose(answer("abstain", weak), "doubtful").decision == "abstain"
    assert choose(answer("abstain", weak), "unplaced").articles == ("wrong-item",)
    # most signals by a clear lead are enough there too: "Чайник перестал греть через два месяца"
    most = (Ranked("faulty", 0.009, 3.22, 4), Ranked("e101", 0.0, 2.45, 1))
    assert choose(answer("abstain", most), "doubtful").articles == ("faulty",)
    assert choose(answer("abstain", most), "off_topic").decision == "abstain"


def test_without_a_ranking_the_searchs_own_articles_are_used():
    article = Article("a", "A", "u", "ru", "x", 0.9)
    assert choose(KnowledgeAnswer("answer", (article,)), "topic").articles == ("a",)
    assert choose(KnowledgeAnswer("abstain", ()), "topic").decision == "abstain"


def test_a_best_most_signals_rank_first_is_not_overruled_by_an_intents_article_none_do():
    ranking = ranked(("gift-cards", 4.96, 6), ("payment-methods", 4.92, 0), ("bonuses", 4.81, 1))
    examples = frozenset({"payment-methods"})
    choice = choose(answer("clarify", ranking, examples), "topic", 0.7)
    assert (choice.decision, choice.articles) == ("answer", ("gift-cards",))
    # an intent the NLU is sure of still wins its close call
    choice = choose(answer("clarify", ranking, examples), "topic", 0.95)
    assert choice.articles == ("payment-methods",)


def test_the_intents_article_is_answered_before_any_choice_is_offered():
    # The best article no signal ranks first would make a choice; the intent points at the next.
    ranking = ranked(("order-status", 4.0, 0), ("double-charge", 3.96, 3), ("declined", 3.46, 0))
    choice = choose(answer("clarify", ranking, frozenset({"double-charge"})), "topic", 0.94)
    assert (choice.decision, choice.articles) == ("answer", ("double-charge",))


def test_a_very_confident_intent_overrules_a_sure_search_within_its_window():
    ranking = ranked(("change-phone", 3.29, 3), ("courier", 2.83, 1))
    ranking += (Ranked("contacts", 0.99, 2.68, 1),)
    sure = answer("answer", ranking, frozenset({"contacts"}))
    assert choose(sure, "topic", 0.998).articles == ("contacts",)
    assert choose(sure, "topic", 0.6).articles == ("change-phone",)  # an unsure intent does not
    far = ranked(("change-phone", 3.29, 3), ("courier", 2.83, 1))
    far += (Ranked("contacts", 0.99, 2.4, 1),)
    assert choose(answer("answer", far, frozenset({"contacts"})), "topic", 0.998).articles == (
        "change-phone",
    )


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ((("contacts", 3.97, 4), ("refunds", 3.15, 1)), True),  # signals agree, wide lead
        ((("contacts", 3.97, 1), ("refunds", 3.15, 1)), False),  # one signal is not agreement
        ((("contacts", 3.97, 4), ("refunds", 3.93, 0)), False),  # no lead
        ((("contacts", 3.97, None),), False),  # agreement not measured: not clear
        ((), False),
    ],
)
def test_a_clear_best_needs_agreeing_signals_and_a_lead(items, expected):
    assert clear_best(ranked(*items)) is expected


def test_a_topics_bare_name_gets_the_searchs_sure_article_or_a_choice():
    close = ranked(("delays", 5.04, 1), ("costs", 4.83, 2), ("dates", 4.74, 0), ("abroad", 4.7, 1))
    choice = choose_for_topic_name(answer("clarify", close, frozenset({"delays"})))
    assert (choice.decision, choice.articles) == ("clarify", ("delays", "costs", "dates"))
    assert choose_for_topic_name(answer("answer", close)).articles == ("delays",)
    assert choose_for_topic_name(answer("abstain", ())).decision == "abstain"


def test_a_clear_best_is_not_overruled_by_the_intents_article_further_down():
    # "can i pay in instalmants?" under payment_methods, which points at the payment methods page.
    ranking = ranked(("installments", 3.69, 3), ("invoices", 3.25, 1), ("payment-methods", 3.25, 1))
    choice = choose(answer("abstain", ranking, frozenset({"payment-methods"})), "topic", 0.96)
    assert choice.articles == ("installments",)


def test_under_an_unsure_intent_a_well_scored_best_comes_before_the_intents_article():
    ranking = (Ranked("gift-cards", 0.066, 3.84, 1), Ranked("wrong-item", 0.061, 3.83, 1))
    pointing = answer("abstain", ranking, frozenset({"wrong-item"}))
    assert choose(pointing, "topic", 0.37).articles == ("gift-cards",)
    assert choose(pointing, "topic", 0.8).articles == ("wrong-item",)
    slim = (Ranked("gift-cards", 1e-5, 3.84, 1), Ranked("wrong-item", 1e-5, 3.83, 1))
    assert choose(answer("abstain", slim, frozenset({"wrong-item"})), "topic", 0.37).articles == (
        "wrong-item",
    )


def test_a_confident_intent_does_not_overrule_a_sure_search_with_an_article_it_scores_low():
    # "у меня promo code не работает, пишет expired" read as a sign-in code at 0.93.
    ranking = (Ranked("promo-codes", 0.995, 4.88, 7), Ranked("login-problems", 0.85, 4.42, 0))
    sure = answer("answer", ranking, frozenset({"login-problems"}))
    assert choose(sure, "topic", 0.93).articles == ("promo-codes",)


def test_a_fairly_confident_intent_tips_close_articles_towards_its_own():
    # "can the courier come friday instead": changing the date, not a courier who did not come.
    ranking = (Ranked("courier", 0.98, 4.71, 2), Ranked("change-date", 0.954, 4.59, 3))
    sure = answer("answer", ranking, frozenset({"change-date"}))
    assert choose(sure, "topic", 0.83).articles == ("change-date",)
    assert choose(sure, "topic", 0.6).articles == ("courier",)


def test_a_confident_intent_whose_topic_is_one_article_answers_it_when_the_search_found_nothing():
    ranking = ranked(("receipts", 4.2, 3), ("closing-documents", 4.0, 1))
    lost = KnowledgeAnswer("abstain", (), ranking, frozenset(), intent_article="contacts")
    assert choose(lost, "topic", 0.97) == Choice("answer", ("contacts",))
    assert choose(lost, "topic", 0.6).articles != ("contacts",)  # an unsure intent does not
    assert choose(lost, "unplaced", 0.97).articles != ("contacts",)


def test_an_article_most_signals_rank_first_by_a_clear_lead_answers_over_an_off_topic_intent():
    # "bought a coffee grinder on friday and now its 1500 rub cheaper, can i get the difference"
    agreed = ranked(("price-drop", 4.36, 6), ("wrong-item", 3.61, 0))
    choice = choose(answer("clarify", agreed), "off_topic")
    assert (choice.decision, choice.articles) == ("answer", ("price-drop",))
    # a few signals, or a small lead, leave it outside the help center
    assert (
        choose(answer("clarify", ranked(("a", 4.36, 3), ("b", 3.61, 0))), "off_topic").decision
        == "abstain"
    )
    assert (
        choose(answer("clarify", ranked(("a", 4.36, 6), ("b", 4.30, 0))), "off_topic").decision
        == "abstain"
    )
    # a search that is not near an answer decides nothing
    assert choose(answer("abstain", agreed), "off_topic").decision == "abstain"


def test_a_best_one_signal_ranks_first_gives_way_to_a_close_one_most_signals_rank_first():
    # "хочу обменять электрочайник на другой цвет, белый не подошёл": exchange, not a wrong item
    ranking = ranked(("wrong-item", 3.93, 1), ("exchange", 3.90, 6), ("change-items", 3.10, 0))
    pointing = answer("abstain", ranking, frozenset({"wrong-item", "exchange"}))
    assert choose(pointing, "topic", 0.98).articles == ("exchange",)
    # not when the best leads by more, or when its own signals agree on it
    wider = ranked(("wrong-item", 4.05, 1), ("exchange", 3.90, 6), ("change-items", 3.10, 0))
    assert choose(answer("abstain", wider, frozenset({"wrong-item"})), "topic", 0.98).articles == (
        "wrong-item",
    )
    # nor for an article the intent is never answered with: "вернула пылесос, а деньги не
    # пришли" under refund_status stays with the refund times
    refund = ranked(("refund-times", 4.11, 1), ("double-charge", 4.01, 4), ("faulty", 3.85, 0))
    own = answer("abstain", refund, frozenset({"refund-times"}))
    assert choose(own, "topic", 0.8).articles == ("refund-times",)
    agreed = ranked(("wrong-item", 3.93, 2), ("exchange", 3.90, 5), ("change-items", 3.10, 0))
    assert choose(answer("abstain", agreed, frozenset({"wrong-item"})), "topic", 0.98).articles == (
        "wrong-item",
    )


def test_a_close_second_most_signals_rank_first_outvotes_the_best():
    close = ranked(("price-drop", 5.59, 2), ("refund-times", 5.55, 4), ("double", 5.36, 0))
    assert choose(answer("clarify", close), "unplaced").articles[:1] == ("refund-times",)
    assert choose(answer("answer", close), "unplaced").articles[:1] == ("refund-times",)
    # not when the best has as many signals of its own, nor from further away
    level = ranked(("price-drop", 5.59, 3), ("refund-times", 5.55, 4), ("double", 5.36, 0))
    assert choose(answer("answer", level), "unplaced").articles[:1] == ("price-drop",)
    far = ranked(("price-drop", 5.9, 2), ("refund-times", 5.55, 4), ("double", 5.36, 0))
    assert choose(answer("answer", far), "unplaced").articles[:1] == ("price-drop",)


def test_a_close_second_of_the_intents_own_articles_outvotes_the_best_it_points_at():
    close = ranked(("wrong-item", 4.39, 2), ("exchange", 4.33, 4), ("change-items", 4.12, 1))
    both = frozenset({"wrong-item", "exchange"})
    assert choose(answer("clarify", close, both), "topic", 0.73).articles[:1] == ("exchange",)
    assert choose(answer("answer", close, both), "topic", 0.9).articles[:1] == ("exchange",)
    # not a second the intent does not point at
    only = frozenset({"wrong-item"})
    assert choose(answer("clarify", close, only), "topic", 0.73).articles[:1] == ("wrong-item",)
