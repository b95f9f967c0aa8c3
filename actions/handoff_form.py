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
   one at the problem and "what did you try" questions (actions/form_words.py);
2. the question's own fact in the message fills the question;
3. "не знаю" / "skip", also inside a sentence for the order number and app version ("номера заказа
   у меня нет под рукой"), leaves an optional question empty;
4. a real question on a support topic ("а пароль как сменить?") pauses the form: it is answered and
   a person offered again (actions/handoff_leave.py), and nothing said so far is lost;
5. other facts without the question's own: "noted", and the question again;
6. anything else: the question's own reading (a name written in an unusual way, a version as
   written), or a polite reply with an example and the question again.

A form answer that also says what is wrong fills the problem when it is not known yet.
Each question is one row of QUESTIONS, validated by one path, `validate_answer`.
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

from actions.conversation import FACT_LABEL_STEMS, MAX_TEXT, content_words, intent_topics
from actions.customer import app_version_in, clean_name, stated_facts
from actions.form_words import (
    cancels_in_sentence,
    cancels_request,
    means_cancel,
    means_skip,
    plain,
    skips_in_sentence,
)
from actions.handoff_topic import (
    ArticleSearch,
    help_center_articles,
    intent_of_message,
    problem_topic,
)
from actions.handoff_tried import tells_what_was_tried
from actions.knowledge_replies import language_of
from actions.safe import SafeAction
from bot.common.facts.english_names import ENGLISH_STOPWORDS
from bot.common.facts.lexicon import is_known, parses

ORDER_TOPICS = frozenset({"orders", "payment", "returns"})
TECHNICAL_TOPICS = frozenset({"technical"})
CHAT_TOPICS = frozenset({"smalltalk", "process"})
SKIPPED = ""  # an optional question the customer chose not to answer: filled, but empty
PAUSED_SLOT = "handoff_paused"
CANCELLED_SLOT = "handoff_cancelled"
# The actions that take over when the customer leaves the form (actions/handoff_leave.py).
CANCEL_ACTION = "action_handoff_cancel"
QUESTION_ACTION = "action_handoff_question"
NOTED_RESPONSE = "utter_handoff_noted"
MAX_NAME_WORDS = 3
MAX_VERSION_WORDS = 4  # "последняя", "та, что в сторе": kept as written; a sentence is no version
SHORT_ANSWER_WORDS = 6  # a cancel phrase counts at the open questions only in answers this short
MIN_PROBLEM_WORDS = 3  # a form answer describes the problem with at least this many words
MIN_QUESTION_CONFIDENCE = 0.5
# Answers to "what's your name?" that are not names: a repeated request for a person, greetings.
NOT_NAMES = frozenset(
    {
        "оператор",
        "оператора",
        "человек",
        "человека",
        "специалист",
        "специалиста",
        "менеджер",
        "бот",
        "привет",
        "здравствуйте",
        "зачем",
        "operator",
        "human",
        "agent",
        "person",
        "bot",
        "hello",
        "hi",
        "why",
    }
)
_NAME_INTRO = re.compile(
    r"^(меня зовут|зовут|мое имя|моё имя|я|это"
    r"|my name is|my name's|i am|i'm|it's|this is|call me)\s+",
    re.IGNORECASE,
)
# Text in quotes: «…», "…", “…”, „…“ and '…' (an apostrophe inside a word is no quote).
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|(?<!\w)'[^']*'(?!\w)")
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
_QUESTION_WORDS = frozenset(
    {
        *("как", "где", "когда", "почему", "зачем", "что", "сколько", "можно", "какой", "какая"),
        *("какое", "какие", "куда", "откуда", "чем", "how", "what", "where", "when", "why"),
        *("which", "can", "could", "do", "does", "is", "are", "will", "should"),
    }
)
Slots = dict[str, Any]
Facts = dict[str, str]


def cancelled(slot: str) -> Slots:
    return {slot: None, CANCELLED_SLOT: True}


def is_payload(text: str) -> bool:
    """A button of an earlier message ("/affirm"), pressed while the form asks something else."""
    return text.startswith("/")


def _proper_case(word: str) -> bool:
    return len(word) > 1 and all(
        part[:1].isupper() and part[1:] == part[1:].lower() for part in re.split(r"[-'’]", word)
    )


def _could_be_a_name(word: str) -> bool:
    """Where only a name is expected: a word written as a name that is no common word."""
    lower = word.lower()
    if not _NAME_WORD.match(word) or lower in NOT_NAMES:
        return False
    if lower.isascii():
        return _proper_case(word) and lower not in ENGLISH_STOPWORDS
    if not is_known(lower):
        return _proper_case(word)
    return any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses(lower)[:2])


