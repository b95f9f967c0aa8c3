"""handoff_form asks only for what is missing and reads answers the way customers write them:
several facts at once, a fact typed for the wrong question, skip and cancel in free words, a real
question in the middle, things that are not names, invalid contacts.

Each turn is played as Rasa plays it: the facts the Rasa server's fact extractor reads, the slots
domain.yml's mappings fill from them and from the text, then the form's validation action on that
tracker."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_form import (
    PAUSED_SLOT,
    Answer,
    ArticleAnswer,
    ValidateHandoffForm,
    bot_began,
)
from actions.handoff_questions import QUESTIONS, SKIPPED
from actions.handoff_reading import describes_problem, is_question, name_from
from actions.handoff_topic import no_articles
from bot.common.facts import extract_facts
from bot.common.settings import PROJECT_ROOT
from bot.rasa_server.nlu.fact_extractor import fact_values
from tests.actions.conftest import TOPICS, slot, tracker, user

DOMAIN_FILE = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
FORM_SLOTS = DOMAIN_FILE["forms"]["handoff_form"]["required_slots"]
DOMAIN = {"forms": {"handoff_form": {"required_slots": FORM_SLOTS}}, "slots": {}}


@pytest.fixture(autouse=True)
def topics(monkeypatch):
    """The intent files' topics, as the running server reads them."""
    monkeypatch.setattr("actions.handoff_form.intent_topics", lambda: TOPICS)


def fact_entities(text: str) -> list[dict[str, Any]]:
    found = fact_values(extract_facts(text), text)
    return [{"entity": entity, "value": value} for entity, value in found.items()]


def extracted_slots(text: str, entities: list[dict[str, Any]], asking: str) -> dict[str, Any]:
    """What Rasa's action_extract_slots sets, by domain.yml's mappings (the first that gives a
    value wins), while the form asks for `asking`."""
    found: dict[str, Any] = {}
    for name, spec in DOMAIN_FILE["slots"].items():
        for mapping in spec.get("mappings") or []:
            conditions = mapping.get("conditions") or []
            if conditions and not any(
                c.get("active_loop") == "handoff_form" and c.get("requested_slot") in (None, asking)
                for c in conditions
            ):
                continue
            value = None
            if mapping["type"] == "from_entity":
                value = next(
                    (e["value"] for e in entities if e["entity"] == mapping["entity"]), None
                )
            elif mapping["type"] == "from_text":
                value = text
            if value is not None:
                found[name] = value
                break
    return found


def no_answer(message: Answer) -> bool:
    return False


def answered(message: Answer) -> bool:
    return True


async def answer(
    asking: str,
    text: str,
    slots: dict[str, Any] | None = None,
    intent: str = "nlu_fallback",
    confidence: float = 0.9,
    answers: ArticleAnswer = no_answer,
):
    """The customer answers the question `asking`: what the form says and the events it returns.
    The facts among `slots` were set by earlier messages; `answers` stands in for the help-article
    search's verdict."""
    entities = fact_entities(text)
    filled = extracted_slots(text, entities, asking)
    event = user(text, intent, confidence)
    event["parse_data"]["entities"] = entities
    earlier = [
        {"event": "slot", "name": k, "value": v}
        for k, v in (slots or {}).items()
        if k in ("customer_name", "email", "phone", "order_number", "app_version")
    ]
    events = [*earlier, event] + [
        {"event": "slot", "name": k, "value": v} for k, v in filled.items()
    ]
    state = tracker(
        events, {"requested_slot": asking, **(slots or {}), **filled}, entities=entities
    )
    dispatcher = CollectingDispatcher()
    result = await ValidateHandoffForm(no_articles, answers).run(dispatcher, state, DOMAIN)
    return [m.get("response") for m in dispatcher.messages], result


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def required(slots: dict[str, Any]) -> list[str]:
    form = ValidateHandoffForm(no_articles)
    return await form.required_slots(FORM_SLOTS, CollectingDispatcher(), tracker([], slots), {})


ANNA = {"customer_name": "Анна", "handoff_topic": "orders"}


async def test_everything_is_asked_for_a_stranger_on_a_payment_topic():
    assert await required({"handoff_topic": "payment"}) == [
        "customer_name",
        "handoff_contact",
        "handoff_order_number",
        "handoff_problem",
        "handoff_tried",
    ]


async def test_known_contact_order_number_and_name_are_skipped():
    slots = {
        "handoff_topic": "orders",
        "customer_name": "Анна",
        "phone": "+79123456789",
        "order_number": "45873921",
    }
    missing = [s for s in await required(slots) if slots.get(s) is None]
    assert missing == ["handoff_problem", "handoff_tried"]


