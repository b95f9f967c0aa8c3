"""Form answers the way customers write them: a name with a contact after it, an introduction in
lower case, a statement that the asked fact does not exist, a question the NLU read as a complaint,
what was tried told before the form asks, and the pending fact given after a question inside the
form was answered."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.form_words import denies_fact
from actions.handoff_form import PAUSED_SLOT, RESUME_SLOT, Answer, validate_answer
from actions.handoff_leave import ActionHandoffQuestion
from actions.handoff_reading import name_from
from actions.handoff_start import ActionHandoffStart
from actions.handoff_topic import no_articles
from actions.handoff_tried import reports_attempt, tried_in
from actions.handoff_trigger import resumes_handoff
from bot.common.facts import extract_facts
from tests.actions.conftest import TOPICS, slot, tracker, user


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Римма, пишите на rimma.kh@inbox.ru", "Римма"),
        ("it's jess, jess.orton@gmail.com", "Jess"),
        ("call me tom", "Tom"),
        ("I'm Tom Baker, email tom.baker@outlook.com", "Tom Baker"),
        ("Hiroshi. the app says v5.4.1 if that matters", "Hiroshi"),
        ("Sorry. my order is 12345678", None),
        ("https://vk.com/id123", None),
        ("4276 1234 5678 9012", None),
        ("номер 12345678", None),
        ("my order is 12345678", None),
        ("it's in the email", None),
        ("i'm waiting", None),
    ],
)
def test_the_name_is_read_with_the_facts_left_out(text: str, name: str | None):
    assert name_from(text) == name


def test_a_first_name_before_the_writers_own_contact_is_theirs():
    assert extract_facts("Римма, пишите на rimma.kh@inbox.ru").name == "Римма"
    assert extract_facts("Олег, звоните 8 916 123 45 67").name == "Олег"
    assert extract_facts("Марина, подскажите, где заказ").name is None
    assert extract_facts("Марина, проверьте заказ 12345678").name is None


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("номера заказа нет, он же не оформился из-за оплаты", True),
        ("у меня нет номера", True),
        ("заказ так и не создали", True),
        ("версии нету", True),
        ("не могу оформить заказ", False),
        ("заказ не пришёл", False),
        ("нет, курьер не приехал", False),
        ("оплата не прошла, деньги списались", False),
        ("there's no order number, the order never went through", True),
        ("it wasn't created", True),
        ("no, my order hasn't arrived", False),
        ("the order never got here", False),
        ("поменяла номер телефона, старой симки уже нет", False),
        ("оплатила заказ, а в моих заказах его нет", False),
        ("no idea what version it is", True),
        ("I'm away from my phone right now", True),
    ],
)
def test_a_statement_that_the_fact_does_not_exist(text: str, denies: bool):
    assert denies_fact(text) is denies


def test_a_question_read_as_a_complaint_inside_the_form_pauses_it():
    text = "подождите, а накопленные бонусы при удалении аккаунта сгорят?"
    answer = Answer(text=text, facts={}, intent="complaint", confidence=0.6)
    filled = validate_answer("handoff_tried", answer, CollectingDispatcher(), True, TOPICS)
    assert filled == {"handoff_tried": None, PAUSED_SLOT: True, RESUME_SLOT: "handoff_tried"}
    chat = Answer(text="а долго ждать оператора?", facts={}, intent="request_human", confidence=0.9)
    assert not chat.asks_something(TOPICS)


VERSION = "handoff_app_version"
PAUSED_AT_VERSION = {VERSION: None, PAUSED_SLOT: True, RESUME_SLOT: VERSION}


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        # a question: the form pauses for the answer, then goes back to the question
        (VERSION, "where do I even find that?", PAUSED_AT_VERSION),
        (
            "handoff_order_number",
            "а где его посмотреть",
            {"handoff_order_number": None, PAUSED_SLOT: True, RESUME_SLOT: "handoff_order_number"},
        ),
        # said with a skip: the question is skipped
        (VERSION, "не знаю, где её смотреть, давайте без версии", {VERSION: ""}),
        (VERSION, "не знаю версию, где её смотреть — без понятия", {VERSION: ""}),
    ],
)
def test_where_to_find_the_fact_asked(slot: str, text: str, expected: dict[str, Any]):
    answer = Answer(text=text, facts={}, intent="nlu_fallback", confidence=0.3)
    assert validate_answer(slot, answer, CollectingDispatcher(), True, TOPICS) == expected


def test_the_fact_asked_for_with_a_real_question_is_kept_and_the_question_answered():
    text = "chloe.marsh@icloud.com. btw how long is a gift card valid for?"
    facts = {"email": "chloe.marsh@icloud.com"}
    answer = Answer(text=text, facts=facts, intent="payment_failed", confidence=0.7)
    filled = validate_answer("handoff_contact", answer, CollectingDispatcher(), True, TOPICS)
    assert filled == {
        "handoff_contact": "chloe.marsh@icloud.com",
        PAUSED_SLOT: True,
        RESUME_SLOT: "handoff_contact",
    }


@pytest.mark.parametrize(
    "text",
    [
        "да что я должна была пробовать?! звонила на вашу горячую линию, там один робот отвечает",
        "Что пробовала? Всё сфотографировала, курьеру звонила — сбрасывает",
        "what was I supposed to try? I called twice and emailed",
        # the answer first, the question asked back after it as a reproach
        "Nothing. What am I supposed to try, charge myself back?",
        "Ничего. А что я должна была делать?",
        # asked back to say there is nothing to try
        "а что тут пробовать?? коробку даже не вскрывал дальше, фото могу скинуть",
        "what is there to try? it came with a crack",
    ],
)
def test_the_tried_question_asked_back_and_then_answered_is_an_answer(text: str):
    answer = Answer(text=text, facts={}, intent="contacts_hours", confidence=0.9)
    filled = validate_answer("handoff_tried", answer, CollectingDispatcher(), True, TOPICS)
    assert filled == {"handoff_tried": text}


async def test_a_question_read_as_a_complaint_is_answered_from_the_articles():
    class Knowledge:
        async def run(self, dispatcher: CollectingDispatcher, *_: Any) -> list[Any]:
            dispatcher.utter_message(response="utter_kb_answer")
            return []

    dispatcher = CollectingDispatcher()
    action = ActionHandoffQuestion({"complaint": "action_handoff_unless_article"}, Knowledge())  # type: ignore[arg-type]
    state = tracker([user("а бонусы при удалении аккаунта сгорят?", "complaint")])
    await action.run(dispatcher, state, {"responses": {"utter_complaint": []}})
    replies = [m.get("response") for m in dispatcher.messages]
    assert replies == ["utter_kb_answer", "utter_handoff_offer_again"]


@pytest.mark.parametrize(
    ("text", "attempt"),
    [
        ("пробовала восстановить пароль — письмо так и не пришло", True),
        ("I've tried reinstalling the app", True),
        # clipped chat English, without the "I"
        ("lightmarket site just spins forever on my laptop, tried refreshing", True),
        ("tried two different browsers and the app", True),
        ("the courier tried to deliver while I was out", False),
        ("opened the toothbrush, tried it once and don't like how it feels", False),
        ("ввожу пароль, пишет «неверный пароль»", False),
        ("вернула телевизор, а деньги не пришли", False),
        ("сама ничего не пробовала, кнопки удаления не нашла", True),
        ("переоформить заказ не пробовала", True),
        # a fix named by its noun, with its failed result
        ("Не помогло, переустановка тоже. Пусть мной займётся живой специалист", True),
        ("clearing the cache didn't help either", True),
        # getting in touch with someone who could help
        ("в банк вчера весь вечер дозванивалась — говорят, никаких поступлений", True),
        ("I called my bank and they see nothing", True),
        ("мне звонил курьер и сказал, что не приедет", False),
        ("the courier called me twice", False),
        # what the customer wants done is no attempt
        ("Не помогло. Хочу, чтобы этим занялся человек", False),
        # a step, a dash and what it came to, in the negative
        ("Смотрела отслеживание, ходила в пункт — там его нет. Передайте специалисту", True),
        ("checked with the neighbours - nobody has it", True),
        ("курьер приехал — не тот товар", False),
        ("оформила заказ - не пришло письмо", False),
        ("В профиле нажимаю «Удалить аккаунт» — ничего не происходит", False),
        ("«Отправить ещё раз» нажимала два раза — тишина", True),
        # writing to someone, and a call that never got through
        ("На b2b@lightmarket.example писали в понедельник — ответа нет", True),
        ("на 8 800 не дозвонился, всё занято", True),
        ("в заказе написано «доставлен»", False),
        ("курьер написал, что задерживается", False),
        ("прошла неделя — в «Моих заказах» чека нет", False),  # the week passed, its subject after
        ("Вы мне вчера в чате писали, что деньги вернутся сегодня — их нет", False),
        ("в пункте на Лесной показывал код получения — всё равно не отдали", True),
        ("отключила «Акции и скидки» в настройках, от писем отписалась, а смс идут", True),
        ("I switched SMS offers OFF in the settings two weeks ago and they still come", True),
        # a thing named before the verb that acts on it, the subject left out
        ("адблок выключал, в инкогнито то же самое", True),
        ("банк отклонил платёж, то же самое", False),
        # a step done again and again, or the problem still there after it
        # a count of the times is how often the problem came, not a step
        ("Третий раз пытаюсь оплатить заказ, банк пишет «отказ»", False),
        ("жму там «Оплатить» — снова E-500", True),
        ("updated from the play store this morning, still 404 on all of them", True),
        ("курьер снова не приехал", False),
        ("приложение опять вылетает при оплате", False),
        ("смс от банка приходит, код ввожу, и через секунду опять то же самое", False),
        # done to the customer, and a fact written rather than someone written to
        ("нет, подождите. хочу понять, почему мне её отключили", False),
        ("ой, и заказ я не тот написал — правильный 33905172", False),
        # a check the customer made
        ("проверил, у всех статус «Получен»", True),
    ],
)
def test_an_attempt_reported_in_so_many_words(text: str, attempt: bool):
    assert reports_attempt(text) is attempt


async def test_what_was_tried_before_the_form_is_not_asked():
    said = "пробовала восстановить пароль — письмо не пришло. Соедините с оператором"
    assert tried_in(["аккаунт заблокирован", said, "/request_human"]) == said
    action = ActionHandoffStart(TOPICS, no_articles)
    events = [user("аккаунт заблокирован", "account_login"), user(said, "request_human")]
    result = await action.run(CollectingDispatcher(), tracker(events), {"responses": {}})
    assert slot(result, "handoff_tried") == said


def paused_at(question: str, text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The form asked `question`, a question was answered and a person offered again; then the
    customer's `text` with its `entities`."""
    asked = {"event": "slot", "name": "requested_slot", "value": question}
    offer = {"event": "bot", "text": "…", "data": {}, "metadata": {}}
    offer["metadata"] = {"utter_action": "utter_handoff_offer_again"}
    latest = user(text, "tech_app_update", ts=2.0)
    latest["parse_data"]["entities"] = entities
    return [asked, user("how do I reset my password?", "account_password_reset"), offer, latest]


