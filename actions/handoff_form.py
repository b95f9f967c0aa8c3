"""Validates handoff_form's answers and decides which questions it needs to ask at all.

Asked only when unknown: the name (the website may pass it, any message may give it), a contact
(an email or phone given earlier counts), the order number for orders, payment and returns, the
app version for technical topics, the problem (skipped when a message already describes it), and
what was already tried.

The facts of every message are read once, by the Rasa server's NLU
(bot/rasa_server/nlu/fact_extractor.py), and fill their own slots (customer_name, email, phone,
order_number, app_version) whatever the form asked: "Андрей Кузнецов, заказ 71529304, тел.
8 925 111-22-33" answers three questions at once, and an email typed where the order number was
asked is kept as the email while the order number is asked again. An answer is read, in order:

1. "отмена" / "cancel" ends the form without a case; so does a sentence that calls it off ("ой,
   уже не надо, передумала", "nevermind, found it myself") at a question about a fact, or a short
   one at the problem and "what did you try" questions (actions/form_words.py); a real question
   is no change of mind, even one that says "уже не нужно" on the way;
2. the question's own fact in the message fills the question; without it, a message about the
   question or the handoff rather than an answer ("а зачем вам номер заказа?", "сейчас найду
   номер", "а когда мне ответят?", a complaint about the wait that names no topic: "второй день
   жду ответа!") is told what the fact is for, given time, told how the specialist answers, or
   met with empathy, and the question is asked again;
3. a real question on a support topic ("а пароль как сменить?", also one that says the answer is
   not to hand: "а где его посмотреть? не могу найти номер") pauses the form: it is answered,
   and the form goes on with the question it was asking (actions/handoff_leave.py); nothing said
   so far is lost. The problem told where a fact was asked, in a handoff the bot began on a
   complaint, pauses it too when a help article answers it, and a person is offered again;
4. "не знаю" / "skip", also inside a sentence for the order number and app version ("номера заказа
   у меня нет под рукой"), or a statement that the fact does not exist ("номера заказа нет, он же
   не оформился"), leaves an optional question empty;
5. other facts without the question's own: "noted", and the question again;
6. anything else: the question's own reading (a name written in an unusual way, a version as
   written); else, for a part of the problem, "noted, I'll pass it on", and for an answer that
   says nothing, a polite reply with an example; then the question again.

A form answer that also says what is wrong fills the problem, or is added to the one known.
Each question is one row of QUESTIONS (actions/handoff_questions.py), validated by one path,
`validate_answer`; the text readers they share are in actions/handoff_reading.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.answer_choice import choose
from actions.answer_from_knowledge import placement
from actions.conversation import (
    MAX_TEXT,
    RESUME_SLOT,
    facts_before,
    intent_topics,
    previous_reply,
    recent_turns,
    reply_names,
)
from actions.customer import stated_facts
from actions.fact_tail import corrected_by_ending, corrected_in_part
from actions.form_words import (
    asks_about_handoff,
    asks_to_skip,
    asks_where_to_find,
    asks_why_asked,
    cancels_in_sentence,
    cancels_request,
    denies_fact,
    looks_it_up,
    means_cancel,
    means_skip,
    skips_in_sentence,
    takes_back_cancel,
    takes_back_words,
)
from actions.handoff_problem import content_words
from actions.handoff_questions import (
    PAUSING_QUESTIONS,
    PROBLEM_ON_THE_WAY,
    QUESTIONS,
    SKIPPED,
    Question,
)
from actions.handoff_reading import Facts, Slots, describes_problem, is_question, names_fact
from actions.handoff_signals import complains_in_words
from actions.handoff_topic import (
    ArticleSearch,
    fact_the_form_asks,
    help_center_articles,
    intent_of_message,
    problem_topic,
)
from actions.handoff_tried import tells_what_was_tried
from actions.handoff_trigger import BOT_BEGUN_REASONS, GOES_AHEAD, wants_person
from actions.knowledge_provider import knowledge_base
from actions.knowledge_replies import language_of
from actions.purchase_stage import before_any_order
from actions.safe import SafeAction
from actions.text_fold import folded
from actions.topic_words import on_the_website_only, topic_hits
from bot.common.facts import extract_facts
from bot.common.facts.cards import card_spans
from bot.common.sentences import asking_sentences, clauses
from retrieval.known_vector import KNOWN_VECTOR_KEY, KnownVector

CHAT_TOPICS = frozenset({"smalltalk", "process"})
PAUSED_SLOT = "handoff_paused"
CANCELLED_SLOT = "handoff_cancelled"
# The actions that take over when the customer leaves the form (actions/handoff_leave.py).
CANCEL_ACTION = "action_handoff_cancel"
QUESTION_ACTION = "action_handoff_question"
# Said when the form goes back to its question after answering one asked inside it.
BACK_TO_FORM_RESPONSE = "utter_handoff_back_to_form"
NOTED_RESPONSE = "utter_handoff_noted"
PROBLEM_NOTED_RESPONSE = "utter_handoff_problem_noted"
WAIT_EMPATHY = "utter_handoff_wait_empathy"
TAKE_YOUR_TIME = "utter_handoff_take_your_time"
HOW_IT_GOES = "utter_handoff_how_it_goes"
ANSWERED = "answer"
SHORT_ANSWER_WORDS = 6  # a cancel phrase counts at the open questions only in answers this short
MIN_QUESTION_CONFIDENCE = 0.5
MIN_QUESTION_WORDS = 4  # content words of a question asked in the form, whatever its intent
# The facts a sentence may give besides a name (names are read from a question's words as well).
CONTACT_AND_ORDER_FACTS = ("email", "phone", "order_number", "app_version")
CORRECTION_WORDS = 6  # words besides the facts in a message that corrects one


def cancelled(slot: str) -> Slots:
    return {slot: None, CANCELLED_SLOT: True}


def _asking(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot(REQUESTED_SLOT) == slot


def bot_began(tracker: Tracker) -> bool:
    """The bot began the handoff itself, on a complaint or an angry message; one that asked for a
    person records the reason "requested" (handoff_trigger.case_reason)."""
    return tracker.get_slot("handoff_reason") in BOT_BEGUN_REASONS


def help_center_answers(answer: Answer) -> bool:
    """The bot would answer the message with an article, deciding as it does for any question
    (actions/answer_from_knowledge.py), rather than offer a choice or nothing."""
    placed = placement(answer.intent, answer.confidence)
    intent = answer.intent if placed == "topic" else None
    known = KnownVector.from_json(answer.parse.get(KNOWN_VECTOR_KEY))
    found = knowledge_base().ask(answer.text, answer.language, known, intent)
    return choose(found, placed, answer.confidence).decision == ANSWERED


@dataclass(frozen=True)
class Answer:
    """One customer message as the answer to the form's question."""

    text: str
    facts: Facts
    intent: str
    confidence: float
    parse: dict[str, Any] = field(default_factory=dict)  # the NLU's reading, ranking included
    language: str = "ru"
    known: Facts = field(default_factory=dict)  # the facts known before this message
    problem: str = ""  # the problem as known before this message
    topic: str | None = None  # the case's topic as known before this message
    bot_began: bool = False  # the bot began the handoff, nobody asked for a person (bot_began)
    back_to_form: bool = False  # the form just went back to its question after answering one

    @classmethod
    def of(cls, tracker: Tracker) -> Answer:
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        confidence = intent.get("confidence")
        return cls(
            text=str(message.get("text") or "").strip(),
            facts=stated_facts(tracker),
            intent=str(intent.get("name") or ""),
            confidence=float(confidence) if isinstance(confidence, (int, float)) else 0.0,
            parse=message,
            language=language_of(tracker),
            known=facts_before(tracker.events),
            problem=str(tracker.get_slot("handoff_problem") or ""),
            topic=tracker.get_slot("handoff_topic"),
            bot_began=bot_began(tracker),
            back_to_form=BACK_TO_FORM_RESPONSE in reply_names(previous_reply(tracker.events)),
        )

    @property
    def goes_ahead_only(self) -> bool:
        """Right after the form went back to its question, "ясно, возвращаемся к заявке" or
        "ok, but I still need someone" says to go on, and answers nothing."""
        if not self.back_to_form or self.facts or tells_what_was_tried(self.text):
            return False
        lowered = folded(self.text)
        return bool(GOES_AHEAD.search(lowered)) or wants_person(self.text)

    @property
    def corrects(self) -> bool:
        """The message gives again a fact known before, with another value, and little else:
        "ой, не тот номер заказа, правильный 57 302 181", "sorry, typo in the email, it's ¶"."""
        changed = [f for f, v in self.facts.items() if self.known.get(f) not in (None, v)]
        return bool(changed) and len(content_words(self.text)) <= CORRECTION_WORDS

    @property
    def has_card(self) -> bool:
        return bool(card_spans(self.text))

    def cancels(self, question: Question, asks: bool = False) -> bool:
        """A real question calls nothing off, whatever it says on the way ("а если остальное
        уже не нужно, как отменить недостающие товары?"): then only the bare word or words that
        call off the request itself do. One taken back before the message ends calls nothing
        off."""
        if takes_back_cancel(self.text):
            return False
        if takes_back_words(self.text) and any(f in self.facts for f in question.facts):
            return False  # "scratch that, call me on ¶ instead": the question answered anew
        if means_cancel(self.text) or cancels_request(self.text):
            return True
        if asks:
            return False
        short = len(self.text.split()) <= SHORT_ANSWER_WORDS
        return (question.about_a_fact or short) and cancels_in_sentence(self.text)

    def skips(self, question: Question) -> bool:
        if not question.optional:
            return False
        if means_skip(self.text):
            return True
        # read only where the question takes a skip inside a sentence
        return question.skip_in_sentence and (
            skips_in_sentence(self.text) or denies_fact(self.text)
        )

    def asks_something(self, topics: dict[str, str]) -> bool:
        """A real question on a support topic, not an answer. A message that gives a fact and has
        no question mark is an answer, however it begins ("можно ещё почту запишите: ...").
        A question of several words is one whatever the NLU's confidence ("а обмен вообще
        сколько времени занимает?"): no answer to a question about a fact is written so."""
        topic = topics.get(self.intent)
        gives_a_fact = bool(self.facts) and "?" not in self.text
        if gives_a_fact or not is_question(self.text):
            return False
        if topic in CHAT_TOPICS:
            # the NLU read it as chat or a complaint; its own words name a support topic or not
            # ("а бонусы при удалении аккаунта сгорят?" is about the account)
            return self._long_question() and bool(topic_hits(self.text))
        if topic is not None and self.confidence >= MIN_QUESTION_CONFIDENCE:
            return True
        return self._long_question()

    def _long_question(self) -> bool:
        """A question of several words; beside a fact, the question's own sentence counts: "это
        номер заказа был. телефон ¶. а вообще сколько по правилам деньги идут?"."""
        if not self.facts:
            return len(content_words(self.text)) >= MIN_QUESTION_WORDS
        for asked in asking_sentences(self.text):
            found = extract_facts(asked)
            holds_a_fact = any(getattr(found, fact) for fact in CONTACT_AND_ORDER_FACTS)
            if not holds_a_fact and len(content_words(asked)) >= MIN_QUESTION_WORDS:
                return True
        return False

    def doubts(self, question: Question) -> str | None:
        """The response to an answer about the question or the handoff rather than to it: why
        the fact is asked ("зачем вам номер заказа?"), the fact being looked up ("сейчас найду
        номер"), how the person will answer ("а мне позвонят или напишут?"), or a complaint about
        the wait that names no support topic ("у вас там кто-нибудь работает? второй день жду"):
        a person is already on the way and the customer needs to hear so, not a help article."""
        if question.why and asks_why_asked(self.text):
            return question.why
        if question.about_a_fact and looks_it_up(self.text) and not is_question(self.text):
            return TAKE_YOUR_TIME
        if asks_about_handoff(self.text):
            return HOW_IT_GOES
        waiting = complains_in_words(self.text) and not self.facts and not self.skips(question)
        if question.about_a_fact and waiting and not topic_hits(self.text):
            return WAIT_EMPATHY
        return None

    def tells_problem(self, question: Question) -> bool:
        """At a question about a fact, the message says what is wrong instead ("курьер опять не
        приехал, весь день прождала" where the name was asked); one that names the fact asked
        for is about the question ("I'm not giving you my phone number, you'll just spam me")."""
        return (
            question.about_a_fact
            and describes_problem(self.text, self.facts)
            and not names_fact(self.text, question.facts)
        )

    def problem_answered(self, question: Question, answers: ArticleAnswer) -> bool:
        """The bot offered a person on a complaint, and the customer tells what happened where a
        fact was asked: when a help article answers that, it helps sooner than a person would, so
        it is answered the way a real question is, and the person offered again."""
        return self.bot_began and self.tells_problem(question) and answers(self)


