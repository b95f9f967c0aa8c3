"""The knowledge-base actions with a stand-in knowledge base (the real one runs in tests/e2e)."""
# The decision itself (answer / clarify / abstain from the ranking) is tested in
# tests/actions/test_answer_choice.py; here: what the action says and remembers for each.

from __future__ import annotations

from typing import Any

import numpy as np
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge, chosen_index, questions_of
from actions.knowledge_answer import Article, KnowledgeAnswer, Ranked
from actions.yes_no import ActionReplyYesNo
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector

LOGIN = Article("login-ru", "Не получается войти", "https://h/login", "ru", "Войдите по коду.", 0.9)
RESET = Article("reset-ru", "Сброс пароля", "https://h/reset", "ru", "Нажмите «Забыли».", 0.8)
GIFT = Article("gift-en", "Gift cards", "https://h/gift", "en", "From 1 000 ₽.", 0.9)
DOMAIN = {"responses": {"utter_order_status": [{"text": "x"}]}}


def ranked(*items: tuple[str, float, int]) -> tuple[Ranked, ...]:
    return tuple(Ranked(i, 0.5, fused, agreement) for i, fused, agreement in items)


class FakeKb:
    def __init__(self, answer: KnowledgeAnswer) -> None:
        self.answer = answer
        self.questions: list[str] = []
        self.known: list[object] = []
        self.intents: list[str | None] = []
        self.fetched: list[tuple[str, object]] = []

    def ask(
        self, question: str, language: str, known: object = None, intent: str | None = None
    ) -> KnowledgeAnswer:
        self.questions.append(question)
        self.known.append(known)
        self.intents.append(intent)
        return self.answer

    def article(self, article_id: str, question: str, known: object = None) -> Article | None:
        self.fetched.append((article_id, known))
        return {a.id: a for a in (LOGIN, RESET, GIFT)}.get(article_id)


def tracker(
    text: str,
    intent: str,
    slots: dict[str, Any] | None = None,
    entities: list[dict] | None = None,
    **message: Any,
) -> Tracker:
    return Tracker(
        "c1",
        {"language": "ru", **(slots or {})},
        {"text": text, "intent": {"name": intent}, "entities": entities or [], **message},
        [],
        False,
        None,
        {},
        "action_listen",
    )


async def run(action, text: str, intent: str, **kwargs) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(text, intent, **kwargs), DOMAIN)
    return dispatcher.messages, events


def slot(events: list[dict], name: str) -> Any:
    return next(e["value"] for e in events if e.get("name") == name)


async def test_confident_answer_has_source_excerpt_and_helpful_buttons():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("answer", (LOGIN,))))
    messages, events = await run(action, "не могу войти", "account_login")
    assert messages[0]["response"] == "utter_kb_answer"
    assert messages[0]["title"] == LOGIN.title and messages[0]["url"] == LOGIN.url
    assert messages[0]["custom"]["type"] == "article"
    assert [b["payload"] for b in messages[1]["buttons"]] == ["/affirm", "/deny"]
    assert slot(events, "kb_candidates") is None  # nothing else came close
    assert slot(events, "kb_offered") == [
        {"id": "login-ru", "title": LOGIN.title, "url": LOGIN.url, "verdict": None}
    ]
    assert slot(events, "kb_awaiting_verdict") is True


async def test_the_nlus_vector_of_the_question_goes_to_the_search():
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,)))
    vector = np.linspace(-1, 1, 512, dtype=np.float32)
    sent = KnownVector("usem3", "не могу войти", vector).to_json()
    action = ActionAnswerFromKnowledge(kb)
    await run(action, "не могу войти", "account_login", **{KNOWN_VECTOR_KEY: sent})
    await run(action, "не могу войти", "account_login")
    await run(action, "не могу войти", "account_login", **{KNOWN_VECTOR_KEY: 5})
    received, absent, malformed = kb.known
    assert isinstance(received, KnownVector) and np.array_equal(received.vector, vector)
    assert received.text == "не могу войти" and received.encoder == "usem3"
    assert absent is None and malformed is None


