"""bench.facts scoring on tiny inputs whose answers are worked out by hand, and one real run."""

from __future__ import annotations

import json
import math

from bench.facts import Counts, card_leaked, run, score

NONE = {"name": None, "email": None, "phone": None, "order_number": None, "app_version": None}


def test_a_wrong_value_is_a_false_positive_and_a_false_negative():
    counts = Counts()
    counts.add("+79161234567", "+79161234567")  # tp
    counts.add("+79161234567", "+79161234568")  # fp and fn
    counts.add(None, "+79161234567")  # fp
    counts.add("+79161234567", None)  # fn
    counts.add(None, None)  # nothing
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 2)
    scores = counts.scores()
    assert scores["precision"] == round(1 / 3, 3) and scores["recall"] == round(1 / 3, 3)
    assert scores["f1"] == round(1 / 3, 3) and scores["support"] == 3


def test_no_predictions_and_no_gold_give_nan_not_a_perfect_score():
    scores = Counts().scores()
    assert math.isnan(scores["precision"]) and math.isnan(scores["recall"])


def test_card_digits_taken_for_a_phone_or_an_order_are_a_leak():
    gold = {"card": True, "order_number": "48103927"}
    assert not card_leaked(gold, {**NONE, "order_number": "48103927", "card": True})
    assert card_leaked(gold, {**NONE, "order_number": "48103927", "phone": "+74276550011"})
    assert card_leaked({"card": True}, {**NONE, "order_number": "42765500"})
    assert not card_leaked({}, {**NONE, "phone": "+79161234567"})  # not a card line


def test_score_counts_cards_as_found_or_not():
    golds = [{"card": True}, {"card": True}, {}]
    predictions = [{**NONE, "card": True}, {**NONE, "card": None}, {**NONE, "card": True}]
    result = score(golds, predictions)
    card = result["per_type"]["card"]
    assert (card["tp"], card["fp"], card["fn"]) == (1, 1, 1)
    assert result["card_lines"] == 2 and result["card_leaks"] == 0


def test_a_run_on_a_small_file(tmp_path):
    lines = [
        {
            "text": "меня зовут Вера, заказ 58213947",
            "facts": {"name": "Вера", "order_number": "58213947"},
        },
        {"text": "карта 4111 1111 1111 1111", "facts": {"card": True}},
        {"text": "тел 8 916 234-56-78", "facts": {"phone": "+79162345678", "name": "Анна"}},
    ]
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    result = run(path, show_misses=True)
    assert result["messages"] == 3
    assert result["per_type"]["order_number"]["f1"] == 1.0
    assert result["per_type"]["card"]["recall"] == 1.0
    assert result["per_type"]["name"]["recall"] == 0.5  # "Анна" is not in the third message
    assert [miss["text"] for miss in result["misses"]] == ["тел 8 916 234-56-78"]
    assert result["ms_p50"] > 0 and result["ms_p95"] >= result["ms_p50"]