# Whether the help articles answer a message outright; tests pass their own.
ArticleAnswer = Callable[[Answer], bool]


def validate_answer(
    slot: str,
    answer: Answer,
    dispatcher: CollectingDispatcher,
    known_problem: bool = True,
    topics: dict[str, str] | None = None,
    search: ArticleSearch = help_center_articles,
    answers: ArticleAnswer = help_center_answers,
) -> Slots:
    """The customer's message as the answer to `slot`, the question being asked (see the module's
    docstring for the order); an answer that does not fill the question leaves it empty, so the
    question is asked again."""
    question = QUESTIONS[slot]
    topics = intent_topics() if topics is None else topics
    asks = slot in PAUSING_QUESTIONS and answer.asks_something(topics)
    asks = asks and not (question.optional and asks_to_skip(answer.text))
    # "where do I even find that?" at the app version's question: the help center tells where
    # (not "не знаю, где её смотреть, давайте без версии": that skips it)
    where = question.about_a_fact and not answer.facts and asks_where_to_find(answer.text)
    asks = asks or (where and not answer.skips(question))
    if asks and question.asked_back is not None and question.asked_back(answer.text):
        asks = False  # "что пробовала? всё сфотографировала, курьеру звонила": an answer
    if answer.cancels(question, asks):
        return cancelled(slot)
    own_fact = any(fact in answer.facts for fact in question.facts)
    if answer.goes_ahead_only:
        return {slot: None}  # the question again
    if own_fact and asks:
        # "chloe.marsh@icloud.com. btw how long is a gift card valid for?": the fact is kept, the
        # question answered, and the form goes on
        filled = question.parse(answer.text, answer.facts)
        return {slot: None, **filled, PAUSED_SLOT: True, RESUME_SLOT: slot}
    if not own_fact and (doubt := answer.doubts(question)):
        # "а зачем вам мои контакты?", "второй день жду ответа!": said, and the question again
        dispatcher.utter_message(response=doubt)
        return {slot: None}
    if not own_fact and answer.corrects:
        # a fact corrected: the new value is in its own slot, and the question is asked again
        dispatcher.utter_message(response=NOTED_RESPONSE)
        return {slot: None}
    if not own_fact and asks:
        # asked before the skip: "а где его посмотреть? не могу найти номер" wants an answer
        return {slot: None, PAUSED_SLOT: True, RESUME_SLOT: slot}
    if not own_fact and answer.problem_answered(question, answers):
        return {slot: None, PAUSED_SLOT: True, **_problem_told(answer, known_problem)}
    if not own_fact and answer.skips(question):
        return {slot: SKIPPED, **_tried_too(slot, answer)}
    if not own_fact and answer.has_card and question.about_a_fact and question.invalid:
        # a card number where a fact was asked ("вот карта, с которой платила: ¶") is no answer
        dispatcher.utter_message(response=question.invalid)
        return {slot: None}
    if not own_fact and _answers_tried_instead(question, answer):
        return {slot: SKIPPED, **_tried_too(slot, answer)}
    filled: Slots = {slot: None, **question.parse(answer.text, answer.facts)}
    if filled[slot] is not None:
        filled.update(_tried_too(slot, answer))
    if slot in PROBLEM_ON_THE_WAY and describes_problem(answer.text, answer.facts):
        filled.update(_problem_told(answer, known_problem))
    # the problem told decides the topic, unless one it was known by already did: a complaint
    # ("Безобразие, а не сервис") has none, the late refund told with the name does
    untopical = not known_problem or answer.topic in (None, *CHAT_TOPICS)
    if filled.get("handoff_problem") and (slot == "handoff_problem" or untopical):
        filled.update(_subject(answer, topics, search))
    if filled[slot] is not None:
        filled.update(_denied_ahead(slot, answer))
    if filled[slot] is None:
        others = [fact for fact in answer.facts if fact not in question.facts]
        if others:
            dispatcher.utter_message(response=NOTED_RESPONSE)
        elif answer.tells_problem(question):
            # part of the problem, told where a fact was asked: no wrong answer to correct
            dispatcher.utter_message(response=PROBLEM_NOTED_RESPONSE)
        elif question.invalid:
            dispatcher.utter_message(response=question.invalid)
    return filled