async def test_an_article_the_search_did_not_show_gets_the_searchs_vector_of_the_question():
    read = KnownVector("usem3", "проблема с паролем", np.ones(512, dtype=np.float32))
    close = ranked(("login-ru", 3.0, 2), ("reset-ru", 2.99, 2))
    kb = FakeKb(KnowledgeAnswer("clarify", (LOGIN,), close, question=read))
    messages, _ = await run(ActionAnswerFromKnowledge(kb), "проблема с паролем", "account_login")
    assert [b["title"] for b in messages[0]["buttons"]][:2] == [LOGIN.title, RESET.title]
    assert kb.fetched == [("reset-ru", read)]


async def test_article_in_the_other_language_says_so():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("answer", (GIFT,))))
    messages, _ = await run(action, "подарочные карты", "product_info")
    assert messages[0]["response"] == "utter_kb_answer_other_language"


async def test_close_candidates_become_buttons_and_a_choice_is_answered():
    close = ranked(("login-ru", 3.0, 2), ("reset-ru", 2.99, 2))
    kb = FakeKb(KnowledgeAnswer("clarify", (LOGIN, RESET), close))
    action = ActionAnswerFromKnowledge(kb)
    messages, events = await run(action, "проблема с паролем", "account_login")
    assert messages[0]["response"] == "utter_kb_clarify"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [
        '/kb_choose{"kb_article": "login-ru"}',
        '/kb_choose{"kb_article": "reset-ru"}',
        "/deny",
    ]
    assert slot(events, "kb_candidates") == ["login-ru", "reset-ru"]
    messages, events = await run(
        action,
        "второй вариант",
        "kb_choose",
        slots={"kb_candidates": ["login-ru", "reset-ru"], "kb_question": "проблема с паролем"},
    )
    assert messages[0]["title"] == RESET.title
    assert kb.questions == ["проблема с паролем"]


async def test_a_clear_best_is_answered_with_the_others_a_button_away():
    lead = ranked(("login-ru", 3.4, 2), ("reset-ru", 3.1, 1))
    kb = FakeKb(KnowledgeAnswer("clarify", (LOGIN, RESET), lead))
    action = ActionAnswerFromKnowledge(kb)
    messages, events = await run(action, "не пускает в кабинет", "account_login")
    assert messages[0]["response"] == "utter_kb_answer" and messages[0]["title"] == LOGIN.title
    payloads = [b["payload"] for b in messages[1]["buttons"]]
    assert payloads == ["/affirm", "/deny", "/kb_other_articles"]
    assert slot(events, "kb_candidates") == ["reset-ru"]
    slots = {"kb_candidates": ["reset-ru"], "kb_question": "не пускает в кабинет"}
    messages, events = await run(action, "другие статьи", "kb_other_articles", slots=slots)
    assert messages[0]["response"] == "utter_kb_clarify"
    assert [b["title"] for b in messages[0]["buttons"]] == [RESET.title, "Ничего из этого"]
    messages, _ = await run(action, "другие статьи", "kb_other_articles")
    assert messages[0]["response"] == "utter_kb_no_other_articles"


async def test_complaint_gets_one_line_of_empathy_before_the_answer():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("answer", (LOGIN,))))
    messages, _ = await run(action, "опять не могу войти, сколько можно", "account_login")
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]


async def test_a_complaint_answered_with_an_article_is_offered_a_person_beside_it():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("answer", (LOGIN,))))
    messages, _ = await run(action, "почему меня опять не пускает?!", "account_login")
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == ["/affirm", "/deny", "/request_human"]
    messages, _ = await run(action, "не могу войти", "account_login")
    assert "/request_human" not in [b["payload"] for b in messages[-1]["buttons"]]


