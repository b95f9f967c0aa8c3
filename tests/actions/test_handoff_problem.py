"""Which of the customer's messages a handoff is about: the form's answer when the form asked,
else the last message before the request for a person that says what is wrong — not a greeting,
not the request itself, not a message that only gives a phone or an order number."""

from __future__ import annotations

from typing import Any

import pytest

from actions.conversation import Turn
from actions.handoff_problem import (
    content_words,
    continues,
    fact_only,
    handoff_turns,
    is_substantive,
    names_a_topic_only,
    names_again,
    points_back,
    problem_of,
)
from tests.actions.conftest import bot, tracker, user

TOPICS = {
    "greet": "smalltalk",
    "thanks": "smalltalk",
    "chitchat": "smalltalk",
    "request_human": "process",
    "complaint": "process",
    "affirm": "process",
    "deny": "process",
    "account_login": "account",
    "account_code_not_received": "account",
    "order_status": "orders",
    "return_item": "returns",
    "payment_failed": "payment",
    "payment_double_charge": "payment",
    "tech_app_crash": "technical",
    "tech_error_message": "technical",
}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name, "policy": None, "confidence": 1.0}


def asks(slot: str | None) -> dict[str, Any]:
    return {"event": "slot", "name": "requested_slot", "value": slot}


def slot_set(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def form_ends() -> list[dict[str, Any]]:
    return [asks(None), {"event": "active_loop", "name": None}]


def request_then_form(*answers: tuple[str, str, str, str]) -> list[dict[str, Any]]:
    """The request's handoff start and the form: (slot asked, answer, its intent, value set)."""
    events = [action("action_handoff_start"), action("handoff_form")]
    events.append({"event": "active_loop", "name": "handoff_form"})
    for asked, text, intent, value in answers:
        events += [asks(asked), bot("вопрос"), user(text, intent), slot_set(asked, value)]
    return [*events, *form_ends(), action("action_handoff_submit")]


def problem(events: list[dict[str, Any]], slots: dict[str, Any] | None = None):
    # The tracker as the submit action sees it: the submit action itself not run yet.
    if events and events[-1].get("name") == "action_handoff_submit":
        events = events[:-1]
    return problem_of(tracker(events, slots), TOPICS)


def test_the_problem_is_the_later_message_the_handoff_is_about_not_the_first():
    events = [
        user("не могу войти в личный кабинет", "account_login", 0.95),
        bot("Вот статья про вход"),
        user("спасибо, получилось", "thanks"),
        bot("Рад помочь!"),
        user("мне привезли чайник не того цвета, заказывала белый", "return_item", 0.71),
        bot("Вот как оформить возврат"),
        user("позовите оператора", "request_human", 0.99),
        *request_then_form(("customer_name", "Вера", "greet", "Вера")),
    ]
    found = problem(events, {"handoff_problem": "не могу войти в личный кабинет"})
    assert found is not None and not found.from_form
    assert found.text == "мне привезли чайник не того цвета, заказывала белый"
    assert (found.turn.intent, found.turn.confidence) == ("return_item", 0.71)


def test_the_forms_answer_wins_when_the_form_asked_about_the_problem():
    events = [
        user("добрый день", "greet"),
        user("хочу поговорить с оператором", "request_human"),
        *request_then_form(
            ("customer_name", "Анна", "greet", "Анна"),
            ("handoff_problem", "не приходит код из смс", "account_code_not_received", "x"),
            ("handoff_tried", "пропустить", "deny", ""),
        ),
    ]
    found = problem(events, {"handoff_problem": "не приходит код из смс"})
    assert found is not None and found.from_form
    assert found.text == "не приходит код из смс"
    assert found.turn.intent == "account_code_not_received"


def test_a_rejected_answer_then_a_good_one_takes_the_good_one():
    events = [
        user("оператор", "request_human"),
        *request_then_form(
            ("handoff_problem", "?", "nlu_fallback", None),
            ("handoff_problem", "деньги списали два раза", "payment_double_charge", "x"),
        ),
    ]
    found = problem(events, {"handoff_problem": "деньги списали два раза"})
    assert found is not None and found.turn.intent == "payment_double_charge"


def test_messages_that_only_give_facts_greet_or_ask_for_a_person_are_skipped():
    events = [
        user("здравствуйте", "greet"),
        user("где мой заказ? уже неделю жду", "order_status", 0.88),
        bot("Назовите номер заказа"),
        user("45873921", "order_status", 0.52),
        user("Андрей Кузнецов, заказ № 45 873 921, тел. 8 925 111-22-33", "order_status", 0.4),
        user("мой email andrey.k@mail.ru", "nlu_fallback", 0.3),
        user("/affirm", "affirm"),
        user("да", "affirm"),
        user("бот не помогает, дайте живого человека", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text == "где мой заказ? уже неделю жду"
    assert found.turn.intent == "order_status"


def test_a_request_for_a_person_that_also_says_what_is_wrong_is_the_problem():
    events = [
        user("не могу войти в личный кабинет", "account_login"),
        bot("Вот статья"),
        user("соедините с оператором, чайник пришёл красный вместо белого", "request_human", 0.8),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert found.text == "соедините с оператором, чайник пришёл красный вместо белого"
    assert found.turn.intent == "request_human"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi, I need an agent about a return", "return_item"),
        ("нужен оператор по возврату", "return_item"),
        # a matter's subject named, not what is wrong
        ("нужен оператор, вопрос по личному кабинету", "request_human"),
        ("I need an agent, question about my refund", "request_human"),
    ],
)
def test_a_request_that_names_only_a_topic_is_no_problem(text: str, intent: str):
    assert problem([user(text, intent, 0.67), *request_then_form()]) is None


def test_a_request_naming_a_topic_and_what_went_wrong_is_the_problem():
    words = content_words("нужен оператор, сломался чайник")
    assert not names_a_topic_only(words)
    assert not names_a_topic_only(content_words("оператор, деньги не пришли"))


def test_a_complaint_that_triggered_the_handoff_is_its_own_problem():
    events = [
        user("где мой заказ", "order_status"),
        bot("Статья про доставку"),
        user("курьер нахамил мне и уехал", "complaint", 0.93),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text == "курьер нахамил мне и уехал"


def test_what_the_form_added_to_the_problem_at_a_fact_question_is_kept():
    """handoff_form._problem_told appends what the customer told where a fact was asked; the
    case shows it with the complaint it began with."""
    complaint = "ну и сервис у вас, опять подвели"
    added = "курьер не приехал, весь день прождала"
    events = [user(complaint, "complaint", 0.93)]
    events += request_then_form(("customer_name", added, "complaint", "Оля"))
    found = problem(events, {"handoff_problem": f"{complaint}\n{added}"})
    assert found is not None and found.text == f"{complaint}\n{added}"
    found = problem(events, {"handoff_problem": "что-то другое"})
    assert found is not None and found.text == complaint


def test_the_same_question_asked_again_is_kept_together():
    events = [
        user("не могу войти в личный кабинет", "account_login"),
        bot("Статья про вход"),
        user("не проходит оплата картой", "payment_failed", 0.9),
        bot("Статья про оплату"),
        user("нет", "deny"),
        user("всё равно не проходит, пишет ошибка банка", "payment_failed", 0.8),
        user("оператора", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert found.text == "не проходит оплата картой\nвсё равно не проходит, пишет ошибка банка"
    assert found.turn.confidence == 0.8, "the latest message decides the intent"


def test_messages_of_an_earlier_case_and_answers_inside_the_form_do_not_count():
    earlier = [
        user("не проходит оплата", "payment_failed"),
        user("оператор", "request_human"),
        *request_then_form(("handoff_tried", "перезагрузил", "nlu_fallback", "перезагрузил")),
    ]
    now = [
        user("хочу поговорить с человеком", "request_human"),
        action("action_handoff_start"),
        asks("customer_name"),
        user("а как поменять пароль от кабинета?", "account_login"),
        *form_ends(),
    ]
    assert problem([*earlier, *now]) is None
    turns = handoff_turns(tracker([*earlier, *now]))
    assert [t.text for t in turns.before] == ["хочу поговорить с человеком"]
    assert turns.problem_answer is None


def test_after_a_restarted_form_the_problem_before_the_first_request_still_counts():
    events = [
        user("посылка пришла мятая", "return_item"),
        user("оператор", "request_human"),
        action("action_handoff_start"),
        asks("customer_name"),
        user("а сколько ждать?", "order_status"),
        *form_ends(),
        user("да, зовите", "affirm"),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None and found.text == "посылка пришла мятая"


def test_what_the_customer_added_after_an_answer_did_not_help_joins_the_problem():
    events = [
        user("сколько стоит доставка в Казань?", "order_status"),
        bot("Статья про доставку"),
        user("спасибо", "thanks"),
        user("приложение вылетает, когда открываю корзину", "tech_app_crash"),
        bot("Статья про сбои"),
        user("/deny", "deny"),
        user("ещё иногда выскакивает ошибка E-500", "tech_error_message", 0.7),
        bot("Статья про E-500"),
        user("/deny", "deny"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert (
        found.text
        == "приложение вылетает, когда открываю корзину\nещё иногда выскакивает ошибка E-500"
    )
    assert found.turn.confidence == 0.7, "the latest message decides the intent"


def test_a_message_that_goes_on_from_the_answered_question_joins_it():
    events = [
        user("потеряла телефон, а вход только по коду из смс. Как сменить номер?", "account_login"),
        bot("Статья про смену номера"),
        user("но для этого нужно войти, а я не могу. Позовите сотрудника", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert found.text.startswith("потеряла телефон")
    assert found.text.endswith("Позовите сотрудника")
    assert found.turn.intent == "account_login", "a request for a person names no topic"


def test_a_message_that_names_again_what_the_earlier_one_is_about_joins_it():
    events = [
        user("Почему за заказ 52730164 не начислились баллы? Прошло три недели", "order_status"),
        bot("Статья про бонусы"),
        user("Это я читал, сроки прошли, а баллов нет. Передайте сотруднику", "complaint"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert found.text.startswith("Почему за заказ")
    assert found.turn.intent == "order_status", "a complaint names no topic"


def test_a_second_message_on_the_same_support_topic_joins_the_first():
    events = [
        user("The app freezes whenever I open my wishlist", "tech_app_crash"),
        bot("Article on crashes"),
        user("I'm on v5.14, Android 13. It started after the last update", "tech_error_message"),
        user("ok, can a real person look at this?", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None
    assert found.text.startswith("The app freezes"), found.text


def test_an_opener_that_names_nothing_is_not_part_of_the_problem():
    events = [
        user("Добрый вечер, Мария! У меня тут такая ситуация", "vague_problem"),
        bot("Что случилось?"),
        user(
            "заказал подарок, обещали к пятнице, а статус «в пути» с прошлой среды", "nlu_fallback"
        ),
        user("мне нужен живой человек, а не статьи", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("заказал подарок"), found.text


def test_an_opener_that_says_what_it_is_about_stays_with_the_problem():
    events = [
        user("у меня вопрос по беспроводным наушникам, которые я у вас покупал", "out_of_scope"),
        bot("Что случилось?"),
        user("левый наушник перестал заряжаться, индикатор не горит", "nlu_fallback"),
        user("можно, чтобы это оформил сотрудник?", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("у меня вопрос по беспроводным"), found.text


def test_a_message_that_begins_with_a_pronoun_for_the_item_joins_the_one_naming_it():
    events = [
        user("здравствуйте, получила вчера от вас робот-пылесос", "out_of_scope"),
        bot("Не нашёл ответа"),
        user("он вообще не заряжается от базы, индикатор даже не мигает", "tech_app_crash"),
        user("хочу поговорить с сотрудником", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("здравствуйте, получила"), found.text


def test_asking_whom_to_talk_to_about_it_goes_on_with_the_problem_before():
    events = [
        user("месяц назад купили у вас кофемашину", "out_of_scope"),
        user("теперь из-под неё течёт вода, после каждой чашки лужа на столе", "out_of_scope"),
        user("с кем можно поговорить по этому поводу?", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("месяц назад купили"), found.text


def test_a_request_that_tells_another_problem_does_not_join_the_question_before():
    events = [
        user("не могу войти в личный кабинет", "account_login"),
        bot("Статья про вход"),
        user("соедините с оператором, чайник пришёл не того цвета", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("соедините"), found.text


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("так для этого надо войти", True),
        ("But I can't do that, the app won't open", True),
        ("это не помогло, позовите человека", True),
        ("в приложении такой кнопки нет. позовите менеджера", True),
        ("кнопки «Вывести» у меня нет, только «Пополнить». позовите сотрудника", True),
        ("I don't see that button anywhere", True),
        ("статья не про мой случай, пусть разберётся кто-нибудь из ваших", True),
        ("в статье написано, что нельзя, но заказ ещё даже не собран", True),
        ("такие сроки меня не устраивают", False),
        ("а ещё приложение вылетает в корзине", False),
        ("и другой вопрос: деньги за возврат не пришли", False),
        ("статус «Собран», значит только через оператора? Соедините", True),
        ("тогда позовите сотрудника", True),
        ("actually no, please do put me through", True),
        ("все-таки соедините с человеком", True),
        ("заказ не пришёл, хотя статус «Доставлен»", False),
        ("Still happens every few minutes, even right after I log in again", True),
        ("всё ещё выкидывает из аккаунта", True),
        # not yet counted out against the answer's terms; the answer's button is not there
        ("Семь дней ещё не прошло, а кнопки в приложении нет", True),
        # what the answer says, quoted back; a verdict on what it asks
        ("там написано обратиться в поддержку, вот я и обращаюсь", True),
        ("Sounds complicated. Can someone just do it for me?", True),
        ("кнопка оплаты серая", False),
        # the answer's terms have run out
        ("по вашим срокам уже всё прошло. хочу поговорить с человеком", True),
        ("those 10 days have passed, get me a human", True),
        ("срок возврата денег уже истёк, соедините с оператором", True),
        # waited out with nothing at all
        ("час уже жду, ни одной смски. мне нужен живой человек", True),
        ("still waiting, can I talk to someone?", True),
        ("жду курьера, позовите оператора", False),
    ],
)
def test_continues(text: str, goes_on: bool):
    assert continues(text) is goes_on


def test_an_answer_that_did_not_help_then_another_topic_is_another_problem():
    events = [
        user("с меня дважды списали деньги за заказ", "payment_double_charge"),
        bot("Статья про списания"),
        user("/deny", "deny"),
        user("не могу войти в личный кабинет", "account_login"),
        bot("Статья про вход"),
        user("/deny", "deny"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text == "не могу войти в личный кабинет"


def test_a_question_inside_the_form_and_the_way_back_are_not_the_problem():
    events = [
        user("приложение выкидывает на шаге оплаты, позовите специалиста", "request_human"),
        action("action_handoff_start"),
        asks("handoff_app_version"),
        user("а как вообще обновить приложение?", "account_login"),
        *form_ends(),
        action("action_handoff_question"),
        user("ясно, спасибо, давайте всё-таки продолжим с сотрудником", "request_human"),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None
    assert found.text == "приложение выкидывает на шаге оплаты, позовите специалиста"


def test_a_request_for_a_person_with_the_writers_facts_is_not_the_problem():
    events = [
        user("Приложение вылетает каждый раз, когда прикрепляю фото к отзыву", "tech_app_crash"),
        user("Нет, не помогло", "deny"),
        user(
            "да, давайте человека. Я Эльмира, пишите на ELMIRA.G@YANDEX.RU, версия 5.4.1 на айфоне",
            "request_human",
        ),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None and "вылетает" in found.text


def test_going_on_with_a_handoff_called_off_is_not_the_problem():
    cancelled = {
        "event": "bot",
        "text": "Хорошо",
        "metadata": {"utter_action": "utter_handoff_cancelled"},
    }
    events = [
        user("Не пришёл чек на почту после оплаты. Можно оператора?", "payment_receipt"),
        action("action_handoff_start"),
        asks("handoff_contact"),
        user("хм, подождите, может, он в спам попал... пока не надо", "account_login"),
        *form_ends(),
        action("action_handoff_cancel"),
        cancelled,
        user("нет, в спаме пусто. Продолжайте, пожалуйста, оформлять", "nlu_fallback"),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None and found.text.startswith("Не пришёл чек")


def test_a_handoff_asked_for_again_after_calling_it_off_is_about_what_that_message_says():
    """Read at the new start, before its own start is recorded: the message that brings the
    handoff back is counted with the ones before the first request."""
    cancelled = {
        "event": "bot",
        "text": "Got it, cancelled",
        "metadata": {"utter_action": "utter_handoff_cancelled"},
    }
    locked = (
        "no sorry, I do need someone after all, my account got locked after I changed my password"
    )
    events = [
        user("speak to a person", "request_human"),
        action("action_handoff_start"),
        asks("customer_name"),
        user("oh wait, forget it", "nlu_fallback"),
        *form_ends(),
        action("action_handoff_cancel"),
        cancelled,
        user(locked, "request_human"),
    ]
    found = problem(events)
    assert found is not None and found.text == locked


def test_a_request_the_nlu_could_not_place_goes_on_from_the_question_before():
    events = [
        user("Hi, I'm Isabel. Can I still cancel order 26 904 117?", "order_status"),
        bot("How to cancel an order"),
        user(
            "I don't want to pay for a return. Could someone from your team stop it?",
            "nlu_fallback",
        ),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None and "cancel" in found.text and "stop it" in found.text
    assert found.turn.intent == "order_status"


def test_two_messages_the_bot_did_not_understand_are_both_kept():
    events = [user("фывапр олдж", "nlu_fallback", 0.2), user("ячсмить", "nlu_fallback", 0.1)]
    found = problem(events)
    assert found is not None and found.text == "фывапр олдж\nячсмить"


def test_english_conversation():
    events = [
        user("hi there", "greet"),
        user("I was charged twice for order 45873921", "payment_double_charge", 0.9),
        bot("Here is the article"),
        user("my phone is +44 20 7946 0958", "nlu_fallback", 0.3),
        user("can I talk to a real person please", "request_human"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text == "I was charged twice for order 45873921"


def test_nothing_said_about_the_problem_gives_none():
    assert problem([user("оператор", "request_human"), *request_then_form()]) is None
    assert problem([]) is None


@pytest.mark.parametrize(
    "text",
    [
        "45873921",
        "Андрей Кузнецов, заказ 71529304, тел. 8 925 111-22-33",
        "+7 (903) 555 12 34",
        "мой номер заказа № 58 213 947",
        "v5.12",
        "I'm Tom Baker, email tom.baker@outlook.com",
        "меня зовут Вера",
        "4111 1111 1111 1111",
    ],
)
def test_fact_only_messages(text: str):
    assert fact_only(text)
    assert not is_substantive(Turn(text, "order_status", 0.9, None, {}), TOPICS)


@pytest.mark.parametrize(
    "text",
    [
        "Добрый вечер, я Вера, номер заказа 39182746, посылка так и не пришла",
        "заказ 45873921 не доставили",
        "в версии 5.12 приложение вылетает при оплате",
        "чайник пришёл не того цвета",
    ],
)
def test_messages_with_facts_and_a_problem_are_not_fact_only(text: str):
    assert not fact_only(text)
    assert is_substantive(Turn(text, "order_status", 0.9, None, {}), TOPICS)


def test_content_words_drop_fillers_and_requests_for_a_person():
    assert content_words("Здравствуйте! Позовите, пожалуйста, оператора") == []
    assert content_words("connect me to a human agent please") == []
    assert content_words("не пришёл заказ 45873921, на a@b.ru") == ["пришел", "заказ"]


def test_a_problem_that_goes_on_over_messages_the_nlu_reads_anew_keeps_its_topic_and_words():
    """ "код ввожу, и опять то же самое" after a declined card reads as a sign-in code; a message
    put outside the help center in the middle of it belongs to it too."""
    events = [
        user("не проходит оплата картой, пишет платёж отклонён", "payment_failed"),
        bot("Статья про оплату"),
        user("смс от банка приходит, код ввожу, и опять то же самое", "account_login"),
        bot("Статья про коды"),
        user("а мне сегодня надо оплатить, завтра акция кончается", "out_of_scope"),
    ]
    found = problem([*events, *request_then_form()])
    assert found is not None and found.text.startswith("не проходит оплата картой")
    assert found.text.endswith("завтра акция кончается")
    assert found.turn.intent == "payment_failed"


@pytest.mark.parametrize(
    "text",
    [
        "прочитал, но непонятно, как быть с доплатой",
        "i read that but the button is not there",
        "this isn't helping, please pass me to one of your colleagues",
    ],
)
def test_having_read_the_article_or_that_it_does_not_help_goes_on(text: str):
    assert continues(text)


def test_a_message_that_only_names_the_order_and_the_item_joins_the_problem_before_it():
    dies = "my new cordless vacuum dies after about 5 minutes on a full charge"
    named = "order #72915048, the grey one with the wall mount. can I talk to a person please?"
    events = [
        user(dies, "out_of_scope", 0.5),
        bot("There's an article on this"),
        user(named, "order_status", 0.6),
        *request_then_form(("customer_name", "Priya", "greet", "Priya")),
    ]
    found = problem(events)
    assert found is not None and found.text == f"{dies}\n{named}"
    # an order number with a trouble of its own is a problem of its own
    late = "order #72915048 has not arrived, can I talk to a person please?"
    events[2] = user(late, "order_status", 0.6)
    found = problem(events)
    assert found is not None and found.text == late


def answered_then(first: tuple[str, str], article: str, later: tuple[str, str]) -> list[dict]:
    """A message, the article the bot answered it with, a later message, then the form."""
    return [
        user(first[0], first[1], 0.9),
        bot(article),
        user(later[0], later[1], 0.9),
        *request_then_form(("customer_name", "Жанна", "greet", "Жанна")),
    ]


BOUGHT = ("Купила пылесос за 34 990, а через два дня он стоит 29 990. Нормально?", "return_item")
PRICE_DROP = "Если цена снизилась в течение 7 дней, мы вернём разницу Лайт-бонусами."
RETURNED = (
    "вернул наушники две недели назад, заказ 35 802 617, а деньги не пришли",
    "return_item",
)
REFUNDS = "Проверьте статус в «Мои заказы» → «Возвраты»: возврат должен быть одобрен."


@pytest.mark.parametrize(
    ("first", "article", "later"),
    [
        # a complaint about the answer, in its words ("бонусами")
        (BOUGHT, PRICE_DROP, ("Компенсация бонусами? Серьёзно? Это издевательство", "complaint")),
        # a request for a person that tells how the answer's advice went ("статус", "возврат")
        (
            RETURNED,
            REFUNDS,
            ("Статус «Возврат одобрен» висит 12 дней. Переключите", "request_human"),
        ),
    ],
)
def test_a_message_that_takes_up_the_answer_just_given_joins_the_problem_it_answered(
    first: tuple[str, str], article: str, later: tuple[str, str]
):
    found = problem(answered_then(first, article, later))
    assert found is not None and found.text == f"{first[0]}\n{later[0]}"
    assert found.turn.intent == first[1]  # the topic is the problem's, not the reaction's


def test_a_complaint_that_names_things_of_its_own_is_a_problem_of_its_own():
    kettle = ("это безобразие, чайник пришёл не того цвета", "complaint")
    found = problem(answered_then(BOUGHT, PRICE_DROP, kettle))
    assert found is not None and found.text == kettle[0]


def test_a_request_that_names_nothing_of_its_own_joins_the_problem_before_it():
    exchange = (
        "Можно обменять смартфон на другую модель с доплатой? Заказ 21830654",
        "return_item",
    )
    later = ("Звучит сложно. Можно я лучше с вашим сотрудником это оформлю?", "request_human")
    found = problem(answered_then(exchange, "Статья про обмен", later))
    assert found is not None and found.text == f"{exchange[0]}\n{later[0]}"


def test_a_thanks_ends_the_problem_before_it():
    """The answer solved the first question; the handoff is about what came after the thanks."""
    charged = "The actual problem: I paid for order 92047318 and my card was charged twice"
    events = [
        user("Hello, how do I switch the website to English?", "nlu_fallback", 0.4),
        bot("Site language and currency"),
        user("Thanks, that worked.", "thanks", 0.9),
        user(charged, "payment_double_charge", 0.9),
        bot("I was charged twice"),
        user("Both are completed in my banking app, not pending", "nlu_fallback", 0.3),
        *request_then_form(("customer_name", "Marco", "greet", "Marco")),
    ]
    found = problem(events)
    assert found is not None and found.text.startswith(charged), found.text
    assert found.turn.intent == "payment_double_charge"


@pytest.mark.parametrize(
    "text",
    [
        "о, по коду пустило, спасибо. теперь по делу: в заказе пришёл чайник с трещиной, "
        "сотрудник нужен",
        "ok that worked. another thing: my kettle arrived cracked, can I talk to someone?",
        "ok cheers. unrelated — the kettle I got last week is cracked. can someone call me?",
        "also the price went down 2 days after i bought them, can i get the difference back?",
    ],
)
def test_a_message_that_turns_to_another_matter_does_not_join_the_question_before(text: str):
    events = [
        user("а можно войти без пароля? я его не помню", "account_password_reset"),
        bot("Как восстановить или сменить пароль"),
        user(text, "nlu_fallback", 0.3),
        *request_then_form(),
    ]
    found = problem(events)
    assert found is not None and found.text == text, found.text


def test_a_word_of_the_same_family_names_the_same_thing_again():
    earlier = "купил earbuds, левый перестал заряжаться. сервисный центр только в другом городе"
    assert names_again("короче нужен manager, в сервис ехать 200 км, не вариант", earlier)
    assert not names_again("соедините, чайник пришёл не того цвета", "не могу войти в кабинет")


def test_a_request_that_only_says_nothing_was_bought_yet_is_no_problem():
    """The questions before it are the problem, not "haven't bought anything yet"."""
    vesa = ("does the 65 inch TV on your homepage take a VESA 400x400 wall mount?", "out_of_scope")
    later = ("sure, get me someone. haven't bought anything yet", "product_info")
    found = problem(answered_then(vesa, "I don't have a ready answer to that.", later))
    assert found is not None and found.text == vesa[0]


def test_a_request_after_waiting_with_nothing_joins_the_problem_before_it():
    code = ("поменял симку, а код на новый номер не приходит", "account_code_not_received")
    later = ("час уже жду, ни одной смски. мне нужен живой человек", "request_human")
    found = problem(answered_then(code, "Нажмите «Нет доступа к номеру».", later))
    assert found is not None and found.text == f"{code[0]}\n{later[0]}"


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("он вообще не заряжается от базы", True),
        ("I need a human please, the discount on it ends tonight", True),
        ("соедините с оператором, он мне нужен к пятнице", True),
        # a request that tells a problem of its own
        ("connect me to an agent, my kettle arrived and it leaks badly from the bottom", False),
    ],
)
def test_points_back(text: str, back: bool):
    assert points_back(text) is back


def test_a_message_that_tells_what_was_done_about_it_joins_the_problem():
    delete = (
        "хочу удалить аккаунт, а пишет «у вас есть незавершённые заказы». все давно получены",
        "delete_personal_data",
    )
    later = ("проверил, у всех статус «Получен». пусть человек удалит вручную", "request_human")
    found = problem(answered_then(delete, "Дождитесь завершения активных заказов.", later))
    assert found is not None and found.text == f"{delete[0]}\n{later[0]}"