def _problem_told(answer: Answer, known_problem: bool) -> Slots:
    """The problem with what this message tells of it: the message itself when no problem is
    known, else added after the known one, so the agent reads both ("Короче, я заказал диван",
    then "а его привезли без ножек и без фурнитуры" where the order number was asked)."""
    if not known_problem:
        return {"handoff_problem": answer.text[:MAX_TEXT]}
    if not answer.problem or answer.text in answer.problem:
        return {}
    return {"handoff_problem": f"{answer.problem}\n{answer.text}"[:MAX_TEXT]}


def _tried_too(slot: str, answer: Answer) -> Slots:
    """An answer about a fact that also says what was already tried ("не помню номер, а в банк
    я уже звонила") answers that question too (actions/handoff_tried.py); an answer that does not
    answer its own question ("не скажу") answers no other."""
    if slot in PROBLEM_ON_THE_WAY and tells_what_was_tried(answer.text):
        return {"handoff_tried": answer.text[:MAX_TEXT]}
    return {}


# A fact named in a clause that says it does not exist or cannot be given: "Номера заказа нет, это
# ежемесячное списание", "версию не подскажу". The words of the fact itself, not of others
# ("номера телефона нет" says nothing of the order).
DENIED_FACT_WORDS = {
    "order_number": re.compile(r"\b(?:заказ\w*|orders?)\b"),
    "app_version": re.compile(r"\b(?:верси\w*|versions?)\b"),
}


