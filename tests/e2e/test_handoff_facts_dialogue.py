"""Issue 19 through the running Rasa server, action server and gateway: facts from every message
fill their slots (several at once, before the handoff, for the wrong question), nothing given is
asked again, the name is used once it is known, a change of mind in free words ends the form, a
real question in the middle is answered and a person offered again, and what is not a name is
asked again with an example."""

from __future__ import annotations

from tests.e2e.test_handoff_dialogue import conversation, matches, say, tracker

HANDOFF_ACTIONS = {"handoff_form", "action_handoff_start", "action_handoff_submit"}


def turn_actions(stack, sender: str) -> set[str]:
    """The actions Rasa ran for the customer's latest message."""
    events = tracker(stack, sender)["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    return {e["name"] for e in events[last_user + 1 :] if e["event"] == "action"}


def test_several_facts_in_one_answer_fill_their_questions_and_the_name_is_used(stack):
    sender = conversation()
    replies = say(stack, sender, "хочу поговорить с оператором")
    assert matches("utter_ask_customer_name", "ru", replies[-1]), replies
    replies = say(stack, sender, "Андрей Кузнецов, заказ 71529304, тел. 8 925 111-22-33")
    assert matches("utter_ask_handoff_problem", "ru", replies[-1]), replies
    assert "Андрей" in " ".join(replies) and "Кузнецов" not in " ".join(replies), replies
    slots = tracker(stack, sender)["slots"]
    assert slots["customer_name"] == "Андрей Кузнецов"
    assert slots["phone"] == "+79251112233" and slots["order_number"] == "71529304"


def test_facts_given_before_the_handoff_are_not_asked_again(stack):
    sender = conversation()
    replies = say(
        stack, sender, "Добрый вечер, я Вера, номер заказа 39182746, посылка так и не пришла"
    )
    assert replies and replies[0].startswith("Вера, "), replies
    replies = say(stack, sender, "позовите оператора")
    assert matches("utter_ask_handoff_contact", "ru", replies[-1]), replies
    assert not any(matches("utter_ask_customer_name", "ru", r) for r in replies), replies
    replies = say(stack, sender, "+7 (903) 555 12 34")
    assert matches("utter_ask_handoff_tried", "ru", replies[-1]), replies
    slots = tracker(stack, sender)["slots"]
    assert slots["order_number"] == "39182746" and slots["phone"] == "+79035551234"
    assert "посылка так и не пришла" in slots["handoff_problem"]


def test_a_fact_typed_for_the_wrong_question_is_kept_and_the_question_asked_again(stack):
    sender = conversation()
    say(stack, sender, "позовите человека")
    say(stack, sender, "Игорь")
    replies = say(stack, sender, "заказ 60418273")
    assert matches("utter_handoff_noted", "ru", replies[0]), replies
    assert matches("utter_ask_handoff_contact", "ru", replies[-1]), replies
    assert tracker(stack, sender)["slots"]["order_number"] == "60418273"


def test_a_change_of_mind_in_free_words_ends_the_form_without_running_it(stack):
    sender = conversation()
    say(stack, sender, "позовите человека")
    say(stack, sender, "Мария")
    replies = say(stack, sender, "ой, уже не надо, передумала")
    assert len(replies) == 1 and matches("utter_handoff_cancelled", "ru", replies[0]), replies
    assert not turn_actions(stack, sender) & HANDOFF_ACTIONS
    state = tracker(stack, sender)
    assert not (state["active_loop"] or {}).get("name")
    assert state["slots"]["customer_name"] == "Мария"


def test_a_question_in_the_middle_is_answered_and_the_form_goes_on_with_its_question(stack):
    sender = conversation()
    say(stack, sender, "connect me to an agent")
    say(stack, sender, "Hannah")
    replies = say(stack, sender, "how do I reset my password btw?")
    assert len(replies) >= 3, replies  # the answer comes first
    assert matches("utter_handoff_back_to_form", "en", replies[-2]), replies
    assert matches("utter_ask_handoff_contact", "en", replies[-1]), replies
    assert not any(matches("utter_kb_ask_helpful", "en", reply) for reply in replies), replies
    assert (tracker(stack, sender)["active_loop"] or {}).get("name") == "handoff_form"
    replies = say(stack, sender, "hannah.b@example.com")
    assert tracker(stack, sender)["slots"]["handoff_contact"] == "hannah.b@example.com"
    assert not any(matches("utter_ask_customer_name", "en", reply) for reply in replies)


def test_what_is_not_a_name_is_asked_again_with_an_example(stack):
    sender = conversation()
    say(stack, sender, "позовите оператора")
    for answer in ("не скажу", "???", "https://vk.com/id123"):
        replies = say(stack, sender, answer)
        assert matches("utter_handoff_invalid_name", "ru", replies[0]), replies
        assert matches("utter_ask_customer_name", "ru", replies[-1]), replies
    assert tracker(stack, sender)["slots"]["customer_name"] is None


def test_the_name_addresses_the_next_reply_only(stack):
    sender = conversation()
    first = say(stack, sender, "я Нина, не могу войти в личный кабинет")
    assert first and first[0].startswith("Нина, "), first
    second = say(stack, sender, "а как сменить пароль?")
    assert second and not any("Нина" in reply for reply in second), second