def test_the_fact_the_paused_form_asked_for_resumes_it():
    version = [{"entity": "app_version", "value": "5.11.4"}]
    text = "thanks. the version is 5.11.4"
    assert resumes_handoff(paused_at("handoff_app_version", text, version), text)
    assert not resumes_handoff(paused_at("handoff_order_number", text, version), text)
    assert not resumes_handoff(paused_at("handoff_app_version", "what is 5.11.4?", version), "?")


@pytest.mark.parametrize(
    "text", ["ясно. Возвращаемся к заявке", "ok, but I still need someone, the account is locked"]
)
def test_going_on_right_after_the_form_came_back_to_its_question_answers_nothing(text: str):
    back = Answer(text=text, facts={}, intent="nlu_fallback", confidence=0.4, back_to_form=True)
    assert validate_answer("handoff_tried", back, CollectingDispatcher(), True, TOPICS) == {
        "handoff_tried": None
    }
    elsewhere = Answer(text=text, facts={}, intent="nlu_fallback", confidence=0.4)
    filled = validate_answer("handoff_tried", elsewhere, CollectingDispatcher(), True, TOPICS)
    assert filled == {"handoff_tried": text}


def test_a_question_in_a_sentence_of_its_own_beside_the_facts_pauses_the_form():
    text = "это номер заказа был. телефон 8 926 713 05 49. а вообще сколько по правилам идут?"
    answer = Answer(text=text, facts={"phone": "+79267130549"}, intent="rate", confidence=0.4)
    assert answer.asks_something(TOPICS)
    given = "а заказ какой нужен, телефон 8 926 713 05 49?"  # the question holds the fact
    assert not Answer(given, {"phone": "+79267130549"}, "rate", 0.4).asks_something(TOPICS)