def _denied_ahead(slot: str, answer: Answer) -> Slots:
    """An answer that also says a later optional fact cannot be given skips that question too:
    the customer has said it once ("eduard@¶. Номера заказа нет, это ежемесячное списание" at
    the contact question)."""
    denied = [c for c in clauses(folded(answer.text)) if denies_fact(c)]
    return {
        other: SKIPPED
        for other, question in QUESTIONS.items()
        if other != slot
        and question.optional
        and not any(fact in answer.facts for fact in question.facts)
        and any(
            DENIED_FACT_WORDS[fact].search(clause)
            for fact in question.facts
            if fact in DENIED_FACT_WORDS
            for clause in denied
        )
    }


def _answers_tried_instead(question: Question, answer: Answer) -> bool:
    """An optional question answered with what was already tried and no fact at all ("выходил из
    аккаунта и заходил снова, чистил куки" where the order number was asked): the customer has
    passed over it, and asking it again would make them repeat themselves."""
    return (
        question.optional
        and question.about_a_fact
        and not answer.facts
        and not is_question(answer.text)
        and tells_what_was_tried(answer.text)
    )


def _subject(answer: Answer, topics: dict[str, str], search: ArticleSearch) -> Slots:
    """The problem told inside the form decides the topic (and so whether the order number or the
    app version is asked next) when its topic can be told (actions/handoff_topic.py); else the
    start's reading stays. A message that also gives a fact draws the NLU to the fact ("это
    Фрося. номер тот, куда спам идёт: ¶" read as an order's status): its words and the search
    tell the topic, and the case keeps the intent it had."""
    drawn = any(fact in answer.facts for fact in CONTACT_AND_ORDER_FACTS)
    parse = {"text": answer.text} if drawn else answer.parse
    topic = problem_topic(parse, answer.text, topics, answer.language, search)
    if topic is None:
        return {}
    if drawn:
        return {"handoff_topic": topic}
    return {"handoff_topic": topic, "handoff_intent": intent_of_message(answer.parse)}


