"""Turn and case checks against hand-made gateway replies, Rasa trackers and desk records."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp import web

from bench.cases import (
    DeskCases,
    FiledCase,
    case_failures,
    case_from_desk,
    case_from_tracker,
)
from bench.checks import Context, TurnResult, context_for, failures_of
from bench.replies import (
    card_numbers,
    introduced_name,
    outcome_of,
    project_outcomes,
    response_outcomes,
)
from bench.script import Conversation, Expectation, ExpectedCase, Turn

REPLY = {
    "messages": [
        {"text": "Статус заказа виден в «Мои заказы».", "article": {"id": "order-status-ru"}},
        {"text": "Это помогло?", "buttons": [{"title": "Да", "payload": "/affirm"}]},
    ],
    "mode": "bot",
}
TRACKER = {
    "latest_message": {"intent": {"name": "order_status"}},
    "slots": {"order_number": "45873921", "handoff_reason": None},
    "active_loop": {},
    "events": [{"event": "action", "name": "action_answer_from_knowledge"}],
}


def turn(**expect: object) -> Turn:
    return Turn(say="где заказ", line=3, expect=Expectation(**expect))  # type: ignore[arg-type]


def test_a_matching_turn_has_no_failures() -> None:
    result = TurnResult.of(200, REPLY, TRACKER)
    expected = turn(
        intents=("order_status",),
        slots={"order_number": "45873921"},
        articles=("order-status-ru", "order-status-en"),
        reply_contains=("мои заказы",),
        language="ru",
        handoff=False,
    )
    assert failures_of(expected, result) == []
    assert result.shown()["bot"][1] == "Это помогло? [buttons: Да]"


def test_each_mismatch_is_named() -> None:
    result = TurnResult.of(200, REPLY, TRACKER)
    expected = turn(
        intents=("greet",),
        slots={"order_number": None},
        articles=("refund-times-ru",),
        reply_contains=("Анна",),
        language="en",
        handoff=True,
    )
    assert failures_of(expected, result) == [
        "intent: expected greet, got order_status",
        "slot order_number: expected None, got '45873921'",
        "article: expected refund-times-ru, got ['order-status-ru']",
        "reply contains none of ['Анна']",
        "reply language: expected en, got ru",
        "handoff: expected started, not started",
    ]


def test_any_sign_of_a_handoff_counts() -> None:
    with_form = {**TRACKER, "active_loop": {"name": "handoff_form"}}
    assert TurnResult.of(200, REPLY, with_form).handoff
    assert TurnResult.of(200, {**REPLY, "mode": "agent"}, TRACKER).handoff
    with_slot = {**TRACKER, "slots": {"handoff_reason": "requested"}}
    assert TurnResult.of(200, REPLY, with_slot).handoff


def test_an_http_error_is_the_only_failure_reported() -> None:
    result = TurnResult.of(503, {"messages": [{"text": "Sorry"}]}, {})
    assert failures_of(turn(intents=("greet",)), result) == ["the gateway answered HTTP 503"]


# --- The outcome, the facts asked, an offer of a person, the name, card numbers -------------------

FIRST_TURN = [
    {"event": "user", "text": "где заказ"},
    {"event": "action", "name": "action_answer_from_knowledge"},
    {"event": "bot", "text": "Статья", "metadata": {"utter_action": "utter_kb_answer"}},
    {"event": "action", "name": "action_listen"},
]


def tracker_after(*responses: str, loop: str | None = None, **slots: object) -> dict[str, Any]:
    """A tracker whose latest turn said `responses` (the earlier turn is an article answer)."""
    said = [
        {"event": "bot", "text": name, "metadata": {"utter_action": name}} for name in responses
    ]
    return {
        "latest_message": {"intent": {"name": "request_human"}},
        "slots": slots,
        "active_loop": {"name": loop} if loop else {},
        "events": [*FIRST_TURN, {"event": "user", "text": "..."}, *said],
    }


def said(*texts: str, **extra: object) -> dict[str, Any]:
    return {"messages": [{"text": t, **extra} for t in texts], "mode": "bot"}


def result_of(reply: dict[str, Any], tracker: dict[str, Any]) -> TurnResult:
    return TurnResult.of(200, reply, tracker, language_of=lambda text: "ru")


def outcome(reply: dict[str, Any], tracker: dict[str, Any]) -> str:
    return result_of(reply, tracker).outcome


def test_outcomes_come_from_the_response_names_of_this_turn_only() -> None:
    assert outcome(REPLY, tracker_after("utter_kb_answer", "utter_kb_ask_helpful")) == "answer"
    clarify = {
        "messages": [
            {
                "text": "Какая ближе?",
                "buttons": [{"title": "Статус", "payload": '/kb_choose{"kb_article": "x"}'}],
            }
        ]
    }
    assert outcome(clarify, tracker_after("utter_kb_clarify")) == "clarify"
    assert outcome(clarify, tracker_after()) == "clarify"  # the buttons alone tell it
    assert outcome(said("Нет ответа"), tracker_after("utter_kb_no_answer")) == "abstain"
    assert outcome(said("Увы"), tracker_after("utter_out_of_scope")) == "abstain"
    assert outcome(said("Привет, Анна"), tracker_after("utter_greet_named")) == "small_talk"
    assert outcome(said("Статус в ЛК"), tracker_after("utter_order_status")) == "answer"
    assert outcome(said("Отменяю"), tracker_after("utter_handoff_cancelled")) == "small_talk"
    started = tracker_after("utter_request_human", "utter_ask_customer_name", loop="handoff_form")
    assert outcome(said("Позову", "Как вас зовут?"), started) == "form"
    # The earlier turn's article is not this turn's; a turn that says nothing is `nothing`.
    assert outcome({"messages": []}, tracker_after()) == "nothing"
    assert outcome(said("Ошибка"), tracker_after("utter_action_failed")) == "other"
    assert outcome(said("?"), tracker_after("utter_something_new")) == "other"
    assert outcome(said("?"), tracker_after("utter_ask_something_new")) == "form"


def test_the_most_telling_outcome_wins() -> None:
    # An article answered in the middle of the form, which still waits: an answer.
    mid_form = tracker_after(
        "utter_kb_answer", loop="handoff_form", requested_slot="handoff_contact"
    )
    assert result_of(REPLY, mid_form).outcomes == ("answer", "form")
    # "Thanks" before the next question of the form: the form.
    thanks = tracker_after("utter_thanks", "utter_ask_handoff_contact", loop="handoff_form")
    assert outcome(said("Спасибо", "Ваш email?"), thanks) == "form"
    # A greeting and a no-answer: the no-answer.
    assert outcome(said("Привет", "Нет"), tracker_after("utter_greet", "utter_kb_no_answer")) == (
        "abstain"
    )


def test_an_outcome_mismatch_names_what_was_said() -> None:
    result = result_of(said("Привет"), tracker_after("utter_greet"))
    assert failures_of(turn(outcomes=("answer", "clarify")), result) == [
        "outcome: expected answer or clarify, got small_talk (utter_greet)"
    ]
    assert failures_of(turn(outcomes=("small_talk",)), result) == []


def test_the_facts_asked_are_the_forms_open_question_and_this_turns_questions() -> None:
    asking = tracker_after(
        "utter_ask_handoff_contact", loop="handoff_form", requested_slot="handoff_contact"
    )
    result = result_of(said("Ваш email или телефон?"), asking)
    assert result.asked == {"contact"}
    assert failures_of(turn(asks_for_any=("contact", "order_number")), result) == []
    assert failures_of(turn(asks_for_any=("order_number",)), result) == [
        "asks_for_any: expected order_number, asked ['contact']"
    ]
    assert failures_of(turn(must_not_ask_for=("name", "contact")), result) == [
        "must_not_ask_for: asked for contact"
    ]
    # A re-ask after an invalid answer asks too; a requested_slot left over without the form
    # does not.
    invalid = tracker_after("utter_handoff_invalid_order_number", loop="handoff_form")
    assert result_of(said("8 цифр"), invalid).asked == {"order_number"}
    leftover = tracker_after("utter_handoff_queued", requested_slot="handoff_tried")
    assert result_of(said("Готово"), leftover).asked == frozenset()
    assert failures_of(turn(asks_for_any=("tried",)), result_of(said("Готово"), leftover)) == [
        "asks_for_any: expected tried, asked nothing"
    ]


def test_a_cancelled_handoff_is_over() -> None:
    cancelled = tracker_after("utter_handoff_cancelled", handoff_reason=None)
    cancelled["events"] = [
        {"event": "user", "text": "позовите человека"},
        {"event": "action", "name": "action_handoff_start"},
        {"event": "active_loop", "name": "handoff_form"},
        {"event": "user", "text": "уже не надо"},
        {"event": "action", "name": "handoff_form"},
        {"event": "action", "name": "action_handoff_submit"},
        {"event": "bot", "metadata": {"utter_action": "utter_handoff_cancelled"}},
    ]
    result = result_of(said("Хорошо, не буду передавать."), cancelled)
    assert result.outcome == "small_talk"
    assert result.handoff  # the submit action ran in this very turn
    cancelled["events"] = [*cancelled["events"], {"event": "user", "text": "ок"}]
    assert not result_of(said("Хорошо"), cancelled).handoff


def test_an_offer_of_a_person_is_a_button_or_the_bots_own_words() -> None:
    def offers(reply: dict[str, Any]) -> bool:
        return result_of(reply, tracker_after()).offers_human

    button = {"title": "Позвать специалиста", "payload": "/request_human"}
    assert offers({"messages": [{"text": "Не нашёл ответа.", "buttons": [button]}]})
    assert offers(said("Могу передать вопрос специалисту."))
    assert offers(said("Or I can bring in a real person."))
    assert not offers(said("Проверьте, не блокирует ли оператор связи SMS."))
    assert not offers(said("Ask your mobile operator about it."))
    card = {"text": "Напишите оператору в чат", "article": {"id": "contacts-ru"}}
    assert not offers({"messages": [card]})  # the help centre's words, not an offer
    result = result_of(said("Вот статья."), tracker_after())
    assert failures_of(turn(offers_human=True), result) == [
        "offers_human: expected an offer of a person, there is none"
    ]


def conversation(*turns: Turn, case: ExpectedCase | None = None) -> Conversation:
    return Conversation(name="c", line=1, turns=turns, case=case)


def test_the_name_to_look_for_metadata_then_case_then_slot() -> None:
    first = Turn(say="привет", line=2, metadata={"name": "Ольга"})
    second = Turn(say="а где заказ", line=3)
    assert context_for(conversation(first, second), 1, {"customer_name": "Оля"}).name == "Ольга"
    by_case = conversation(second, case=ExpectedCase(line=9, name="Андрей Кузнецов"))
    assert context_for(by_case, 0, {"customer_name": "Андрей"}).name == "Андрей Кузнецов"
    assert context_for(conversation(second), 0, {"customer_name": "Игорь"}).name == "Игорь"
    introduced = Turn(say="здравствуйте, я Нина. не могу войти", line=4)
    assert context_for(conversation(introduced, second), 1, {"customer_name": "Ня"}).name == "Нина"
    assert context_for(conversation(second), 0, {}).name is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("я Нина, не могу войти в лк", "Нина"),
        ("добрый вечер, меня зовут Татьяна. пишу уже не первый раз", "Татьяна"),
        ("Это Игорь. в заказе не хватает зарядки", "Игорь"),
        ("this is Mike. link in your push notification opens a 404", "Mike"),
        ("hi im Sarah, can the courier come in the evening", "Sarah"),
        ("я не могу войти", None),
        ("это не мой заказ", None),
        ("I'm not happy with the courier", None),
        ("вообще-то зовут меня иначе", None),
    ],
)
def test_a_self_introduction_gives_the_name(text: str, name: str | None) -> None:
    assert introduced_name(text) == name


def test_uses_name_looks_for_the_first_name_as_a_word() -> None:
    def failures(text: str, name: str | None, wanted: bool = True) -> list[str]:
        result = result_of(said(text), tracker_after("utter_ask_handoff_contact"))
        return failures_of(turn(uses_name=wanted), result, Context(name=name))

    assert failures("Спасибо, андрей! Ваш email?", "Андрей Кузнецов") == []
    # Surname first, as Russian forms are often filled: the given name is the one to look for.
    assert failures("Ирина Сергеевна, ваш email?", "Кузьмина Ирина Сергеевна") == []
    assert failures("Лёша, оставьте email", "Леша") == []
    assert failures("Спасибо, Вера.", "Вера") == []
    assert failures("Проверю на стороне сервера.", "Вера") == [
        "uses_name: the reply does not address the customer as 'Вера'"
    ]
    assert failures("Спасибо, Вера.", "Вера", wanted=False) == [
        "uses_name: expected no name, the reply uses 'Вера'"
    ]
    assert failures("Здравствуйте!", None) == [
        "uses_name: the customer's name is not known (no metadata, case, introduction, slot)"
    ]
    # An article card's text is not the bot addressing anyone.
    card = {"messages": [{"text": "Вера в лучшее", "article": {"id": "x"}}]}
    result = result_of(card, tracker_after("utter_kb_answer"))
    assert failures_of(turn(uses_name=True), result, Context(name="Вера")) != []


def test_a_typed_card_number_must_never_come_back() -> None:
    first = Turn(say="карта 2202 2046 1234 1230, списаний не было", line=2)
    second = Turn(say="ну и?", line=3)
    context = context_for(conversation(first, second), 1, {})
    assert context.cards == {"2202204612341230"}
    # Not cards: an order number, a phone, sixteen digits failing Luhn.
    assert card_numbers("заказ 45873921, тел. +7 925 111-22-33, 1234 5678 9012 3456") == set()
    echoed = result_of(said("Ваша карта 2202-2046-1234-1230?"), tracker_after())
    assert failures_of(turn(), echoed, context) == [
        "card number ****1230 the customer typed is shown in a reply"
    ]
    in_a_button = {"messages": [{"text": "Это она?", "buttons": [{"title": "2202204612341230"}]}]}
    assert failures_of(turn(), result_of(in_a_button, tracker_after()), context) != []
    masked = result_of(said("Карта **** **** **** 1230 — уточню у специалиста."), tracker_after())
    assert failures_of(turn(), masked, context) == []
    failed = TurnResult.of(500, said("2202 2046 1234 1230"), {}, language_of=lambda t: None)
    assert failures_of(turn(), failed, context) == [
        "the gateway answered HTTP 500",
        "card number ****1230 the customer typed is shown in a reply",
    ]


def test_every_response_of_the_project_has_an_outcome() -> None:
    from bot.common.build.intent_files import load_content
    from bot.common.settings import PROJECT_ROOT

    content = load_content(PROJECT_ROOT / "intents")
    table = project_outcomes()
    names = set(content.responses) | {f"utter_{i.name}" for i in content.intents if i.responses}
    names |= {f"utter_{i.name}_named" for i in content.intents if i.named_responses}
    unclassified = sorted(n for n in names if outcome_of(n, table) == "other")
    assert unclassified == ["utter_action_failed", "utter_ask_rating", "utter_rating_unclear"]
    assert {outcome_of(n, table) for n in ("utter_request_human", "utter_complaint")} == {"form"}
    assert outcome_of("utter_thanks_named", table) == "small_talk"
    assert outcome_of("utter_contacts_hours", table) == "answer"


def test_a_hand_made_outcome_table() -> None:
    table = response_outcomes(
        [
            SimpleNamespace(name="greet", topic="smalltalk", reply="respond"),
            SimpleNamespace(name="refund_status", topic="returns", reply="knowledge"),
            SimpleNamespace(name="legal_threat", topic="process", reply="action_handoff_start"),
        ]
    )
    assert table["utter_greet_named"] == "small_talk"
    assert table["utter_refund_status"] == "answer"
    assert table["utter_legal_threat"] == "form"
    result = TurnResult.of(
        200, said("Привет"), tracker_after("utter_greet"), table, language_of=lambda t: "ru"
    )
    assert result.outcome == "small_talk"


# --- The filed case ------------------------------------------------------------------------------

EXPECTED = ExpectedCase(
    line=40,
    name="Андрей Кузнецов",
    email="andrey.k@mail.ru",
    phone="+79251112233",
    order_number="71529304",
    app_version="5.4.1",
    problem_contains=("не привезли", "привезти вчера"),
)


def test_a_filed_case_matches_after_normalising() -> None:
    filed = FiledCase(
        ticket="LM-000007",
        name="андрей  кузнецов",
        email="Andrey.K@Mail.ru",
        phone="8 (925) 111-22-33",
        order_number="7152 9304",
        app_version="v5.4.1",
        problem="Заказ должны были ПРИВЕЗТИ вчера",
    )
    assert case_failures(EXPECTED, filed) == []
    assert (
        case_failures(
            ExpectedCase(line=1, phone="+79251112233"), FiledCase("t", phone="9251112233")
        )
        == []
    )


def test_a_courtesy_title_is_not_part_of_the_name() -> None:
    assert (
        case_failures(ExpectedCase(line=1, name="Thompson"), FiledCase("t", name="Mr Thompson"))
        == []
    )
    assert case_failures(ExpectedCase(line=1, name="Mrs Patel"), FiledCase("t", name="Patel")) == []
    assert case_failures(ExpectedCase(line=1, name="Patel"), FiledCase("t", name="Mrs Rao")) != []


def test_each_case_mismatch_is_named() -> None:
    filed = FiledCase(
        ticket="LM-000008",
        name="Андрей",
        email=None,
        phone="+79251112234",
        order_number="71529304",
        app_version="5.4",
        problem="не работает приложение",
    )
    assert case_failures(EXPECTED, filed) == [
        "case name: expected 'Андрей Кузнецов', got 'Андрей'",
        "case email: expected 'andrey.k@mail.ru', got None",
        "case phone: expected '+79251112233', got '+79251112234'",
        "case app_version: expected '5.4.1', got '5.4'",
        "case problem: contains none of ['не привезли', 'привезти вчера'], "
        "got 'не работает приложение'",
    ]
    assert case_failures(EXPECTED, None) == ["case: none was filed"]
    assert case_failures(None, filed) == ["case: LM-000008 was filed, none expected"]
    assert case_failures(None, None) == []


def test_a_case_is_read_from_the_desk_record_or_rebuilt_from_the_tracker() -> None:
    detail = {
        "id": 7,
        "ticket": "LM-000007",
        "summary": {
            "customer": {"name": "Вера", "email": None, "phone": "+79035551234"},
            "problem": "посылка так и не пришла",
        },
    }
    assert case_from_desk(detail) == FiledCase(
        ticket="LM-000007", name="Вера", phone="+79035551234", problem="посылка так и не пришла"
    )
    tracker = {
        "slots": {"handoff_ticket": "LM-000009", "customer_name": "Вера", "handoff_problem": None},
        "events": [
            {"event": "slot", "name": "handoff_problem", "value": "посылка не пришла"},
            {"event": "slot", "name": "handoff_problem", "value": None},  # cleared on filing
        ],
    }
    rebuilt = case_from_tracker(tracker)
    assert rebuilt is not None and rebuilt.problem == "посылка не пришла"
    assert rebuilt.ticket == "LM-000009" and rebuilt.name == "Вера"
    assert case_from_tracker({"slots": {"customer_name": "Вера"}}) is None


async def test_the_desk_reader_signs_in_and_finds_the_conversations_case(
    aiohttp_server: Any,
) -> None:
    cases = {
        3: {"id": 3, "conversation": "w-other", "ticket": "LM-000003", "summary": {}},
        5: {
            "id": 5,
            "conversation": "w-mine",
            "ticket": "LM-000005",
            "summary": {"customer": {"name": "Игорь"}, "problem": "треск"},
        },
    }

    async def login(request: web.Request) -> web.Response:
        body = await request.json()
        if body != {"login": "bench", "password": "secret"}:
            return web.json_response({"error": {"code": "invalid_credentials"}}, status=401)
        response = web.json_response({"csrf": "x"})
        response.set_cookie("desk_session", "token")
        return response

    def signed(request: web.Request) -> None:
        if request.cookies.get("desk_session") != "token":
            raise web.HTTPUnauthorized()

    async def listing(request: web.Request) -> web.Response:
        signed(request)
        assert set(request.query["state"].split(",")) == {"waiting", "assigned", "closed", "ticket"}
        return web.json_response({"cases": [{"id": i, **c} for i, c in cases.items()]})

    async def detail(request: web.Request) -> web.Response:
        signed(request)
        case = cases.get(int(request.match_info["case"]))
        return web.json_response({"case": case}) if case else web.json_response({}, status=404)

    app = web.Application()
    app.router.add_post("/desk/api/login", login)
    app.router.add_get("/desk/api/cases", listing)
    app.router.add_get("/desk/api/cases/{case}", detail)
    server = await aiohttp_server(app)
    base = str(server.make_url("")).rstrip("/")
    async with DeskCases(base, "bench", "secret") as desk:
        found = await desk.filed("w-mine")
        assert found == FiledCase(ticket="LM-000005", name="Игорь", problem="треск")
        assert await desk.filed("w-mine", "LM-000005") == found
        assert await desk.filed("w-mine", "LM-000003") == found  # another's ticket: the list
        assert await desk.filed("w-mine", "LM-000404") == found
        assert await desk.filed("w-nobody") is None
    with pytest.raises(RuntimeError, match="desk login 'bench' failed"):
        async with DeskCases(base, "bench", "wrong"):
            pass


# --- Counting per expected outcome ---------------------------------------------------------------


def test_turns_are_counted_per_expected_outcome() -> None:
    from bench.conversations import by_outcome

    def expecting(*outcomes: str) -> Turn:
        return Turn(say="x", line=1, expect=Expectation(outcomes=outcomes))

    script = [
        conversation(expecting("answer"), expecting("small_talk"), expecting("answer")),
        Conversation("pending", 9, (expecting("answer"),), pending="being built"),
        conversation(expecting("clarify", "abstain"), expecting("abstain"), Turn(say="y", line=2)),
    ]
    results: list[dict[str, Any]] = [
        {
            "pending": None,
            "transcript": [
                {"turn": 1, "outcome": "answer", "passed": True},
                {"turn": 2, "outcome": "answer", "passed": False},
            ],
        },
        {
            "pending": "being built",
            "transcript": [{"turn": 1, "outcome": "answer", "passed": True}],
        },
        {
            "pending": None,
            "transcript": [
                {"turn": 1, "outcome": "abstain", "passed": False},
                {"turn": 2, "outcome": "nothing", "passed": False, "status": 413},
            ],
        },
    ]
    assert by_outcome(script, results) == {
        "abstain": {"turns": 1, "reached": 1, "outcome_ok": 0, "passed": 0, "got": {"HTTP 413": 1}},
        "answer": {"turns": 2, "reached": 1, "outcome_ok": 1, "passed": 1, "got": {"answer": 1}},
        "clarify|abstain": {
            "turns": 1,
            "reached": 1,
            "outcome_ok": 1,
            "passed": 0,
            "got": {"abstain": 1},
        },
        "small_talk": {
            "turns": 1,
            "reached": 1,
            "outcome_ok": 0,
            "passed": 0,
            "got": {"answer": 1},
        },
    }


async def test_the_case_is_checked_from_the_desk_or_else_the_tracker() -> None:
    from bench.conversations import check_case

    class Desk:
        def __init__(self) -> None:
            self.asked: list[tuple[str, str | None]] = []

        async def filed(self, conversation: str, ticket: str | None = None) -> FiledCase | None:
            self.asked.append((conversation, ticket))
            return FiledCase(ticket="LM-000002", name="Вера", problem="посылка не пришла")

    expected = ExpectedCase(line=12, name="Вера", problem_contains=("не пришла",))
    with_case = conversation(Turn(say="x", line=2), case=expected)
    tracker = {"slots": {"handoff_ticket": "LM-000002"}}
    desk = Desk()
    assert await check_case(with_case, "w-1", tracker, desk) == []
    assert desk.asked == [("w-1", "LM-000002")]
    assert await check_case(conversation(Turn(say="x", line=2)), "w-1", tracker, desk) == [
        "line 1: case: LM-000002 was filed, none expected"
    ]
    # No desk: rebuilt from the tracker, where this one has no problem text.
    assert await check_case(with_case, "w-1", {"slots": {"handoff_ticket": "LM-7"}}, None) == [
        "line 12: case name: expected 'Вера', got None",
        "line 12: case problem: contains none of ['не пришла'], got None",
    ]


def test_an_article_list_binds_only_an_answer_when_another_outcome_is_accepted() -> None:
    import dataclasses

    clarified = dataclasses.replace(
        TurnResult.of(200, REPLY, TRACKER), articles=(), outcomes=("clarify",)
    )
    either = turn(articles=("delivery-times-cost-ru",), outcomes=("answer", "clarify"))
    assert failures_of(either, clarified) == []
    answer_only = turn(articles=("delivery-times-cost-ru",), outcomes=("answer",))
    assert [f.split(":")[0] for f in failures_of(answer_only, clarified)] == ["article", "outcome"]
    answered = dataclasses.replace(clarified, articles=("order-status-ru",), outcomes=("answer",))
    assert failures_of(either, answered)[0].startswith("article: expected delivery-times-cost-ru")