async def test_an_irritated_question_is_answered_first_with_a_person_beside_it():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("answer", (LOGIN,))))
    messages, events = await run(
        action, "третий день не пускает в аккаунт, как войти?!", "account_login"
    )
    assert [m["response"] for m in messages[:2]] == ["utter_kb_empathy", "utter_kb_answer"]
    assert "/request_human" in [b["payload"] for b in messages[-1]["buttons"]]
    assert not any(e.get("name") == "handoff_reason" for e in events)
    _, events = await run(action, "третий день не пускает в аккаунт!! разберитесь", "account_login")
    assert slot(events, "handoff_reason") == "requested"


async def test_a_follow_up_that_refers_back_is_searched_with_the_question_it_follows():
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,)))
    action = ActionAnswerFromKnowledge(kb)
    answered = {"kb_awaiting_verdict": True, "kb_question": "не пускает в кабинет"}
    _, events = await run(action, "а если он опять не пустит?", "nlu_fallback", slots=answered)
    # kept together, so the next follow-up ("а деньгами никак?") still leans on the first question
    assert slot(events, "kb_question") == "а если он опять не пустит? не пускает в кабинет"
    await run(action, "а если он опять не пустит?", "nlu_fallback")  # no answer before it
    for text, intent, confidence in [
        ("а как сменить пароль?", "account_password_reset", 0.95),
        # a topic the NLU is unsure of is likely read from the follow-up's few words
        ("а через браузер тогда можно?", "account_login", 0.55),
        # ... but one that asks nothing says what happened next: searched alone
        ("now it's showing E-101 instead", "tech_error_message", 0.6),
    ]:
        parsed = tracker(text, intent, answered)
        parsed.latest_message["intent"]["confidence"] = confidence
        await action.run(CollectingDispatcher(), parsed, DOMAIN)
    assert kb.questions == [
        "а если он опять не пустит? не пускает в кабинет",
        "а если он опять не пустит?",
        "а как сменить пароль?",  # the NLU placed it: a question of its own
        "а через браузер тогда можно? не пускает в кабинет",
        "now it's showing E-101 instead",
    ]


async def test_latin_typed_russian_and_long_stories_are_searched_as_the_nlu_read_them():
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,)))
    action = ActionAnswerFromKnowledge(kb)
    await run(action, "ne mogu voyti v akkaunt", "account_login")
    story = "Вчера купил новый телефон. " * 20 + "Как войти в аккаунт на новом телефоне?"
    await run(action, story, "account_login")
    assert kb.questions == ["не могу войти в аккаунт", "Как войти в аккаунт на новом телефоне?"]
    assert kb.intents == ["account_login", "account_login"]


async def test_choosing_when_nothing_was_offered_asks_for_the_question():
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,)))
    messages, events = await run(ActionAnswerFromKnowledge(kb), "давай второй", "kb_choose")
    assert messages[0]["response"] == "utter_kb_nothing_to_choose"
    assert events == [] and kb.questions == []


async def test_abstain_uses_the_topic_reply_or_says_so_honestly():
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("abstain", ())))
    messages, _ = await run(action, "где заказ", "order_status")
    assert messages[0]["response"] == "utter_order_status"
    messages, _ = await run(action, "фывапролд", "nlu_fallback")
    assert messages[0]["response"] == "utter_kb_no_answer"
    assert messages[0]["buttons"][0]["payload"] == "/request_human"


async def test_an_unsure_out_of_scope_counts_as_a_question_the_bot_could_not_place():
    # "А подъём на 9 этаж без лифта платный?" read as out_of_scope at 0.33 is a store question a
    # person can answer: it counts toward the two misses that bring one in; a sure one does not.
    action = ActionAnswerFromKnowledge(FakeKb(KnowledgeAnswer("abstain", ())))

    async def misses_after(text: str, confidence: float) -> float:
        asked = tracker(text, "out_of_scope")
        asked.latest_message["intent"]["confidence"] = confidence
        events = await action.run(CollectingDispatcher(), asked, DOMAIN)
        return slot(events, "low_confidence_count")

    assert await misses_after("подъём на этаж платный?", 0.33) == 1.0
    assert await misses_after("кто выиграл матч?", 0.9) == 0.0