class ValidateHandoffForm(SafeAction, FormValidationAction):
    def __init__(
        self,
        search: ArticleSearch = help_center_articles,
        answers: ArticleAnswer = help_center_answers,
    ) -> None:
        super().__init__()
        self._search = search
        self._answers = answers

    def name(self) -> str:
        return "validate_handoff_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """When the customer calls the handoff off or asks a real question, the form's turn is
        rejected and the action that ends it runs instead (actions/handoff_leave.py)."""
        events = await FormValidationAction.run(self, dispatcher, tracker, domain)
        set_now = {e.get("name") for e in events if e.get("event") == "slot" and e.get("value")}
        for flag, action in ((CANCELLED_SLOT, CANCEL_ACTION), (PAUSED_SLOT, QUESTION_ACTION)):
            if flag in set_now:
                return [*events, ActionExecutionRejected(self.form_name()), FollowupAction(action)]
        return events

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """A question stays in the list while it is being asked, so its answer is validated."""
        topic_fact = fact_the_form_asks(tracker.get_slot("handoff_topic"))
        # no order yet, so no number to give (actions/purchase_stage.py); an answer to the
        # question itself ("заказа ещё нет, всё в корзине. пробовал с телефона") is read as one.
        # The messages are read only where the number would be asked.
        if (
            topic_fact == "order_number"
            and not tracker.get_slot("order_number")
            and not _asking(tracker, "handoff_order_number")
            and before_any_order(turn.text for turn in recent_turns(tracker))
        ):
            topic_fact = None
        if (
            topic_fact == "app_version"
            and not _asking(tracker, "handoff_app_version")
            and on_the_website_only([turn.text for turn in recent_turns(tracker)])
        ):
            topic_fact = None  # "your website just shows a blank white page": no app in it
        known_contact = tracker.get_slot("email") or tracker.get_slot("phone")

        def topic_needs(fact: str) -> bool:
            asked = _asking(tracker, f"handoff_{fact}")
            return topic_fact == fact and (not tracker.get_slot(fact) or asked)

        needed = {
            "customer_name": True,
            "handoff_contact": not known_contact or _asking(tracker, "handoff_contact"),
            "handoff_order_number": topic_needs("order_number"),
            "handoff_app_version": topic_needs("app_version"),
            "handoff_problem": True,
            "handoff_tried": True,
        }
        return [slot for slot in domain_slots if needed.get(slot, True)]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventType | None:
        """A cancelled or paused form asks nothing more: requested_slot None ends it."""
        if tracker.get_slot(CANCELLED_SLOT) or tracker.get_slot(PAUSED_SLOT):
            return SlotSet(REQUESTED_SLOT, None)
        return await super().next_requested_slot(dispatcher, tracker, domain)

    def __getattr__(self, name: str) -> Any:
        """rasa-sdk validates a slot by calling `validate_<slot>`: every question has one. The
        question being asked reads the customer's message; a slot filled otherwise (a name the
        NLU found while the form asked for something else, the problem the handoff began with)
        is kept as it is."""
        slot = name.removeprefix("validate_")
        if slot == name or slot not in QUESTIONS:
            raise AttributeError(name)

        def validate(
            value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, *_: Any
        ) -> Slots:
            if not _asking(tracker, slot):
                return {slot: value}
            known_problem = bool(tracker.get_slot("handoff_problem"))
            answer = Answer.of(tracker)
            slots = validate_answer(
                slot, answer, dispatcher, known_problem, search=self._search, answers=self._answers
            )
            # "ой, в номере ошиблась, в конце 380, а не 308": the phone known, its ending mended
            if "phone" not in answer.facts:
                phone = corrected_by_ending(answer.text, tracker.get_slot("phone"))
                slots = {**slots, "phone": phone} if phone else slots
            # "ой, не gmial, а gmail конечно": the e-mail known, the part typed wrong mended
            if "email" not in answer.facts:
                email = corrected_in_part(answer.text, tracker.get_slot("email"))
                slots = {**slots, "email": email} if email else slots
            return slots

        return validate