async def test_technical_topics_ask_for_the_app_version_not_the_order():
    slots = {"handoff_topic": "technical", "email": "a@b.ru"}
    assert "handoff_app_version" in await required(slots)
    assert "handoff_order_number" not in await required(slots)
    assert "handoff_contact" not in await required(slots)


async def test_several_facts_in_answer_to_the_name_question_answer_their_questions():
    slots = {"handoff_topic": "orders", "handoff_problem": "заказ не привезли"}
    replies, events = await answer(
        "customer_name", "Андрей Кузнецов, заказ 71529304, тел. 8 925 111-22-33", slots
    )
    assert replies == []
    filled = slots_of(events)
    assert filled["customer_name"] == "Андрей Кузнецов"
    assert filled["requested_slot"] == "handoff_tried"  # contact, order, problem: all known


async def test_name_and_email_in_english():
    replies, events = await answer(
        "customer_name", "I'm Tom Baker, email tom.baker@outlook.com", {"language": "en"}
    )
    assert replies == []
    assert slots_of(events)["customer_name"] == "Tom Baker"
    assert slots_of(events)["requested_slot"] == "handoff_problem"


async def test_phone_is_normalised_and_the_next_question_follows():
    replies, events = await answer("handoff_contact", "8 912 345-67-89", {"customer_name": "Анна"})
    assert replies == []
    assert slot(events, "handoff_contact") == "+79123456789"
    assert slot(events, "requested_slot") == "handoff_problem"


async def test_an_email_typed_for_the_order_number_is_kept_and_the_number_asked_again():
    slots = {**ANNA, "phone": "+79163004050", "handoff_problem": "треск в наушниках"}
    replies, events = await answer("handoff_order_number", "igor.volkov@gmail.com", slots)
    assert replies == ["utter_handoff_noted"]
    assert slot(events, "handoff_order_number") is None
    assert slot(events, "requested_slot") == "handoff_order_number"


async def test_an_order_number_typed_for_the_contact_is_kept_and_the_contact_asked_again():
    replies, events = await answer("handoff_contact", "заказ 60418273", ANNA)
    assert replies == ["utter_handoff_noted"]
    assert slot(events, "requested_slot") == "handoff_contact"


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("позвоните мне", "utter_handoff_invalid_contact"),
        ("oleg.smirnov@mail", "utter_handoff_invalid_contact"),
        ("+7 916 12", "utter_handoff_invalid_contact"),
        ("карта 2202 2046 1234 1230, списаний не было", "utter_handoff_invalid_contact"),
    ],
)
async def test_an_invalid_contact_is_asked_again_with_an_example(text: str, reply: str):
    replies, events = await answer("handoff_contact", text, ANNA)
    assert replies == [reply]
    assert slot(events, "handoff_contact") is None
    assert slot(events, "requested_slot") == "handoff_contact"


@pytest.mark.parametrize(
    "text",
    ["не скажу", "???", "https://facebook.com/jake.morrison", "4276 3800 1234 5678", "оператора"],
)
async def test_what_is_not_a_name_is_not_stored_and_asked_again(text: str):
    replies, events = await answer("customer_name", text)
    assert replies == ["utter_handoff_invalid_name"]
    assert slot(events, "customer_name") is None
    assert slot(events, "requested_slot") == "customer_name"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ну хорошо, Тимур", "Тимур"),
        ("Светлана Игоревна", "Светлана Игоревна"),
        ("меня зовут анна", "Анна"),
        ("Priya", "Priya"),
        ("Kwame Mensah", "Kwame Mensah"),
    ],
)
async def test_names_as_people_write_them(text: str, name: str):
    replies, events = await answer("customer_name", text)
    assert replies == []
    assert slot(events, "customer_name") == name


async def test_optional_order_number_accepts_i_dont_know_also_in_a_sentence():
    slots = {**ANNA, "email": "a@b.ru"}
    for text in ("не знаю", "номера заказа у меня нет под рукой"):
        _, events = await answer("handoff_order_number", text, slots)
        assert slot(events, "handoff_order_number") == SKIPPED
        assert slot(events, "requested_slot") == "handoff_problem"
    replies, events = await answer("handoff_order_number", "12345", slots)
    assert replies == ["utter_handoff_invalid_order_number"]
    _, events = await answer("handoff_order_number", "№ 4587 3921", slots)
    assert slot(events, "handoff_order_number") == "45873921"
    _, events = await answer("handoff_order_number", "не помню точно, кажется 45873921", slots)
    assert slot(events, "handoff_order_number") == "45873921"


