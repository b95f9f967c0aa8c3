"""Starting a handoff: the reason, priority and topic of the case, what is filled in from the
conversation and the website, and the form that follows."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_start import ActionHandoffStart
from actions.handoff_topic import no_articles
from tests.actions.conftest import TOPICS, bot, followup, slot, tracker, user

DOMAIN = {"responses": {"utter_request_human": [], "utter_complaint": [], "utter_legal_threat": []}}


async def start(events: list[dict[str, Any]], slots: dict[str, Any] | None = None):
    dispatcher = CollectingDispatcher()
    action = ActionHandoffStart(TOPICS, no_articles)
    result = await action.run(dispatcher, tracker(events, slots), DOMAIN)
    return [m.get("response") for m in dispatcher.messages], result


async def test_request_after_a_payment_question_prefills_the_problem():
    events = [
        user("добрый день", "greet"),
        bot("Здравствуйте!"),
        user("не проходит оплата картой", "payment_failed", 0.93),
        bot("Статья про оплату"),
        user("позовите оператора", "request_human", 0.99),
    ]
    replies, result = await start(events)
    assert replies == ["utter_request_human"]
    assert slot(result, "handoff_reason") == "requested"
    assert slot(result, "handoff_priority") == "normal"
    assert slot(result, "handoff_topic") == "payment"
    assert slot(result, "handoff_intent") == {"name": "payment_failed", "confidence": 0.93}
    assert slot(result, "handoff_problem") == "не проходит оплата картой"
    assert followup(result) == "handoff_form"


async def test_bare_request_leaves_the_problem_to_the_form():
    _, result = await start([user("хочу поговорить с оператором", "request_human", 0.97)])
    assert "handoff_problem" not in [e.get("name") for e in result]
    assert slot(result, "handoff_topic") == "process"
    assert slot(result, "handoff_intent") == {"name": "request_human", "confidence": 0.97}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Здравствуйте, мне нужен оператор по оплате", "payment"),
        ("I need to speak to an agent about my order", "orders"),
        ("соедините с кем-нибудь по поводу входа в аккаунт", "account"),
    ],
)
async def test_a_bare_request_that_names_a_topic_takes_it_for_the_questions(text: str, topic: str):
    """The order number is asked before the problem is told: the request says it is a payment's."""
    _, result = await start([user(text, "request_human", 0.9)])
    assert slot(result, "handoff_topic") == topic
    assert slot(result, "handoff_intent") == {"name": "request_human", "confidence": 0.9}


async def test_complaint_and_legal_threat_are_high_priority():
    _, result = await start([user("курьер нахамил мне", "complaint")])
    assert slot(result, "handoff_reason") == "complaint"
    assert slot(result, "handoff_priority") == "high"
    assert slot(result, "handoff_problem") == "курьер нахамил мне"
    replies, result = await start([user("я подам на вас в суд", "legal_threat")])
    assert replies == ["utter_legal_threat"]
    assert slot(result, "handoff_reason") == "always_human"
    assert slot(result, "handoff_priority") == "high"


async def test_a_complaint_that_asks_for_a_person_is_recorded_as_the_request():
    """Introduced and prioritised as a complaint; the customer asked for a person, so the form
    treats it as their request, not a handoff the bot began (handoff_form.bot_began)."""
    text = "Third time the courier never showed up. I want a real person NOW"
    replies, result = await start([user(text, "complaint")])
    assert replies == ["utter_complaint"]
    assert slot(result, "handoff_reason") == "requested"
    assert slot(result, "handoff_priority") == "high"
    _, result = await start([user("это уже третий раз, безобразие", "complaint")])
    assert slot(result, "handoff_reason") == "complaint"


async def test_swearing_anywhere_raises_the_priority():
    events = [user("где мой заказ, бля", "order_status"), user("оператора", "request_human")]
    _, result = await start(events)
    assert slot(result, "handoff_reason") == "requested"
    assert slot(result, "handoff_priority") == "high"


async def test_a_reason_set_by_another_action_keeps_its_own_intro():
    replies, result = await start(
        [user("фывапр", "nlu_fallback", 0.2), user("олдж", "nlu_fallback", 0.1)],
        {"handoff_reason": "low_confidence"},
    )
    assert replies == ["utter_handoff_intro_low_confidence"]
    assert slot(result, "handoff_reason") == "low_confidence"
    assert slot(result, "handoff_problem") == "фывапр\nолдж"  # both tries, in their words


async def test_the_problem_is_the_message_the_handoff_is_about_not_the_first_one():
    events = [
        user("как войти в аккаунт, если забыла пароль?", "account_login"),
        bot("Статья про вход"),
        user("/affirm", "affirm"),
        user(
            "И ещё: привезли чайник не того цвета. Позовите, пожалуйста, человека",
            "request_human",
        ),
    ]
    _, result = await start(events)
    assert slot(result, "handoff_problem").startswith("И ещё: привезли чайник не того цвета")


async def test_a_greeting_with_a_request_leaves_the_problem_to_the_form():
    _, result = await start([user("Добрый день", "greet"), user("оператора мне", "request_human")])
    assert "handoff_problem" not in [e.get("name") for e in result]


async def test_name_and_email_from_the_website_are_used():
    metadata = {"name": "Анна", "email": "Anna@Example.com"}
    _, result = await start(
        [user("оператор", "request_human")], {"session_started_metadata": metadata}
    )
    assert slot(result, "customer_name") == "Анна"
    assert slot(result, "email") == "anna@example.com"


async def test_a_name_the_website_passed_later_is_used_too():
    events = [user("привет", "greet"), user("оператор", "request_human", metadata={"name": "Олег"})]
    _, result = await start(events)
    assert slot(result, "customer_name") == "Олег"


