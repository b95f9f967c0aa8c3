"""Handoff to a person through the real REST channel of the running Rasa server, action server and
gateway: the form asks only for what is missing, the case reaches the gateway's intake and the
customer gets a ticket; cancel, the not-helpful trigger, and the rating after a closed case."""

from __future__ import annotations

import re
import uuid

import requests

from bot.common.build.intent_files import load_content
from bot.common.settings import PROJECT_ROOT

CONTENT = load_content(PROJECT_ROOT / "intents")
TICKET = re.compile(r"\b[A-Z]{2,}-\d+\b")
ADDRESSED = r"[^\W\d_]+(?: [^\W\d_]+)?, "  # "Анна, ", "Галина Петровна, "


def texts_of(name: str, language: str) -> list[str]:
    """A response's variations; an intent's own replies are found under its name too."""
    by_intent = {i.name: i for i in CONTENT.intents}
    if name in CONTENT.responses:
        return [v.text for v in CONTENT.responses[name][language]]
    return [v.text for v in by_intent[name.removeprefix("utter_")].responses[language]]


def matches(name: str, language: str, text: str) -> bool:
    """`text` is one of the response's variations with its {placeholders} filled in; the first
    reply after the customer's name is known may start with it ("Анна, оставьте ...")."""
    for template in texts_of(name, language):
        pattern = re.sub(r"\\\{\w+\\\}", ".+", re.escape(template))
        if template[:1].isalpha():
            first = template[0]
            pattern = f"(?:{ADDRESSED}[{first.upper()}{first.lower()}]|{first})" + pattern[1:]
        if re.fullmatch(pattern, text, flags=re.DOTALL):
            return True
    return False


def conversation() -> str:
    return "w-" + uuid.uuid4().hex


def say(stack, sender: str, message: str, metadata: dict | None = None) -> list[str]:
    body = {"sender": sender, "message": message, "metadata": metadata or {}}
    response = requests.post(
        f"{stack.settings.rasa_url}/webhooks/rest/webhook", json=body, timeout=60
    )
    response.raise_for_status()
    return [r["text"] for r in response.json() if r.get("text")]


def tracker(stack, sender: str) -> dict:
    response = requests.get(f"{stack.settings.rasa_url}/conversations/{sender}/tracker", timeout=30)
    response.raise_for_status()
    return response.json()


def gateway_has_intake(stack) -> bool:
    answer = requests.post(f"{stack.settings.gateway_url}/internal/handoffs", json={}, timeout=10)
    return answer.status_code != 404


def assert_case_taken(stack, sender: str, reply: str, language: str, name: str) -> None:
    if gateway_has_intake(stack):
        ticket = tracker(stack, sender)["slots"]["handoff_ticket"]
        assert ticket and ticket in reply, reply
        assert matches("utter_handoff_queued", language, reply) or matches(
            "utter_handoff_ticket", language, reply
        ), reply
    else:
        assert matches("utter_handoff_saved", language, reply), reply
    assert name in reply


def test_russian_request_collects_the_case_and_gives_a_ticket(stack):
    sender = conversation()
    replies = say(stack, sender, "хочу поговорить с оператором")
    assert matches("utter_request_human", "ru", replies[0]), replies
    assert matches("utter_ask_customer_name", "ru", replies[-1]), replies

    replies = say(stack, sender, "меня зовут анна")
    assert matches("utter_ask_handoff_contact", "ru", replies[-1]) and "Анна" in replies[-1]
    replies = say(stack, sender, "позвоните мне")
    assert matches("utter_handoff_invalid_contact", "ru", replies[0]), replies
    replies = say(stack, sender, "8 912 345-67-89")
    assert matches("utter_ask_handoff_problem", "ru", replies[-1]), replies
    replies = say(stack, sender, "не приходит код подтверждения на телефон")
    assert matches("utter_ask_handoff_tried", "ru", replies[-1]), replies
    replies = say(stack, sender, "пропустить")
    assert len(replies) == 1, replies
    assert_case_taken(stack, sender, replies[0], "ru", "Анна")
    slots = tracker(stack, sender)["slots"]
    assert slots["phone"] == "+79123456789" and slots["customer_name"] == "Анна"


def test_english_request_with_known_name_and_order_skips_those_questions(stack):
    sender = conversation()
    metadata = {"name": "John", "page": "https://shop.example/orders"}
    replies = say(stack, sender, "where is my order 45873921, it's late", metadata)
    assert replies
    replies = say(stack, sender, "i want to talk to a real person", metadata)
    assert matches("utter_request_human", "en", replies[0]), replies
    assert matches("utter_ask_handoff_contact", "en", replies[-1]), replies
    assert replies[0].startswith("John, ")  # the introduction addresses the customer by name
    replies = say(stack, sender, "John.Smith@Example.com", metadata)
    assert matches("utter_ask_handoff_tried", "en", replies[-1]), replies
    replies = say(stack, sender, "I checked the tracking page", metadata)
    assert_case_taken(stack, sender, replies[0], "en", "John")
    assert tracker(stack, sender)["slots"]["email"] == "john.smith@example.com"