async def test_no_order_number_and_what_was_tried_in_one_answer_fill_both():
    slots = {**ANNA, "email": "a@b.ru", "handoff_problem": "деньги за возврат не пришли"}
    text = "не помню номер заказа, а в банк я уже звонила — поступлений нет"
    _, events = await answer("handoff_order_number", text, slots)
    assert slot(events, "handoff_order_number") == SKIPPED
    assert slot(events, "handoff_tried") == text
    _, events = await answer(
        "handoff_order_number", "заказ 47120958, сам ещё ничего не делал", slots
    )
    assert slot(events, "handoff_order_number") == "47120958"
    assert slot(events, "handoff_tried") == "заказ 47120958, сам ещё ничего не делал"
    _, events = await answer("handoff_order_number", "номера пока нет, заказ же не оплачен", slots)
    assert "handoff_tried" not in slots_of(events)
    assert slot(events, "requested_slot") == "handoff_tried"


async def test_a_fact_at_the_tried_question_that_tells_no_attempt_is_noted_and_asked_again():
    slots = {
        **ANNA,
        "handoff_topic": "account",
        "email": "d@b.com",
        "handoff_problem": "the app keeps logging me out",
    }
    text = "it started after the last update, I'm on 5.14 now"
    replies, events = await answer("handoff_tried", text, slots)
    assert replies == ["utter_handoff_noted"]
    assert slot(events, "handoff_tried") is None
    assert slot(events, "requested_slot") == "handoff_tried"
    tried = "reinstalled it on 5.14, same thing"
    _, events = await answer("handoff_tried", tried, slots)
    assert slot(events, "handoff_tried") == tried


async def test_what_was_tried_given_instead_of_an_optional_fact_skips_the_question():
    slots = {**ANNA, "email": "a@b.ru", "handoff_problem": "не сохраняется адрес"}
    text = "это в браузере было; перезагружала страницу и заходила с другого компьютера"
    _, events = await answer("handoff_order_number", text, slots)
    assert slot(events, "handoff_order_number") == SKIPPED
    assert slot(events, "handoff_tried") == text
    # an answer with no attempt in it is still asked again
    replies, events = await answer("handoff_order_number", "посмотрите по почте", slots)
    assert replies == ["utter_handoff_invalid_order_number"]


async def test_app_version_read_in_the_question_context():
    slots = {"customer_name": "Зоя", "email": "z@b.ru", "handoff_topic": "technical"}
    _, events = await answer("handoff_app_version", "5.4", slots)
    assert slot(events, "app_version") == "5.4"
    _, events = await answer("handoff_app_version", "v5.4.1 on an iPhone 12", slots)
    assert slot(events, "handoff_app_version") == "5.4.1"
    _, events = await answer("handoff_app_version", "понятия не имею, какая там версия", slots)
    assert slot(events, "handoff_app_version") == SKIPPED
    _, events = await answer("handoff_app_version", "последняя", slots)
    assert slot(events, "handoff_app_version") == "последняя"
    replies, events = await answer("handoff_app_version", "mia.lopez@icloud.com", slots)
    assert replies == ["utter_handoff_noted"]
    assert slot(events, "handoff_app_version") is None
    assert slot(events, "requested_slot") == "handoff_app_version"


@pytest.mark.parametrize(
    ("asking", "text"),
    [
        ("customer_name", "Отмена"),
        ("handoff_contact", "ой, уже не надо, передумала"),
        (
            "handoff_contact",
            "nevermind, found it myself — the code only works on orders over 5,000",
        ),
        ("handoff_problem", "передумал"),
        ("handoff_tried", "всё, не надо уже"),
    ],
)
async def test_cancel_ends_the_form_at_any_question(asking: str, text: str):
    """The form's turn is rejected: the turn that calls the handoff off does not run it."""
    _, events = await answer(asking, text, {"handoff_topic": "orders"})
    assert slot(events, "handoff_cancelled") is True
    assert slot(events, "requested_slot") is None
    assert events[-2]["event"] == "action_execution_rejected"
    assert events[-2]["name"] == "handoff_form"
    assert events[-1]["name"] == "action_handoff_cancel"


async def test_a_problem_that_mentions_cancelling_is_a_problem():
    slots = {**ANNA, "email": "a@b.ru", "order_number": "45873921"}
    text = "отмена заказа не проходит, передумала покупать, а кнопка не работает"
    _, events = await answer("handoff_problem", text, slots)
    assert "handoff_cancelled" not in slots_of(events)
    assert slot(events, "handoff_problem") == text


async def test_a_real_question_inside_the_form_pauses_it_and_is_answered_next():
    replies, events = await answer(
        "handoff_contact", "а пароль как сменить?", {"customer_name": "Кристина"}, "account_login"
    )
    assert replies == []
    assert slot(events, PAUSED_SLOT) is True
    assert slot(events, "requested_slot") is None
    assert events[-2]["event"] == "action_execution_rejected"
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "action_handoff_question"}