def name_from(text: str) -> str | None:
    """The answer to "what's your name?" when the NLU found no name in it: one to three words
    written as a name that are no common words ("Priya", "Kwame Mensah"); None otherwise."""
    if is_payload(text) or "@" in text or "://" in text or any(c.isdigit() for c in text):
        return None
    if means_skip(text):
        return None
    name = clean_name(_NAME_INTRO.sub("", text.strip()))
    words = (name or "").split()
    if not words or len(words) > MAX_NAME_WORDS or not all(map(_could_be_a_name, words)):
        return None
    return " ".join(words)


def _asking(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot(REQUESTED_SLOT) == slot


def is_question(text: str) -> bool:
    """Written as a question: a question mark outside quotes (an error message quoted as it
    appeared, «Повторить?», is no question), or a question word first ("а как ...")."""
    if "?" in _QUOTED.sub(" ", text):
        return True
    words = plain(text).split()
    if words and words[0] in ("а", "and", "so", "и"):
        words = words[1:]
    return bool(words) and words[0] in _QUESTION_WORDS


def describes_problem(text: str, facts: Facts) -> bool:
    """A form answer that also says what is wrong: words besides the facts and their labels."""
    name_words = {w.lower().replace("ё", "е") for w in (facts.get("customer_name") or "").split()}
    words = [
        word
        for word in content_words(text)
        if not word.startswith(FACT_LABEL_STEMS) and word not in name_words
    ]
    return len(words) >= MIN_PROBLEM_WORDS and not skips_in_sentence(text)


# Each answer's parser gives the slots it fills, the question's own included, from the facts the
# NLU found in the message and, for what only this question's context says, from the text.
def _name(text: str, facts: Facts) -> Slots:
    return {"customer_name": facts.get("customer_name") or name_from(text)}


def _contact(text: str, facts: Facts) -> Slots:
    contact = facts.get("email") or facts.get("phone")
    return {"handoff_contact": contact} if contact else {}


def _order_number(text: str, facts: Facts) -> Slots:
    number = facts.get("order_number")
    return {"handoff_order_number": number} if number else {}


def _app_version(text: str, facts: Facts) -> Slots:
    """A version number when there is one ("5.4": the question says it is a version); a short
    answer such as "the latest" is kept as written, unless it is another fact (an email typed
    here goes to its own slot and the version is asked again)."""
    version = facts.get("app_version") or app_version_in(text)
    if version:
        return {"handoff_app_version": version, "app_version": version}
    if len(text.split()) <= MAX_VERSION_WORDS and not is_payload(text) and not facts:
        return {"handoff_app_version": text[:60]}
    return {}


def _problem(text: str, facts: Facts) -> Slots:
    """The customer's words about the problem; a repeated request for a person ("соедините уже
    с оператором"), a bare yes or a lone fact says nothing about it, and the question is asked
    again."""
    if len(text) < 3 or means_skip(text) or is_payload(text) or not content_words(text):
        return {}
    return {"handoff_problem": text[:MAX_TEXT]}


def _tried(text: str, facts: Facts) -> Slots:
    return {"handoff_tried": SKIPPED if is_payload(text) else text[:MAX_TEXT]}


@dataclass(frozen=True)
class Question:
    parse: Callable[[str, Facts], Slots]
    facts: tuple[str, ...] = ()  # the facts (entities) that answer it
    optional: bool = False  # "не знаю" / "skip" fill it with SKIPPED
    skip_in_sentence: bool = False  # "номера у меня нет под рукой" skips it too
    invalid: str | None = None  # the response to an answer that does not fit

    @property
    def about_a_fact(self) -> bool:
        """A question about a fact, where a sentence that calls the handoff off means just that."""
        return bool(self.facts)


QUESTIONS: dict[str, Question] = {
    "customer_name": Question(
        _name, facts=("customer_name",), invalid="utter_handoff_invalid_name"
    ),
    "handoff_contact": Question(
        _contact, facts=("email", "phone"), invalid="utter_handoff_invalid_contact"
    ),
    "handoff_order_number": Question(
        _order_number,
        facts=("order_number",),
        optional=True,
        skip_in_sentence=True,
        invalid="utter_handoff_invalid_order_number",
    ),
    "handoff_app_version": Question(
        _app_version, facts=("app_version",), optional=True, skip_in_sentence=True
    ),
    "handoff_problem": Question(_problem, invalid="utter_handoff_need_problem"),
    "handoff_tried": Question(_tried, optional=True),
}
# Asked while the form waits for one of these, a real question is answered first.
PAUSING_QUESTIONS = frozenset(QUESTIONS) - {"handoff_problem"}
# Answers to these that also say what is wrong fill the problem, when it is not known yet.
PROBLEM_ON_THE_WAY = PAUSING_QUESTIONS - {"handoff_tried"}


@dataclass(frozen=True)
class Answer:
    """One customer message as the answer to the form's question."""

    text: str
    facts: Facts
    intent: str
    confidence: float
    parse: dict[str, Any] = field(default_factory=dict)  # the NLU's reading, ranking included
    language: str = "ru"

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
        )

    def cancels(self, question: Question) -> bool:
        if means_cancel(self.text) or cancels_request(self.text):
            return True
        short = len(self.text.split()) <= SHORT_ANSWER_WORDS
        return (question.about_a_fact or short) and cancels_in_sentence(self.text)

    def skips(self, question: Question) -> bool:
        if not question.optional:
            return False
        return means_skip(self.text) or (question.skip_in_sentence and skips_in_sentence(self.text))

    def asks_something(self, topics: dict[str, str]) -> bool:
        """A real question on a support topic, not an answer. A message that gives a fact and has
        no question mark is an answer, however it begins ("можно ещё почту запишите: ...")."""
        topic = topics.get(self.intent)
        gives_a_fact = bool(self.facts) and "?" not in self.text
        return (
            topic is not None
            and topic not in CHAT_TOPICS
            and self.confidence >= MIN_QUESTION_CONFIDENCE
            and not gives_a_fact
            and is_question(self.text)
        )