async def test_an_open_ticket_is_not_opened_twice():
    replies, result = await start([user("оператор", "request_human")], {"handoff_ticket": "LM-7"})
    assert replies == ["utter_handoff_already_open"]
    assert followup(result) is None


async def test_a_case_the_gateway_did_not_take_is_sent_again():
    replies, result = await start(
        [user("оператор", "request_human")], {"handoff_pending_case": {"reason": "requested"}}
    )
    assert replies == []
    assert followup(result) == "action_handoff_submit"


async def test_a_request_that_says_what_it_is_about_takes_that_topic_for_its_questions():
    """The courier did not come: the form asks for the order number, as for any order."""
    event = user(
        "Курьер не приехал, весь день прождала. Хочу связаться с человеком", "request_human"
    )
    event["parse_data"]["intent_ranking"] = [
        {"name": "request_human", "confidence": 0.49},
        {"name": "greet", "confidence": 0.2},
        {"name": "order_status", "confidence": 0.16},
    ]
    _, result = await start([event])
    assert slot(result, "handoff_topic") == "orders"
    assert slot(result, "handoff_intent") == {"name": "request_human", "confidence": 0.9}
    event["parse_data"]["intent_ranking"][2]["confidence"] = 0.01  # too weak to tell
    _, result = await start([event])
    assert slot(result, "handoff_topic") == "orders", "the courier names it"
    event["text"] = "Весь день прождала. Хочу связаться с человеком"
    _, result = await start([event])
    assert slot(result, "handoff_topic") == "process"


async def test_a_handoff_another_action_asked_for_is_introduced_by_its_reason():
    """ "хочу вернуть наушники... позовите сотрудника": return_item's own reply is its answer."""
    domain = {"responses": {**DOMAIN["responses"], "utter_return_item": []}}
    events = [user("хочу вернуть наушники, позовите сотрудника", "return_item")]
    dispatcher = CollectingDispatcher()
    state = tracker(events, {"handoff_reason": "requested"})
    await ActionHandoffStart(TOPICS, no_articles).run(dispatcher, state, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_request_human"]


async def test_the_topic_comes_from_the_problem_not_from_an_earlier_answered_question():
    """A delivery question answered, then an app crash and a request for a person: the form asks
    for the app version, not the order number."""
    crash = user(
        "приложение вылетает, когда открываю корзину. Соедините со специалистом",
        "request_human",
        ts=3.0,
    )
    crash["parse_data"]["intent_ranking"] = [
        {"name": "request_human", "confidence": 0.6},
        {"name": "tech_app_crash", "confidence": 0.3},
    ]
    events = [user("где мой заказ?", "order_status", 0.95, ts=1.0), bot("Статья"), crash]
    _, result = await start(events)
    assert slot(result, "handoff_topic") == "technical"
    crash["parse_data"]["intent_ranking"][1]["confidence"] = 0.02  # a guess: the words decide
    _, result = await start(events)
    assert slot(result, "handoff_topic") == "technical"
    crash["text"] = "всё перестало нормально работать после обновления. Соедините со специалистом"
    _, result = await start(events)
    assert slot(result, "handoff_topic") == "process"


async def test_a_request_by_another_action_is_introduced_as_requested():
    events = [user("спасибо, но соедините с человеком", "thanks")]
    dispatcher = CollectingDispatcher()
    state = tracker(events, {"handoff_reason": "requested"})
    await ActionHandoffStart(TOPICS, no_articles).run(dispatcher, state, DOMAIN)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_request_human"]


async def test_a_request_that_also_complains_is_introduced_with_empathy():
    text = "Третью неделю жду возврат денег, это возмутительно! Пусть со мной свяжется сотрудник"
    replies, result = await start([user(text, "refund_status")], {"handoff_reason": "requested"})
    assert replies == ["utter_complaint"]
    assert slot(result, "handoff_reason") == "requested"


@pytest.mark.parametrize(
    "text",
    [
        "Вы списали деньги дважды, мне срочно нужен сотрудник",
        "The parcel came damaged again, I want to talk to someone right away",
    ],
)
async def test_a_request_with_a_grievance_gets_empathy_and_the_priority_it_promises(text: str):
    replies, result = await start(
        [user(text, "payment_double_charge")], {"handoff_reason": "requested"}
    )
    assert replies == ["utter_complaint"]
    assert slot(result, "handoff_priority") == "high"


async def test_a_plain_request_with_a_problem_gets_the_plain_introduction():
    text = "хочу поменять размер кроссовок, позовите сотрудника"
    replies, result = await start([user(text, "return_item")], {"handoff_reason": "requested"})
    assert replies == ["utter_request_human"]
    assert slot(result, "handoff_priority") == "normal"


async def test_without_a_topic_from_the_nlu_the_problems_words_name_it():
    """A request for a person that says what is wrong in words the NLU gave no topic to, or read
    as a question about the contacts of support."""
    partial = user(
        "Привезли не всё: из трёх позиций только две. Позовите оператора", "request_human"
    )
    _, result = await start([partial])
    assert slot(result, "handoff_topic") == "orders"
    app = user(
        "Push notifications stopped working in the app, can an agent help?", "contacts_hours"
    )
    app["parse_data"]["intent_ranking"] = [{"name": "contacts_hours", "confidence": 0.7}]
    app["parse_data"]["text"] = app["text"]
    _, result = await start([app], {"handoff_reason": "requested"})
    assert slot(result, "handoff_topic") == "technical"
    lift = user("А подъём на 9 этаж без лифта у вас платный? Позовите человека", "contacts_hours")
    lift["parse_data"]["text"] = lift["text"]
    _, result = await start([lift], {"handoff_reason": "requested"})
    assert slot(result, "handoff_topic") == "contacts", "no words name another topic"