async def test_a_kind_of_question_with_no_article_gets_no_stock_reply():
    answer = KnowledgeAnswer(
        "abstain", (), ranked(("order-ru", 1.5, 3), ("x", 1.0, 0)), frozenset()
    )
    messages, _ = await run(ActionAnswerFromKnowledge(FakeKb(answer)), "где заказ", "order_status")
    assert messages[0]["response"] == "utter_kb_no_answer"


async def test_what_is_not_a_question_is_not_searched():
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,)))
    action = ActionAnswerFromKnowledge(kb)
    replies = {}
    for text, intent in [
        ("???", "nlu_fallback"),
        ("😡😡😡", "nlu_fallback"),
        ("Hallo, wo ist meine Bestellung?", "nlu_fallback"),
        ("здравствуйте, у меня проблема", "vague_problem"),
        ("ясно, спс", "nlu_fallback"),
        ("хорошего дня", "order_status"),
    ]:
        messages, _ = await run(action, text, intent)
        replies[text] = messages[0]["response"]
    assert replies == {
        "???": "utter_kb_unreadable",
        "😡😡😡": "utter_kb_unreadable",
        "Hallo, wo ist meine Bestellung?": "utter_kb_foreign_language",
        "здравствуйте, у меня проблема": "utter_kb_what_happened",
        "ясно, спс": "utter_thanks",
        "хорошего дня": "utter_goodbye",
    }
    assert kb.questions == []
    messages, _ = await run(action, "спасибо", "nlu_fallback", slots={"customer_name": "Анна"})
    assert messages[0] == {**messages[0], "response": "utter_thanks_named", "name": "Анна"}


async def test_a_vague_opener_with_a_topic_offers_that_topics_articles():
    answer = KnowledgeAnswer(
        "clarify", (LOGIN, RESET), ranked(("login-ru", 3, 2), ("reset-ru", 2, 1))
    )
    kb = FakeKb(answer)
    messages, events = await run(
        ActionAnswerFromKnowledge(kb), "hi, something is wrong with my account", "vague_problem"
    )
    assert messages[0]["response"] == "utter_kb_what_happened_topic"
    assert [b["title"] for b in messages[0]["buttons"]][:2] == [LOGIN.title, RESET.title]
    assert slot(events, "kb_candidates") == ["login-ru", "reset-ru"]


async def test_a_topics_bare_name_is_answered_only_when_the_search_is_sure():
    unsure = KnowledgeAnswer(
        "clarify", (LOGIN, RESET), ranked(("login-ru", 3.2, 1), ("reset-ru", 3.0, 2))
    )
    kb = FakeKb(unsure)
    messages, events = await run(ActionAnswerFromKnowledge(kb), "аккаунт", "account_login")
    assert messages[0]["response"] == "utter_kb_clarify"
    assert slot(events, "kb_candidates") == ["login-ru", "reset-ru"]
    assert kb.questions == ["аккаунт"] and kb.intents == [None]
    sure = FakeKb(KnowledgeAnswer("answer", (LOGIN,), ranked(("login-ru", 5, 5))))
    messages, _ = await run(ActionAnswerFromKnowledge(sure), "аккаунт", "account_login")
    assert messages[0]["response"] == "utter_kb_answer" and messages[0]["title"] == LOGIN.title