def validate_answer(
    slot: str,
    answer: Answer,
    dispatcher: CollectingDispatcher,
    known_problem: bool = True,
    topics: dict[str, str] | None = None,
    search: ArticleSearch = help_center_articles,
) -> Slots:
    """The customer's message as the answer to `slot`, the question being asked (see the module's
    docstring for the order); an answer that does not fill the question leaves it empty, so the
    question is asked again."""
    question = QUESTIONS[slot]
    if answer.cancels(question):
        return cancelled(slot)
    own_fact = any(fact in answer.facts for fact in question.facts)
    if not own_fact and answer.skips(question):
        return {slot: SKIPPED, **_tried_too(slot, answer)}
    topics = intent_topics() if topics is None else topics
    if not own_fact and slot in PAUSING_QUESTIONS and answer.asks_something(topics):
        return {slot: None, PAUSED_SLOT: True}
    filled: Slots = {slot: None, **question.parse(answer.text, answer.facts)}
    if filled[slot] is not None:
        filled.update(_tried_too(slot, answer))
    describes = slot in PROBLEM_ON_THE_WAY and describes_problem(answer.text, answer.facts)
    if describes and not known_problem:
        filled["handoff_problem"] = answer.text[:MAX_TEXT]
    if filled.get("handoff_problem") and (slot == "handoff_problem" or not known_problem):
        filled.update(_subject(answer, topics, search))
    if filled[slot] is None:
        others = [fact for fact in answer.facts if fact not in question.facts]
        if others:
            dispatcher.utter_message(response=NOTED_RESPONSE)
        elif question.invalid:
            dispatcher.utter_message(response=question.invalid)
    return filled


def _tried_too(slot: str, answer: Answer) -> Slots:
    """An answer about a fact that also says what was already tried ("не помню номер, а в банк
    я уже звонила") answers that question too (actions/handoff_tried.py); an answer that does not
    answer its own question ("не скажу") answers no other."""
    if slot in PROBLEM_ON_THE_WAY and tells_what_was_tried(answer.text):
        return {"handoff_tried": answer.text[:MAX_TEXT]}
    return {}


def _subject(answer: Answer, topics: dict[str, str], search: ArticleSearch) -> Slots:
    """The problem told inside the form decides the topic (and so whether the order number or the
    app version is asked next) when its topic can be told (actions/handoff_topic.py); else the
    start's reading stays."""
    topic = problem_topic(answer.parse, answer.text, topics, answer.language, search)
    if topic is None:
        return {}
    return {"handoff_topic": topic, "handoff_intent": intent_of_message(answer.parse)}


class ValidateHandoffForm(SafeAction, FormValidationAction):
    def __init__(self, search: ArticleSearch = help_center_articles) -> None:
        super().__init__()
        self._search = search

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
        topic = tracker.get_slot("handoff_topic")
        known_contact = tracker.get_slot("email") or tracker.get_slot("phone")
        needed = {
            "customer_name": True,
            "handoff_contact": not known_contact or _asking(tracker, "handoff_contact"),
            "handoff_order_number": topic in ORDER_TOPICS
            and (not tracker.get_slot("order_number") or _asking(tracker, "handoff_order_number")),
            "handoff_app_version": topic in TECHNICAL_TOPICS
            and (not tracker.get_slot("app_version") or _asking(tracker, "handoff_app_version")),
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
            return validate_answer(slot, answer, dispatcher, known_problem, search=self._search)

        return validate