def test_cancel_in_the_middle_of_the_form(stack):
    sender = conversation()
    say(stack, sender, "позовите человека")
    replies = say(stack, sender, "Мария")
    assert matches("utter_ask_handoff_contact", "ru", replies[-1]), replies
    replies = say(stack, sender, "передумал")
    assert len(replies) == 1 and matches("utter_handoff_cancelled", "ru", replies[0]), replies
    state = tracker(stack, sender)
    assert state["active_loop"] in ({}, None) or not state["active_loop"].get("name")
    assert not state["slots"]["handoff_ticket"]
    replies = say(stack, sender, "какие способы оплаты у вас есть")
    assert replies and not matches("utter_ask_handoff_contact", "ru", replies[0]), replies


def test_english_cancel(stack):
    sender = conversation()
    replies = say(stack, sender, "connect me to an agent")
    assert matches("utter_ask_customer_name", "en", replies[-1]), replies
    replies = say(stack, sender, "cancel")
    assert matches("utter_handoff_cancelled", "en", replies[0]), replies


def test_two_not_helpful_answers_bring_in_a_person(stack):
    sender = conversation()
    first = say(stack, sender, "с меня дважды списали деньги за заказ")
    assert first
    say(stack, sender, "/deny")
    second = say(stack, sender, "не могу войти в личный кабинет")
    assert second
    replies = say(stack, sender, "/deny")
    assert matches("utter_handoff_intro_not_helpful", "ru", replies[0]), replies
    assert matches("utter_ask_customer_name", "ru", replies[-1]), replies
    slots = tracker(stack, sender)["slots"]
    assert slots["handoff_reason"] == "not_helpful"
    assert [a["verdict"] for a in slots["kb_offered"]] == ["not_helpful", "not_helpful"]
    # The problem is the message the handoff is about: the latest one the bot could not help with.
    assert slots["handoff_problem"] == "не могу войти в личный кабинет"


def test_always_human_topics_go_straight_to_a_person(stack):
    # A request to delete one's data is answered by an article the search is sure of first
    # (test_answer_first_dialogue.py); a legal threat never is.
    replies = say(stack, conversation(), "я подам на вас в суд")
    assert matches("utter_legal_threat", "ru", replies[0]), replies
    assert matches("utter_ask_customer_name", "ru", replies[-1]), replies


def test_a_closed_case_asks_for_a_rating_and_stores_it(stack):
    sender = conversation()
    say(stack, sender, "привет")
    answer = requests.post(
        f"{stack.settings.rasa_url}/conversations/{sender}/trigger_intent",
        json={"name": "handoff_closed"},
        timeout=60,
    )
    answer.raise_for_status()
    messages = answer.json()["messages"]
    assert matches("utter_ask_rating", "ru", messages[0]["text"]), messages
    assert [b["title"] for b in messages[0]["buttons"]] == ["1", "2", "3", "4", "5"]
    replies = say(stack, sender, messages[0]["buttons"][4]["payload"])
    assert matches("utter_rating_thanks_high", "ru", replies[0]), replies
    assert tracker(stack, sender)["slots"]["rating_requested"] is False


def test_messages_the_bot_cannot_place_offer_a_person_then_bring_one_in(stack):
    sender = conversation()
    replies = say(stack, sender, "ыфвапр олдж ячсмить")
    assert matches("utter_kb_no_answer", "ru", replies[0]), replies
    body = {"sender": sender, "message": "ыфвапр олдж ячсмить"}
    answer = requests.post(
        f"{stack.settings.rasa_url}/webhooks/rest/webhook", json=body, timeout=60
    )
    answer.raise_for_status()
    messages = answer.json()
    assert matches("utter_kb_no_answer", "ru", messages[0]["text"]), messages
    assert "/request_human" in [b["payload"] for b in messages[0].get("buttons") or []]
    assert not tracker(stack, sender)["slots"]["handoff_reason"]
    replies = say(stack, sender, "ыфвапр олдж ячсмить")
    assert matches("utter_handoff_intro_low_confidence", "ru", replies[0]), replies
    assert matches("utter_ask_customer_name", "ru", replies[-1]), replies
    assert tracker(stack, sender)["slots"]["handoff_reason"] == "low_confidence"


def test_a_complaint_is_high_priority_and_its_text_is_the_problem(stack):
    sender = conversation()
    # no article answers it for sure (one that does comes first: test_answer_first_dialogue.py)
    complaint = "кошмарный сервис у вас, курьер нахамил и швырнул посылку"
    replies = say(stack, sender, complaint)
    assert matches("utter_complaint", "ru", replies[0]), replies
    slots = tracker(stack, sender)["slots"]
    assert slots["handoff_reason"] == "complaint" and slots["handoff_priority"] == "high"
    assert slots["handoff_problem"] == complaint
    say(stack, sender, "Олег")
    replies = say(stack, sender, "oleg@example.com")
    # A complaint about a courier is about an order: its number is asked, and may be skipped.
    assert matches("utter_ask_handoff_order_number", "ru", replies[-1]), replies
    replies = say(stack, sender, "не помню")
    assert matches("utter_ask_handoff_tried", "ru", replies[-1]), replies