async def test_a_fact_typed_in_a_sentence_that_begins_like_a_question_is_an_answer():
    """ "можно ещё почту запишите: ..." at the order question: the email is noted, no pause."""
    slots = {"customer_name": "Эльвира", "phone": "+79053124409", "handoff_topic": "payment"}
    text = "можно ещё почту запишите: elvira.s@yandex.ru"
    replies, events = await answer("handoff_order_number", text, slots, "contacts_hours")
    assert PAUSED_SLOT not in slots_of(events)
    assert replies == ["utter_handoff_noted"]
    assert slot(events, "requested_slot") == "handoff_order_number"


async def test_a_problem_on_the_website_skips_the_app_version():
    slots = {"customer_name": "Инна", "email": "i@b.ru", "handoff_topic": "technical"}
    text = "это на сайте, не в приложении; пробовала в двух браузерах и чистила кэш"
    _, events = await answer("handoff_app_version", text, slots)
    assert slot(events, "handoff_app_version") == SKIPPED
    assert slot(events, "handoff_tried") == text


async def test_not_every_question_mark_pauses_the_form():
    # small talk, a weak guess, or the problem question itself: read as answers
    _, events = await answer("customer_name", "зачем вам моё имя?", {}, "greet")
    assert PAUSED_SLOT not in slots_of(events)
    _, events = await answer(
        "handoff_contact", "почему так?", {"customer_name": "Анна"}, "account_login", 0.3
    )
    assert PAUSED_SLOT not in slots_of(events)
    slots = {"customer_name": "Анна", "email": "a@b.ru"}
    _, events = await answer("handoff_problem", "почему не приходит код?", slots, "account_login")
    assert slot(events, "handoff_problem") == "почему не приходит код?"


async def test_an_answer_that_describes_the_problem_fills_it_when_unknown():
    _, events = await answer(
        "handoff_order_number",
        "Order 56019283 — it says delivered but I never got it",
        {**ANNA, "email": "tom@b.com"},
    )
    assert slot(events, "handoff_order_number") == "56019283"
    assert slot(events, "handoff_problem").startswith("Order 56019283")
    assert slot(events, "requested_slot") == "handoff_tried"
    _, events = await answer("handoff_contact", "WhatsApp +7 916 222-33-44, так удобнее", ANNA)
    assert "handoff_problem" not in slots_of(events)


async def test_a_slot_filled_otherwise_is_kept_as_it_is():
    """A name the NLU read while the contact was asked, a problem the handoff began with."""
    _, events = await answer("handoff_contact", "Вера, vera@mail.ru", {"handoff_topic": "orders"})
    assert slot(events, "customer_name") == "Вера"
    assert slot(events, "handoff_contact") == "vera@mail.ru"


async def test_last_answer_completes_the_form():
    slots = {"customer_name": "Анна", "email": "a@b.ru", "handoff_problem": "не приходит код"}
    _, events = await answer("handoff_tried", "skip", slots)
    assert slot(events, "handoff_tried") == SKIPPED
    assert slot(events, "requested_slot") is None


def test_the_name_question_reads_names_the_nlu_left():
    assert name_from("Priya") == "Priya"
    assert name_from("Мария-Луиза") == "Мария-Луиза"
    assert name_from("не знаю") is None
    assert name_from("anna@example.com") is None
    assert name_from("у меня не проходит оплата по карте") is None
    assert name_from("Здравствуйте") is None
    assert name_from("/affirm") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Пусть будет Вадим", "Вадим"),
        ("можно просто Лена", "Лена"),
        ("Liz, please", "Liz"),
        ("Ms O'Neil", "Ms O'Neil"),
        ("Mr", None),
        # a surname with initials, as forms are signed
        ("Кравец В. П.", "Кравец В. П."),
        ("Кравец В.П.", "Кравец В. П."),
        ("я В", None),
        ("Ну да", None),
        ("можно без имени?", None),
    ],
)
def test_the_name_question_reads_a_name_among_the_words_around_it(text: str, name: str | None):
    assert name_from(text) == name


async def test_taking_back_a_contact_for_another_in_one_message_is_no_change_of_mind():
    text = (
        "g.oneill@brightlaw.ie — actually no, scratch that, that's my work email, call me on "
        "+353 87 412 6630 instead"
    )
    _, events = await answer("handoff_contact", text, {"customer_name": "Grace"})
    assert "handoff_cancelled" not in slots_of(events)
    assert slot(events, "handoff_contact") is not None


async def test_scratch_that_without_a_new_value_still_calls_the_handoff_off():
    _, events = await answer("handoff_contact", "scratch that", {"customer_name": "Grace"})
    assert slot(events, "handoff_cancelled") is True