async def test_verdict_is_stored_and_counted():
    offered = [{"id": "login-ru", "title": "t", "url": "u", "verdict": None}]
    slots = {"kb_awaiting_verdict": True, "kb_last_article": "login-ru", "kb_offered": offered}
    messages, events = await run(ActionReplyYesNo(), "нет", "deny", slots=slots)
    assert messages[0]["response"] == "utter_kb_sorry_not_helped"
    assert slot(events, "kb_offered")[0]["verdict"] == "not_helpful"
    assert slot(events, "kb_unhelpful_count") == 1.0
    messages, _ = await run(ActionReplyYesNo(), "да", "affirm")
    assert messages[0]["response"] == "utter_affirm"


async def test_a_no_told_with_what_was_tried_offers_a_person_and_searches_nothing():
    offered = [{"id": "site-ru", "title": "t", "url": "u", "verdict": None}]
    slots = {"kb_awaiting_verdict": True, "kb_last_article": "site-ru", "kb_offered": offered}
    kb = FakeKb(KnowledgeAnswer("answer", (LOGIN,), ranked(("login-ru", 5, 5))))
    text = "не помогло, кэш чистил, в хроме и в яндексе одно и то же"
    messages, events = await run(ActionAnswerFromKnowledge(kb), text, "tech_app_crash", slots=slots)
    assert messages[0]["response"] == "utter_kb_not_helped_told"
    assert messages[0]["buttons"][-1]["payload"] == "/request_human"
    assert slot(events, "kb_offered")[0]["verdict"] == "not_helpful"
    assert kb.questions == []
    asked = "не помогло, а как тогда продлить хранение?"
    messages, _ = await run(ActionAnswerFromKnowledge(kb), asked, "tech_app_crash", slots=slots)
    assert messages[0]["response"] == "utter_kb_answer", "a question after the no is searched"


async def test_not_helpful_shows_the_other_close_articles():
    offered = [{"id": "login-ru", "title": "t", "url": "u", "verdict": None}]
    slots = {
        "kb_awaiting_verdict": True,
        "kb_last_article": "login-ru",
        "kb_offered": offered,
        "kb_candidates": ["reset-ru"],
        "kb_question": "не могу войти",
    }
    action = ActionReplyYesNo(FakeKb(KnowledgeAnswer("abstain", ())))
    messages, events = await run(action, "нет", "deny", slots=slots)
    assert messages[0]["response"] == "utter_kb_sorry_not_helped"
    assert messages[0]["buttons"][0]["payload"] == '/kb_choose{"kb_article": "reset-ru"}'
    assert slot(events, "kb_candidates") == ["reset-ru"]
    messages, events = await run(action, "да", "affirm", slots=slots)
    assert messages[0]["response"] == "utter_kb_glad_helped"
    assert slot(events, "kb_candidates") is None


def test_ordinals_in_both_languages():
    assert [chosen_index(t) for t in ("второй вариант", "the first one", "3", "hmm")] == [
        1,
        0,
        2,
        None,
    ]


