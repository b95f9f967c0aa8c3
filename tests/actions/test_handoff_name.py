"""The name a case carries: the customer's own, kept until corrected in so many words."""

from __future__ import annotations

from typing import Any

from actions.handoff_name import own_name


def turn(text: str, name: Any = "unset") -> list[dict[str, Any]]:
    """A customer message and, when it set one, the name slot's value after it."""
    events: list[dict[str, Any]] = [{"event": "user", "text": text}]
    if name != "unset":
        events.append({"event": "slot", "name": "customer_name", "value": name})
    return [*events, {"event": "bot", "text": "…"}]


def test_the_first_name_given_stays_when_a_later_message_signs_shorter():
    events = [
        *turn("Андрей Кузнецов, заказ 71529304", "Андрей Кузнецов"),
        *turn("перезагружал, не помогло. Андрей", "Андрей"),
    ]
    assert own_name(events) == "Андрей Кузнецов"


def test_a_name_said_to_the_agent_or_a_person_to_reach_does_not_replace_it():
    events = [
        *turn("меня зовут Вера", "Вера"),
        *turn("Звоните Олегу: +7 916 555-20-30", "Олег"),
        *turn("С уважением, Марина", "Марина"),
    ]
    assert own_name(events) == "Вера"


def test_a_correction_in_so_many_words_replaces_it():
    events = [*turn("Оля", "Оля"), *turn("меня зовут не Оля, а Ольга", "Ольга")]
    assert own_name(events) == "Ольга"
    events = [*turn("I'm John", "John"), *turn("sorry, it's Jon, not John", "Jon")]
    assert own_name(events) == "Jon"


def test_a_fuller_form_of_the_same_name_replaces_it():
    events = [*turn("я Илья", "Илья"), *turn("Илья Широков, почта i@s.ru", "Илья Широков")]
    assert own_name(events) == "Илья Широков"


def test_the_person_to_reach_is_the_name_while_none_is_known():
    assert own_name(turn("Звоните Олегу: +7 916 555-20-30", "Олег")) == "Олег"


def test_a_refused_answer_emptied_in_the_same_turn_is_no_name():
    events = [
        {"event": "user", "text": "не скажу"},
        {"event": "slot", "name": "customer_name", "value": "не скажу"},
        {"event": "slot", "name": "customer_name", "value": None},
        *turn("Лидия", "Лидия"),
    ]
    assert own_name(events) == "Лидия"


def test_a_name_the_website_passed_before_any_message_counts():
    events = [{"event": "slot", "name": "customer_name", "value": "Анна"}, *turn("Вера", "Вера")]
    assert own_name(events) == "Анна"
    assert own_name([]) is None