def test_questions_and_problem_descriptions():
    assert is_question("а как сменить пароль")
    assert is_question("пароль как сменить?")
    assert is_question("how do I reset my password btw?")
    assert not is_question("пароль сменила, не помогло")
    assert describes_problem("Order 56019283 — it says delivered but I never got it", {})
    assert not describes_problem(
        "Андрей Кузнецов, заказ 71529304", {"customer_name": "Андрей Кузнецов"}
    )
    assert not describes_problem("тогда телефон: 89161234567", {})
    # a fact corrected says nothing of the problem
    assert not describes_problem("ой, в телефоне ошибся, правильно 8 916 530-21-48. а заказ", {})
    assert not describes_problem("sorry, typo in my email, the correct one is a.b@mail.com", {})
    assert not describes_problem(
        "g.oneill@brightlaw.ie — actually no, scratch that, that's my work email, call me on "
        "+353 87 412 6630 instead",
        {},
    )
    # the words of a problem are no correction
    assert describes_problem("вернула товар, а деньги так и не вернули, заказ 12345678", {})
    assert describes_problem("order 12345678, the screen came scratched and cracked", {})
    assert describes_problem("при оплате картой вылетает ошибка, версия 5.12", {})
    # beside a contact, how and when to reach the customer is no problem
    assert not describes_problem(
        "89603184275 или почту запишите y.d@bk.ru — хотя нет, почту не надо, я её редко "
        "открываю, только телефон",
        {"phone": "+79603184275", "email": "y.d@bk.ru"},
    )
    assert not describes_problem("+79161234567, звоните после 18, днём не могу", {"phone": "x"})
    # which line it is and where the customer is
    assert not describes_problem("8 (343) 217-65-84 это домашний, я всегда дома", {"phone": "x"})
    assert not describes_problem("+44 20 7946 0018 work number, call any time", {"phone": "x"})
    assert describes_problem("89161234567 не могу войти в кабинет", {"phone": "+79161234567"})


def test_every_question_of_the_form_has_a_row_in_the_table():
    assert list(QUESTIONS) == FORM_SLOTS
    form = ValidateHandoffForm(no_articles)
    assert all(callable(getattr(form, f"validate_{slot}")) for slot in FORM_SLOTS)
    assert not hasattr(form, "validate_email")


def test_a_question_mark_inside_quotes_is_quoted_text_not_a_question():
    assert not is_question("жала «Повторить?» раз десять")
    assert not is_question('the app says "Try again?" every time')
    assert is_question("а «Повторить» — это что?")


async def test_quoted_error_text_at_a_fact_question_is_an_answer_not_a_pause():
    slots = {"customer_name": "Полина", "email": "p@b.ru", "handoff_topic": "technical"}
    _, events = await answer(
        "handoff_tried", "нажимала «Повторить?» и переустановила", slots, "tech_app_crash"
    )
    assert PAUSED_SLOT not in slots_of(events)
    assert slot(events, "handoff_tried") == "нажимала «Повторить?» и переустановила"


@pytest.mark.parametrize("text", ["соедините уже с оператором", "позовите человека", "да"])
async def test_a_request_for_a_person_is_no_problem_description(text: str):
    slots = {"customer_name": "Сергей", "email": "s@b.ru"}
    replies, events = await answer("handoff_problem", text, slots, "request_human")
    assert slot(events, "handoff_problem") is None
    assert replies == ["utter_handoff_need_problem"]


async def test_the_problem_told_in_the_form_sets_the_topic_of_the_next_questions():
    """A bare request, then the problem: a refund is about an order, so its number is asked."""
    slots = {"customer_name": "Рэйчел", "email": "r@b.com", "handoff_topic": "process"}
    text = "деньги за заказ так и не вернулись"
    _, events = await answer("handoff_problem", text, slots, "order_status", 0.8)
    assert slot(events, "handoff_topic") == "orders"
    assert slot(events, "handoff_intent") == {"name": "order_status", "confidence": 0.8}
    assert slot(events, "requested_slot") == "handoff_order_number"
    vague = "всё пошло не так, как обещали"
    _, events = await answer("handoff_problem", vague, slots, "order_status", 0.02)  # a guess
    assert "handoff_topic" not in slots_of(events)
    assert slot(events, "requested_slot") == "handoff_tried"
    _, events = await answer("handoff_problem", text, slots, "order_status", 0.02)
    assert slot(events, "handoff_topic") == "orders", "the problem's own words name the topic"


async def test_a_problem_told_with_the_name_after_a_complaint_sets_the_topic():
    """The complaint gave the case no topic; the late refund told with the name does, so the
    order number is asked. A problem that already had a topic keeps it."""
    complaint = "Сколько можно ждать?! Безобразие, а не сервис"
    slots = {
        "handoff_reason": "complaint",
        "handoff_topic": "process",
        "handoff_problem": complaint,
    }
    text = "ну Лёша я. Деньги за отменённый заказ обещали вернуть, а прошло уже три недели"
    _, events = await answer("customer_name", text, slots, "refund_status", 0.9)
    assert slot(events, "customer_name") == "Лёша"
    assert slot(events, "handoff_topic") == "orders"
    assert slot(events, "handoff_problem") == f"{complaint}\n{text}"
    _, events = await answer("customer_name", text, {**slots, "handoff_topic": "technical"})
    assert "handoff_topic" not in slots_of(events)