async def test_the_nlu_sure_of_a_vague_opener_lets_it_hold_a_word_of_its_own():
    kb = FakeKb(KnowledgeAnswer("clarify", (LOGIN, RESET), ranked(("login-ru", 3, 2))))
    text = "здравствуйте, небольшое уточнение по аккаунту"
    replies = []
    for confidence in (0.97, 0.5):
        message = {"text": text, "intent": {"name": "vague_problem", "confidence": confidence}}
        sure = Tracker("c1", {"language": "ru"}, message, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        await ActionAnswerFromKnowledge(kb).run(dispatcher, sure, DOMAIN)
        replies.append(dispatcher.messages[0]["response"])
    assert replies[0] == "utter_kb_what_happened_topic"
    assert replies[1] != "utter_kb_what_happened_topic"  # unsure: searched as a question


async def test_a_message_ending_in_thanks_right_after_an_answer_closes_when_nothing_is_found():
    unsure = FakeKb(KnowledgeAnswer("abstain", (), ranked(("login-ru", 2.4, 2), ("x", 2.1, 1))))
    text = "а, я правда два раза не забрала заказы... ладно, спасибо"
    after = {"kb_awaiting_verdict": True, "kb_last_article": "reset-ru"}
    messages, events = await run(ActionAnswerFromKnowledge(unsure), text, "complaint", slots=after)
    assert [m["response"] for m in messages] == ["utter_thanks"]
    assert slot(events, "kb_awaiting_verdict") is False
    # Not right after an answer, or when the search is sure, it is a question like any other.
    messages, _ = await run(ActionAnswerFromKnowledge(unsure), text, "complaint")
    assert messages[0]["response"] != "utter_thanks"
    sure = FakeKb(KnowledgeAnswer("answer", (LOGIN,), ranked(("login-ru", 5, 5))))
    messages, _ = await run(ActionAnswerFromKnowledge(sure), text, "complaint", slots=after)
    assert messages[-2]["response"] == "utter_kb_answer"


async def test_a_long_story_is_remembered_as_its_question_for_the_follow_up():
    """Its question is at its end, which the remembered first 500 characters would not reach."""
    story = "Заказала маме мультиварку, неделю всё было хорошо. " * 12
    story += "Вопрос такой: можно ли её сдать как бракованную и вернуть деньги?"
    kb = FakeKb(KnowledgeAnswer("answer", (RESET,), ranked(("reset-ru", 5, 5))))
    _, events = await run(ActionAnswerFromKnowledge(kb), story, "nlu_fallback")
    assert kb.questions == [slot(events, "kb_question")]
    assert slot(events, "kb_question").endswith(
        "можно ли её сдать как бракованную и вернуть деньги?"
    )


async def test_a_yes_that_goes_on_to_ask_is_searched_not_taken_as_a_verdict():
    slots = {
        "kb_awaiting_verdict": True,
        "kb_last_article": "login-ru",
        "kb_question": "можно выставить счет на ип?",
    }
    kb = FakeKb(KnowledgeAnswer("answer", (RESET,), ranked(("reset-ru", 5, 5))))
    messages, events = await run(
        ActionReplyYesNo(kb), "а упд потом как получим", "affirm", slots=slots
    )
    assert messages[0]["response"] == "utter_kb_answer" and messages[0]["title"] == RESET.title
    assert kb.questions == ["а упд потом как получим"]
    assert slot(events, "kb_question") == "а упд потом как получим"


async def test_a_no_that_reports_what_still_fails_is_a_verdict():
    slots = {"kb_awaiting_verdict": True, "kb_last_article": "login-ru"}
    kb = FakeKb(KnowledgeAnswer("answer", (RESET,), ranked(("reset-ru", 5, 5))))
    messages, _ = await run(
        ActionReplyYesNo(kb), "нет, как было так и осталось", "deny", slots=slots
    )
    assert messages[0]["response"] == "utter_kb_sorry_not_helped" and kb.questions == []


async def test_phoning_someone_gets_the_contacts_with_a_person_beside_them():
    contacts = Article("contacts-en", "Contacts", "https://h/contacts", "en", "Call us.", 0.9)
    kb = FakeKb(KnowledgeAnswer("answer", (contacts,), ranked(("contacts-en", 5, 5))))
    text = "whats your phone number, id rather just call someone"
    messages, events = await run(
        ActionAnswerFromKnowledge(kb), text, "contacts_hours", slots={"language": "en"}
    )
    assert messages[0]["response"] == "utter_kb_answer"
    assert messages[-1]["buttons"][-1]["payload"] == "/request_human"
    assert not any(e.get("name") == "handoff_reason" for e in events)


def test_only_the_question_of_a_message_giving_facts_inside_the_form_is_searched():
    told = "это номер заказа был. телефон . а вообще сколько по правилам деньги идут?"
    assert questions_of(told) == "а вообще сколько по правилам деньги идут?"
    assert questions_of("заказ так и не пришёл") == "заказ так и не пришёл"  # nothing asked
