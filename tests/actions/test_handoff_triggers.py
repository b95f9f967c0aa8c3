"""The triggers that bring in a person from other actions: messages in a row the bot could not
answer (the second offers a person with a button, the third store question brings one in), two
articles that did not help, and strongly negative messages."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge
from actions.handoff_trigger import (
    asks_for_person,
    case_reason,
    person_now,
    resumes_handoff,
    wants_person,
)
from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked
from actions.yes_no import ActionReplyYesNo
from tests.actions.conftest import followup, slot, tracker, user

ARTICLE = Article("login-ru", "Не получается войти", "https://h/login", "ru", "Войдите.", 0.9)


class FakeKb:
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome

    def ask(
        self, question: str, language: str, known: object = None, intent: object = None
    ) -> KnowledgeAnswer:
        return KnowledgeAnswer(self.outcome, (ARTICLE,) if self.outcome != "abstain" else ())

    def article(self, article_id: str, question: str, known: object = None) -> Article | None:
        return None


async def run(action, events, slots=None):
    dispatcher = CollectingDispatcher()
    result = await action.run(dispatcher, tracker(events, slots), {"responses": {}})
    return [m.get("response") for m in dispatcher.messages], result


def missed(reply: str = "utter_kb_no_answer", unplaced: int = 1) -> list[dict]:
    """What the knowledge action left after a message it had no answer for: its reply, and how
    many messages in a row it could not place at all."""
    said = {"event": "bot", "text": "…", "metadata": {"utter_action": reply}}
    return [said, {"event": "slot", "name": "low_confidence_count", "value": float(unplaced)}]


async def test_a_second_unplaced_message_offers_a_person_and_a_third_brings_one_in():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    first = [user("фывапр олдж", "nlu_fallback", 0.2)]
    replies, events = await run(action, first)
    assert replies == ["utter_kb_no_answer"] and followup(events) is None
    assert slot(events, "low_confidence_count") == 1.0
    second = [*first, *missed(), user("ячсмить", "nlu_fallback", 0.1)]
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(second), {"responses": {}})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_kb_no_answer"]
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/request_human"
    assert followup(events) is None and slot(events, "low_confidence_count") == 2.0
    third = [*second, *missed(unplaced=2), user("ывапр", "nlu_fallback", 0.1)]
    replies, events = await run(action, third)
    assert replies == []
    assert slot(events, "handoff_reason") == "low_confidence"
    assert followup(events) == "action_handoff_start"


async def test_a_confident_message_in_between_breaks_the_streak():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    events = [
        user("фывапр олдж", "nlu_fallback", 0.2),
        *missed(),
        user("привет", "greet"),
        user("ячсмить", "nlu_fallback", 0.1),
    ]
    replies, result = await run(action, events, {"low_confidence_count": 1.0})
    assert replies == ["utter_kb_no_answer"] and followup(result) is None


async def test_off_topic_twice_offers_a_person_with_a_button_and_starts_nothing():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    first = [user("у вас есть вакансии?", "out_of_scope", 0.95)]
    replies, events = await run(action, first)
    assert replies == ["utter_out_of_scope"] and slot(events, "low_confidence_count") == 0.0
    second = [*first, *missed("utter_out_of_scope", 0), user("а пиццу?", "out_of_scope", 0.9)]
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(second), {"responses": {}})
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses == ["utter_out_of_scope", "utter_kb_offer_human"]
    assert dispatcher.messages[1]["buttons"][0]["payload"] == "/request_human"
    assert followup(events) is None


async def test_a_store_question_after_an_off_topic_one_is_not_handed_over():
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    events = [
        user("кто выиграл матч", "out_of_scope", 0.95),
        *missed("utter_out_of_scope", 0),
        user("подъём на этаж платный?", "nlu_fallback", 0.3),
    ]
    replies, result = await run(action, events)
    assert replies == ["utter_kb_no_answer"] and followup(result) is None


class NoArticleKb(FakeKb):
    """A kind of question the help center has no article for ("which laptop should I buy")."""

    def ask(self, *args: object, **kwargs: object) -> KnowledgeAnswer:
        ranking = (Ranked("faulty-ru", 0.1, 1.7, 2), Ranked("gift-ru", 0.1, 1.4, 0))
        return KnowledgeAnswer("abstain", (), ranking, frozenset())


async def test_questions_without_an_article_twice_offer_a_person_and_start_nothing():
    action = ActionAnswerFromKnowledge(NoArticleKb("abstain"))
    first = [user("какой ноутбук купить", "product_info", 0.99)]
    replies, events = await run(action, first)
    assert replies == ["utter_kb_no_answer"] and slot(events, "low_confidence_count") == 0.0
    second = [*first, *missed(unplaced=0), user("а телевизор какой?", "product_info")]
    replies, events = await run(action, second)
    assert replies == ["utter_kb_no_answer"] and followup(events) is None


async def test_an_answer_resets_the_streak():
    action = ActionAnswerFromKnowledge(FakeKb("answer"))
    _, events = await run(action, [user("не могу войти", "account_login")])
    assert slot(events, "low_confidence_count") == 0.0


async def test_second_not_helpful_verdict_hands_over():
    offered = [
        {"id": "a", "title": "A", "url": "u", "verdict": "not_helpful"},
        {"id": "login-ru", "title": "B", "url": "u", "verdict": None},
    ]
    slots = {
        "kb_awaiting_verdict": True,
        "kb_last_article": "login-ru",
        "kb_offered": offered,
        "kb_unhelpful_count": 1.0,
    }
    replies, events = await run(ActionReplyYesNo(), [user("/deny", "deny")], slots)
    assert replies == []
    assert [e["verdict"] for e in slot(events, "kb_offered")] == ["not_helpful", "not_helpful"]
    assert slot(events, "handoff_reason") == "not_helpful"
    assert followup(events) == "action_handoff_start"


async def test_swearing_question_goes_to_a_person_not_to_the_articles():
    action = ActionAnswerFromKnowledge(FakeKb("answer"))
    replies, events = await run(
        action, [user("какого хрена не приходит сука код", "account_login")]
    )
    assert replies == []
    assert slot(events, "handoff_reason") == "negative"
    assert followup(events) == "action_handoff_start"


@pytest.mark.parametrize(
    "text",
    [
        "хочу вернуть наушники, у них треск. позовите сотрудника",
        "мне нужен живой оператор, а не автоответчик",
        "Хочу связаться с живым человеком",
        "дайте, пожалуйста, человека",
        "can I speak to an agent? my promo code isn't working",
        "Thanks, but I'd rather sort this out with a person",
        "can someone from your team help me? the code never arrives",
        "Пригласите, пожалуйста, в чат кого-нибудь из сотрудников",
        "Спасибо за ответ, но хотелось бы всё-таки пообщаться с сотрудником",
        "put me through to a human, please",
        "Could a member of your staff look into this for me, please?",
        "ok, still please pass my request on to an agent",
        "посылка пришла вскрытой, половины товаров нет. нужен человек",
        "не работает поиск. Свяжите с техподдержкой",
        "The app crashes every time I scan a barcode. I need tech support, please",
        "I've been waiting a month for my refund. I want to speak to a manager",
        "кофемашина пришла с трещиной. Разберитесь через специалиста, пожалуйста",
        "the kettle leaks, could somebody from your team ring me on this number?",
        "please have someone call me back about the refund",
        # put through, with no person named: in a support chat only a person is meant
        "нет, всё-таки соедините, в приложении заказ значится доставленным",
        "actually, put me through please",
        "the TV came without the remote. I'd like a person to deal with this please",
        "I don't want to pay for a return. Could someone from your team stop it?",
        "notifications are on and still nothing. Can you pass this to your tech people?",
        "привезли красный утюг. Хочу, чтобы со мной связался менеджер",
        "да, давайте человека. Я Эльмира, версия 5.4.1 на айфоне",
        "код всё равно уходит на старый номер. Пусть сотрудник поможет",
        # a case to be filed, or support to talk to: the people who handle it are meant
        "Оформите, пожалуйста, обращение: за заказ 26 715 409 не начислили бонусы",
        "создайте заявку, пусть разберутся с двойным списанием",
        "хочу оставить жалобу на курьера",
        "please open a support ticket, the refund never came",
        "I'd like to talk to support, my refund still hasn't arrived",
        "посылку перенаправили в другой пункт выдачи. хочу, чтобы этим занялся кто-то из вас",
        "статья не про мой случай, пусть разберётся кто-нибудь из ваших",
        # put through to support as a team, or one of its people asked to act
        "The app crashes when I add a photo. v5.11.3 on Android. Please pass me to support",
        "paid full price on order 70 318 264. can an agent refund the difference",
        "could a real person look at this please",
        # whoever is in charge: "руководитель", "начальство"
        "Заказ №83162540. Хочу говорить с руководителем, а не с ботом.",
        "Курьер бросил коробку у двери и даже не позвонил. Дайте старшего",
        # a real person, further from the asking word; a support person
        "You charged me twice for the same order. I want my money back and a real person, now.",
        "My account got locked hours ago. I'd like to talk to a support person.",
        # Russian typed in Latin letters
        "zdravstvuite, ne prohodit oplata kartoi, pishet otkloneno. nuzhen operator",
        # whether a person is there at all
        "мне завтра с утра уезжать, надо чтобы привезли сегодня. есть кто живой?",
        "тут кто-нибудь живой есть?",
        "is there a real person here?",
    ],
)
def test_a_request_for_a_person_inside_a_question(text: str):
    assert asks_for_person(text)
    assert wants_person(text)


@pytest.mark.parametrize(
    "text",
    [
        # escalating without asking for a person in words (actions/handoff_signals.py)
        "Это уже смешно: пятый день обещаете доставку, и никто ничего не объясняет!",
        "Unacceptable. The refund was promised for Monday and nobody answers my emails",
        "В посылке не тот размер. Разберитесь, пожалуйста",
    ],
)
def test_a_customer_who_has_had_enough_wants_a_person(text: str):
    assert not asks_for_person(text)
    assert wants_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "как связаться с поддержкой",
        "whats your support email and are agents available on sundays",
        "у нас человек двадцать, мне нужен счет",
        "я офис менеджер, нужен счёт на компанию",
        "не приходит смс, у меня оператор связи мтс",
        "can i pick it up in person",
        "the courier was rude to me",
        "the staff at the pickup point were rude",
        "сотрудник пункта выдачи нагрубил",
        "can i check the status of my order",
        "does the app support Apple Pay",
        "I'm the office manager, I need an invoice",
        "did someone from the delivery service call me yesterday?",
        "почему не приходит смс с кодом?",
        "why is my parcel still in Kazan?",
        "курьер опять не приехал, что делать?",
        "приложение не соединяется с сервером",
        "my phone won't connect me to the wifi at the pickup point",
        "can someone else pick up my order?",
        "can someone in the family use my account?",
        "I like the person who delivered it",
        "does your team deliver on Sundays?",
        "can agents see my card number?",
        "will the person at the pickup point check my id?",
        "Hi, hope someone can help. I need to change the delivery address on my order",
        "Здравствуйте, надеюсь, кто-нибудь поможет. Как поменять адрес доставки?",
        # a request the customer files themselves, or a question of how
        "оформите заявку на возврат",
        "как оформить обращение?",
        "how do i file a return request",
        "кто-то из вас звонил мне вчера?",
        # when the people answer is a question about the hours
        "what time do actual humans answer in this chat? its almost 11pm",
        "во сколько отвечают операторы в чате?",
        "а специалисты у вас до скольки сегодня работают? мне к девяти на смену",
        "в выходные ваша поддержка работает? до скольки можно писать",
        "v vyhodnye vasha podderzhka rabotaet? do skolki mozhno pisat",
        "мой старший сын заказал телефон, как отследить?",
        "is anyone there?",  # a greeting as often as not
        "кто живой остался из техники после переезда",
    ],
)
def test_no_request_for_a_person(text: str):
    assert not wants_person(text)


async def test_a_question_asking_for_a_person_is_handed_over():
    action = ActionAnswerFromKnowledge(FakeKb("answer"))
    replies, events = await run(
        action, [user("не проходит оплата, нужен кто-то из сотрудников", "payment_failed")]
    )
    assert replies == []
    assert slot(events, "handoff_reason") == "requested"
    assert followup(events) == "action_handoff_start"


def offer(reply: str) -> list[dict]:
    """The customer's previous message and the bot's reply to it, which ended with `reply`."""
    said = {"event": "bot", "text": "…", "data": {}, "metadata": {"utter_action": reply}}
    return [user("/deny", "deny", ts=1.0), said]


@pytest.mark.parametrize(
    "reply", ["utter_kb_sorry_not_helped", "utter_kb_no_answer", "utter_handoff_offer_again"]
)
async def test_yes_to_an_offer_of_a_person_brings_one_in(reply: str):
    events = [*offer(reply), user("Да", "affirm", ts=2.0)]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events)
    assert replies == []
    assert slot(result, "handoff_reason") == "requested"
    assert followup(result) == "action_handoff_start"


async def test_a_yes_with_a_question_to_an_offer_of_a_person_takes_the_offer():
    events = [*offer("utter_kb_no_answer"), user("да, а долго ждать ответа?", "affirm", ts=2.0)]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events)
    assert replies == [] and followup(result) == "action_handoff_start"


async def test_a_no_that_takes_a_called_off_handoff_back_brings_a_person():
    text = "хотя нет, давайте всё-таки, пункта правда нигде нет"
    events = [*offer("utter_handoff_cancelled"), user(text, "deny", ts=2.0)]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events)
    assert replies == [] and followup(result) == "action_handoff_start"


async def test_yes_to_anything_else_is_a_plain_yes():
    events = [*offer("utter_kb_glad_helped"), user("Да", "affirm", ts=2.0)]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events)
    assert replies == ["utter_affirm"]
    assert followup(result) is None


@pytest.mark.parametrize(
    "text",
    ["ясно, давайте дальше", "ok, let's carry on", "да, продолжаем", "ясно. Возвращаемся к заявке"],
)
def test_a_go_ahead_after_the_offer_to_go_on_resumes_the_handoff(text: str):
    events = [*offer("utter_handoff_offer_again"), user(text, "feedback", ts=2.0)]
    assert resumes_handoff(events, text)


@pytest.mark.parametrize(
    ("reply", "text"),
    [
        ("utter_kb_glad_helped", "ясно, давайте дальше"),  # no offer to go on
        ("utter_handoff_offer_again", "нет, не надо, давайте без этого"),
        ("utter_handoff_offer_again", "а доставка в пункт выдачи сколько идёт?"),
    ],
)
def test_no_go_ahead_no_resumed_handoff(reply: str, text: str):
    events = [*offer(reply), user(text, "feedback", ts=2.0)]
    assert not resumes_handoff(events, text)


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("нет, в спаме пусто. Продолжайте, пожалуйста, оформлять", True),
        ("actually, please carry on", True),
        ("хотя нет, давайте всё-таки, пункта правда нигде нет", True),
        ("нет, не надо продолжать", False),
        ("нет, всё-таки не надо", False),
        ("да", False),  # a bare yes to "ok, I won't pass it on" is no request
    ],
)
def test_going_on_right_after_calling_the_handoff_off(text: str, goes_on: bool):
    events = [*offer("utter_handoff_cancelled"), user(text, "nlu_fallback", ts=2.0)]
    assert resumes_handoff(events, text) is goes_on


@pytest.mark.parametrize(
    ("reply", "text", "now"),
    [
        ("utter_kb_glad_helped", "позовите оператора", True),
        ("utter_handoff_offer_again", "ок, продолжаем", True),
        ("utter_kb_glad_helped", "ок, продолжаем", False),
        ("utter_handoff_offer_again", "а сколько идёт доставка?", False),
    ],
)
def test_a_person_now_by_asking_or_by_going_on_with_the_paused_handoff(
    reply: str, text: str, now: bool
):
    events = [*offer(reply), user(text, "feedback", ts=2.0)]
    assert person_now(events, text) is now


def test_a_question_answered_first_is_not_a_person_now_unless_it_resumes_the_handoff():
    text = "уже неделю жду, где мой заказ?!"
    assert person_now([], text)
    assert not person_now([], text, answered_first=True)
    go_on = "ок, продолжаем"
    events = [*offer("utter_handoff_offer_again"), user(go_on, "feedback", ts=2.0)]
    assert person_now(events, go_on, answered_first=True)


async def test_a_typed_go_ahead_after_the_offer_brings_the_handoff_back():
    events = [*offer("utter_handoff_offer_again"), user("понял, оформляем дальше", "feedback")]
    replies, result = await run(ActionAnswerFromKnowledge(FakeKb("answer")), events)
    assert replies == []
    assert followup(result) == "action_handoff_start"


@pytest.mark.parametrize(
    "text",
    [
        "Вернула товар три недели назад, деньги так и не пришли. Оператора, пожалуйста",
        "Специалиста срочно!",
        "с карты списали ДВАЖДЫ по 18 990! Немедленно оператора!",
        "Agent please",
        "a real human please",
    ],
)
def test_a_person_word_with_a_courtesy_is_a_request(text: str):
    assert asks_for_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "оператор сказал ждать, пожалуйста помогите",
        "спасибо, оператор пожалуйста ответил",
        "руководитель пункта выдачи сказал ждать",
        "when can i reach an agent",
        "Please, someone",
    ],
)
def test_a_person_word_in_a_report_is_no_request(text: str):
    assert not asks_for_person(text)


async def test_a_yes_that_asks_for_a_person_brings_one_in_even_after_did_this_help():
    """An answer inside the form asks "did this help?" and offers to go on with the handoff: a
    yes that says "put me through" takes the offer, not the verdict."""
    slots = {"kb_awaiting_verdict": True, "kb_last_article": "login-ru"}
    events = [
        *offer("utter_handoff_offer_again"),
        user("ясно. тогда да, соединяйте", "affirm", ts=2.0),
    ]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events, slots)
    assert replies == []
    assert slot(result, "handoff_reason") == "requested"
    assert followup(result) == "action_handoff_start"


async def test_a_plain_yes_after_did_this_help_is_the_verdict():
    slots = {"kb_awaiting_verdict": True, "kb_last_article": "login-ru"}
    events = [*offer("utter_handoff_offer_again"), user("да, помогло", "affirm", ts=2.0)]
    replies, result = await run(ActionReplyYesNo(FakeKb("answer")), events, slots)
    assert replies == ["utter_kb_glad_helped"]
    assert followup(result) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("приложение не присылает код, версия 5.9. свяжите с кем-нибудь пожалуйста", True),
        ("соедините с кем-то из поддержки", True),
        ("переключите на кого-нибудь", True),
        ("хочу отменить заказ, а кнопки отмены нет. позовите кого-нибудь", True),
        ("в заказе нет такой кнопки. перешлите к сотруднику", True),
        ("выскакивает «Ошибка 502» уже сутки. нужен техспециалист", True),
        ("перешлите мне чек на почту", False),
        ("подключите кого-нибудь к акции", False),
        ("как связаться с кем-нибудь", False),
        ("можно кого-нибудь другого отправить за заказом", False),
        ("The glass jug arrived cracked, order 44 718 209. Who can I talk to about this?", True),
        ("с кем можно поговорить по этому поводу?", True),
        ("who did you talk to at the depot?", False),
    ],
)
def test_putting_through_to_anyone_at_all_asks_for_a_person(text: str, asks: bool):
    assert asks_for_person(text) is asks


def test_a_handoff_the_bot_began_that_asks_for_a_person_is_the_customers_request():
    asking = "Third time the courier never showed up. I want a real person NOW"
    assert case_reason("complaint", asking) == "requested"
    assert case_reason("negative", "это издевательство, соедините с оператором") == "requested"
    assert case_reason("complaint", "ну и сервис у вас конечно") == "complaint"
    assert case_reason("low_confidence", "соедините с оператором") == "low_confidence"


async def test_store_services_the_nlu_puts_outside_count_as_store_questions():
    """Engraving, then gift wrapping: services around a purchase a person can answer, however
    sure the NLU is they are off-topic (not pizza): a person is offered, and brought in on the
    third."""
    action = ActionAnswerFromKnowledge(FakeKb("abstain"))
    first = [user("can you engrave a name on the smartwatch I'm buying?", "out_of_scope", 0.95)]
    replies, events = await run(action, first)
    assert replies == ["utter_kb_no_answer"] and slot(events, "low_confidence_count") == 1.0
    second = [*first, *missed(), user("ok, and do you offer gift wrapping?", "out_of_scope", 0.95)]
    replies, events = await run(action, second)
    assert replies == ["utter_kb_no_answer"] and followup(events) is None
    third = [*second, *missed(unplaced=2), user("and do you offer installation?", "out_of_scope")]
    replies, events = await run(action, third)
    assert replies == [] and followup(events) == "action_handoff_start"
    pizza = [*first, *missed(), user("and do you deliver pizza?", "out_of_scope", 0.95)]
    replies, events = await run(action, pizza, {"low_confidence_count": 1.0})
    assert replies[0] == "utter_out_of_scope" and followup(events) is None