async def test_a_problem_told_with_a_contact_is_not_read_as_the_contacts_intent():
    """ "номер тот, куда спам идёт: ¶" read as an order's status: the phone drew the NLU, and the
    words name no order, so no order number is asked."""
    text = "это Фрося. номер тот, куда спам идёт: +7 919 304 66 52"
    slots = {"handoff_problem": "смс с рекламой идут каждый день", "handoff_topic": None}
    _, events = await answer("customer_name", text, slots, "order_status", 0.63)
    assert slot(events, "customer_name") == "Фрося"
    assert "handoff_topic" not in slots_of(events)
    assert slot(events, "requested_slot") != "handoff_order_number"


@pytest.mark.parametrize(
    ("asking", "text"),
    [
        ("handoff_problem", "слушайте, давайте отменим, я потом сам позвоню"),
        ("customer_name", "а, всё, не нужно"),
    ],
)
async def test_calling_the_request_off_in_a_longer_sentence_cancels(asking: str, text: str):
    _, events = await answer(asking, text, {"customer_name": "Костя", "email": "k@b.ru"})
    assert slot(events, "handoff_cancelled") is True


ANASTASIA = {
    "customer_name": "Анастасия Викторовна",
    "email": "nastya.vik@list.ru",
    "order_number": "57302118",
    "handoff_topic": "returns",
    "handoff_problem": "отклонили заявку на возврат",
}


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("ой, не тот номер заказа, правильный 57 302 181", "order_number", "57302181"),
        ("sorry, typo in the email, it's nastya.vik@list.com", "email", "nastya.vik@list.com"),
        ("не 57302118, а 57302181", "order_number", "57302181"),
    ],
)
async def test_a_fact_corrected_at_the_last_question_replaces_it_and_the_question_stays(
    text: str, fact: str, value: str
):
    """A correction is no answer to "what have you tried?": the new value fills its slot (by
    the domain's mapping), the customer hears it was noted, and the question is asked again."""
    replies, events = await answer("handoff_tried", text, ANASTASIA)
    assert replies == ["utter_handoff_noted"]
    assert extracted_slots(text, fact_entities(text), "handoff_tried")[fact] == value
    assert slot(events, "handoff_tried") is None
    assert slot(events, "requested_slot") == "handoff_tried"


async def test_what_was_tried_with_a_new_fact_is_still_the_answer():
    text = "звонила в банк по 8 912 345 60 17, там возврата от магазина не видят"
    _, events = await answer("handoff_tried", text, ANASTASIA)
    assert slot(events, "handoff_tried") == text


async def test_a_card_number_typed_at_the_order_question_asks_for_the_order_again():
    slots = {**ANASTASIA, "order_number": None}
    text = "вот карта, с которой платила: 5469 3800 1234 5673"
    replies, events = await answer("handoff_order_number", text, slots)
    assert replies == ["utter_handoff_invalid_order_number"]
    assert slot(events, "requested_slot") == "handoff_order_number"
    assert "handoff_tried" not in slots_of(events)


@pytest.mark.parametrize(
    "text",
    [
        "а обмен вообще сколько времени занимает?",
        "before that, can I just swap it for the right model myself in the app?",
    ],
)
async def test_a_question_of_several_words_pauses_the_form_whatever_the_nlu_made_of_it(text):
    slots = {**ANASTASIA, "order_number": None}
    _, events = await answer("handoff_order_number", text, slots, "nlu_fallback", 0.2)
    assert slot(events, PAUSED_SLOT) is True


async def test_a_short_question_about_the_form_is_told_what_the_fact_is_for():
    slots = {**ANASTASIA, "order_number": None}
    replies, _ = await answer("handoff_order_number", "а зачем?", slots, "nlu_fallback", 0.2)
    assert replies == ["utter_handoff_why_order_number"]


async def test_no_order_number_and_a_card_tried_skips_the_order_and_answers_what_was_tried():
    slots = {"customer_name": "Yusuf", "email": "y@d.com", "handoff_topic": "payment"}
    text = (
        "there's no order number, it never goes through. "
        "I also tried my other card, 4556 7375 8689 9855, same result"
    )
    replies, events = await answer(
        "handoff_order_number", text, {**slots, "handoff_problem": "declined"}
    )
    assert replies == []
    assert slot(events, "handoff_order_number") == SKIPPED
    assert slot(events, "handoff_tried") == text


@pytest.mark.parametrize(
    "text",
    [
        "слушайте, а если остальное уже не нужно, как отменить недостающие товары?",
        "i don't need it anymore, so how do i cancel the items that never came?",
    ],
)
async def test_a_question_about_cancelling_is_answered_not_taken_as_calling_the_handoff_off(text):
    slots = {**ANNA, "phone": "+79032627014"}
    _, events = await answer("handoff_order_number", text, slots, "order_status")
    assert "handoff_cancelled" not in slots_of(events)
    assert slot(events, PAUSED_SLOT) is True


async def test_a_change_of_mind_taken_back_in_the_same_message_goes_on_with_its_fact():
    text = "Стоп, отмените, сначала сама посмотрю… а, нет, вижу, номер 90 256 731, оформляйте"
    _, events = await answer("handoff_order_number", text, {**ANNA, "phone": "+79032627014"})
    assert "handoff_cancelled" not in slots_of(events)
    assert slot(events, "handoff_order_number") == "90256731"


@pytest.mark.parametrize(
    "text",
    [
        "отмена",
        "cancel",
        "ой, уже не надо, передумала",
        # asked where to look, then called off in the same message
        "ой а где номер смотреть... хотя ладно, не надо ничего, отменяйте, я уже прочитала что "
        "можно просто в пункт выдачи сдать",
        # typed in Latin letters
        "oi, uzhe ne nado, peredumala",
    ],
)
async def test_calling_off_still_cancels_at_the_order_question(text: str):
    _, events = await answer("handoff_order_number", text, {**ANNA, "phone": "+79032627014"})
    assert slot(events, "handoff_cancelled") is True


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("complaint", "курьер опять не приехал, весь день дома просидела, даже не позвонил никто"),
        ("negative", "the teapot isnt even the one i ordered, i got a green one not the white"),
    ],
)
async def test_a_problem_told_at_a_fact_question_of_a_complaint_is_answered_first(reason, text):
    """The bot began the handoff on a complaint; an article that answers the problem helps
    sooner: the form pauses as for a real question, and the problem stays known."""
    slots = {"handoff_reason": reason, "handoff_topic": "orders"}
    replies, events = await answer("customer_name", text, slots, "complaint", answers=answered)
    assert replies == []
    assert slot(events, PAUSED_SLOT) is True
    assert slot(events, "handoff_problem") == text
    assert events[-1]["name"] == "action_handoff_question"


async def test_a_problem_told_at_a_fact_question_is_noted_and_the_question_asked_again():
    """Asked for a person by the customer, or with no article that answers: part of the problem,
    not a wrong answer."""
    text = "заказывала кроссовки 39 размера а в коробке 42 и вообще другой цвет"
    for reason, answers in (("requested", answered), ("complaint", no_answer)):
        slots = {"handoff_reason": reason, "handoff_topic": "orders"}
        replies, events = await answer("customer_name", text, slots, answers=answers)
        assert replies == ["utter_handoff_problem_noted"]
        assert PAUSED_SLOT not in slots_of(events)
        assert slot(events, "requested_slot") == "customer_name"
    english = "the screen cracked two days after delivery and support never wrote back"
    replies, _ = await answer("handoff_contact", english, {**ANNA, "handoff_reason": "requested"})
    assert replies == ["utter_handoff_problem_noted"]


async def test_an_answer_that_says_nothing_still_gets_the_question_explained():
    slots = {"handoff_reason": "complaint"}
    for text in ("не скажу", "???", "https://facebook.com/jake.morrison"):
        replies, _ = await answer("customer_name", text, slots, answers=answered)
        assert replies == ["utter_handoff_invalid_name"], text


@pytest.mark.parametrize(
    ("asking", "text", "reply"),
    [
        (
            "handoff_contact",
            "I'm not giving you my phone number, you'll just spam me",
            "utter_handoff_invalid_contact",
        ),
        (
            "customer_name",
            "своё имя я вам не скажу, просто верните деньги за разбитую вазу",
            "utter_handoff_invalid_name",
        ),
    ],
)
async def test_a_refusal_that_names_the_fact_asked_for_is_about_the_question(asking, text, reply):
    slots = {**ANNA, "handoff_reason": "complaint"}
    replies, events = await answer(asking, text, slots, "complaint", answers=answered)
    assert replies == [reply]
    assert PAUSED_SLOT not in slots_of(events)


def test_only_a_complaint_or_an_angry_message_is_begun_by_the_bot():
    for reason, began in (("complaint", True), ("negative", True), ("requested", False)):
        assert bot_began(tracker([], {"handoff_reason": reason})) is began, reason


async def test_a_later_fact_said_not_to_exist_is_not_asked_for():
    """ "Номера заказа нет" said with the contact skips the order question; a phone said not to
    exist says nothing of the order."""
    slots = {**ANNA, "handoff_topic": "billing"}
    text = "eduard.nikitin@yandex.ru. Номера заказа нет, это ежемесячное списание"
    _, events = await answer("handoff_contact", text, slots)
    assert slot(events, "handoff_order_number") == SKIPPED
    text = "eduard.nikitin@yandex.ru, номера телефона нет, заказ пришёл битый"
    _, events = await answer("handoff_contact", text, slots)
    assert "handoff_order_number" not in slots_of(events)
    text = "eduard.nikitin@yandex.ru, версию не подскажу, телефон не со мной"
    _, events = await answer("handoff_contact", text, slots)
    assert slot(events, "handoff_app_version") == SKIPPED


async def test_a_problem_told_where_a_fact_was_asked_is_added_to_the_one_known():
    """ "Короче, я заказал диван" answered what happened; the real problem came with the order
    number: the agent reads both."""
    vague = "Короче, я заказал диван"
    told = "а его привезли без ножек и без фурнитуры, собрать невозможно. заказ 58903126"
    slots = {**ANNA, "handoff_reason": "requested", "handoff_problem": vague}
    _, events = await answer("handoff_order_number", told, slots)
    assert slot(events, "handoff_order_number") == "58903126"
    assert slot(events, "handoff_problem") == f"{vague}\n{told}"
    english = "the promo code didn't apply at checkout and I paid full price"
    slots = {**ANNA, "handoff_reason": "requested", "handoff_problem": "it's about my last order"}
    _, events = await answer("handoff_order_number", english, slots)
    assert slot(events, "handoff_problem") == f"it's about my last order\n{english}"
    _, events = await answer("handoff_order_number", "заказ 58903126", slots)
    assert "handoff_problem" not in slots_of(events)


@pytest.mark.parametrize(
    ("asking", "text", "intent", "reply"),
    [
        (
            "handoff_contact",
            "а зачем вам мои контакты?",
            "contacts_hours",
            "utter_handoff_why_contact",
        ),
        ("handoff_contact", "why do you need that?", "nlu_fallback", "utter_handoff_why_contact"),
        (
            "handoff_order_number",
            "а зачем вам номер заказа? вы же видите, с какой карты списали",
            "payment_double_charge",
            "utter_handoff_why_order_number",
        ),
        ("customer_name", "это обязательно?", "nlu_fallback", "utter_handoff_why_name"),
        (
            "handoff_contact",
            "у вас там вообще кто-нибудь работает? второй день жду хоть какого-то ответа",
            "contacts_hours",
            "utter_handoff_wait_empathy",
        ),
        (
            "handoff_order_number",
            "извините, отходила к двери, сейчас найду номер",
            "complaint",
            "utter_handoff_take_your_time",
        ),
        (
            "handoff_order_number",
            "а когда мне ответят? мне деньги сегодня нужны",
            "nlu_fallback",
            "utter_handoff_how_it_goes",
        ),
        (
            "handoff_contact",
            "а мне позвонят или напишут? просто чтобы знать, чего ждать",
            "contacts_hours",
            "utter_handoff_how_it_goes",
        ),
        ("handoff_contact", "how long will it take?", "nlu_fallback", "utter_handoff_how_it_goes"),
    ],
)
async def test_a_message_about_the_question_is_answered_and_the_question_asked_again(
    asking: str, text: str, intent: str, reply: str
):
    known = (
        {**ANNA, "handoff_contact": "anna@example.com"}
        if asking == "handoff_order_number"
        else ANNA
    )
    replies, events = await answer(asking, text, known, intent=intent)
    assert replies == [reply]
    assert not any(e.get("name") == PAUSED_SLOT for e in events)
    assert slot(events, "requested_slot") == asking


@pytest.mark.parametrize(
    "text",
    [
        "а почему заказ до сих пор не привезли? третий день жду",
        "почему не приходит код?",
        "how long will it take to get my refund?",
        "подождите, а как вернуть деньги за заказ?",
    ],
)
async def test_a_question_about_a_topic_with_a_wait_in_it_is_still_a_question(text: str):
    replies, _ = await answer("handoff_contact", text, ANNA, intent="order_status")
    about_the_form = ("utter_handoff_wait_empathy", "utter_handoff_how_it_goes")
    assert not set(about_the_form) & set(replies)
    assert "utter_handoff_take_your_time" not in replies
    assert not any(r and r.startswith("utter_handoff_why_") for r in replies)


@pytest.mark.parametrize(
    "text", ["а долго ждать ответа?", "скоро мне ответят?", "how soon will someone reply?"]
)
async def test_a_question_how_long_the_wait_is_answered_and_the_question_asked_again(text: str):
    replies, events = await answer("handoff_contact", text, ANNA, intent="complaint")
    assert replies == ["utter_handoff_how_it_goes"]
    assert slot(events, "requested_slot") == "handoff_contact"
