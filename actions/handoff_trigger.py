"""How any action hands the conversation to a person: remember why, then run action_handoff_start.

Kept apart so the knowledge and yes/no actions can trigger a handoff without knowing the form; a
question that also asks for a person, in so many words or by escalating, is handed over
(`wants_person`).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.conversation import previous_reply, reply_names
from actions.form_words import GO_ON, NOT_GO_ON
from actions.handoff_signals import escalates
from actions.text_fold import folded
from bot.common.facts.lexicon import parses
from bot.common.sentences import pieces
from bot.common.word_list import listed
from retrieval.normalise import in_cyrillic

Reason = Literal[
    "requested", "low_confidence", "not_helpful", "complaint", "negative", "always_human"
]
START_ACTION = "action_handoff_start"
# Two articles the customer said did not help.
NOT_HELPFUL_LIMIT = 2


# Handoffs the bot begins itself, on a complaint or an angry message: nobody asked for a person.
BOT_BEGUN_REASONS = frozenset({"complaint", "negative"})


def hand_over(reason: Reason) -> list[EventType]:
    return [SlotSet("handoff_reason", reason), FollowupAction(START_ACTION)]


def case_reason(reason: str, text: str) -> str:
    """The reason the case records: a complaint or an angry message that also asks for a person
    in so many words ("Third time the courier never showed up. I want a real person NOW") is the
    customer's request, not a handoff the bot began."""
    if reason in BOT_BEGUN_REASONS and asks_for_person(text):
        return "requested"
    return reason


# A message that asks for a person in so many words, whatever else it is about: "хочу вернуть
# наушники... позовите сотрудника", "can I speak to an agent? my promo code isn't working". A word
# for a person and a word asking for one, at most NEAR words apart.
PERSON_WORD = re.compile(
    r"сотрудник|(?:тех)?специалист|оператор|человек(?:а|у|ом)$|жив(?:ой|ого|ым)$|менеджер|консультант"
    r"|поддержк|техподдержк|agents?$|operators?$|persons?$|humans?$|someone$|somebody$|representative"
    r"|specialist|staff$|colleagues?$|member$|managers?$|supervisor|руководител|начальств|начальник"
    r"|старш(?:его|ему|им|ий)$"  # "Дайте старшего": someone senior
)
# "support" is a person only as a team: "I need tech support", not "does the app support Apple Pay".
SUPPORT_TEAMS = frozenset({"tech", "technical", "customer"})
# The company's people named as a group: "your tech people", "someone from your team".
GROUP_WORDS = frozenset({"people", "team", "guys", "folks"})
GROUP_OWNERS = SUPPORT_TEAMS | {"your", "support"}
ASKING_WORD = re.compile(
    r"позов|позвать|подключ|соедин|свяж|связать|переключ|дайте$|дай$|нуж[ен]|хочу$|хотел"
    r"|поговор|передай|перевед|перешл|можно$|мне$|пригла|пообщ|прошу$|займ|занял|заня"
    r"|talk|speak|chat$|connect|get$|want|need$|transfer|pass$|help$|rather$|sort$|contact"
    r"|put$|through$|invite|bring$|look$|check$|handle$|escalate|involve|call$|ring$"
    r"|разберит|через$|like$|давайте$|пусть$"
)
NOT_A_PERSON = re.compile(
    r"оператор\w* (?:сотовой |мобильной )?связи|in person|person(?:al)? data|\bя (?:\w+ )?менеджер"
    r"|i'?m (?:a |an |the )?(?:\w+ )?manager|manager of"
    r"|как (?:\w+ )?связаться|how (?:do i |can i |to )(?:get in touch|contact)"
    # When or where to reach support is a question about its hours, not a request to be put through.
    r"|(?:когда|где|во сколько|(?:до|со) сколь?ки) (?:\w+ ){0,2}"
    r"(?:связаться|позвонить|звонить|написать|писать|обратиться|обращаться)"
    r"|(?:when|what time|what hours) (?:\w+ ){0,3}(?:contact|reach|talk|speak|call)"
    # ... or when its people are there: "what time do actual humans answer in this chat?"
    r"|(?:when|what time|what hours) (?:do|does|are|is) (?:\w+ ){0,2}(?:answer|reply|respond"
    r"|work|available|online|on)\b|(?:\w+ ){0,3}(?:когда|во сколько|до скольки|со скольки)"
    r" (?:\w+ ){0,2}(?:отвечают|работают|на связи)(?: \w+){0,2}"
    # A call that happened is no request for one: "did someone call me?", "why did they call".
    r"|(?:did|has|had|who|why) (?:\w+ ){0,6}call(?:ed)?\b"
    r"|кто-(?:то|нибудь) из (?:вас|ваших) (?:\w+ )?(?:звонил|писал|приезжал|связывал|отвечал)"
    # A hope said in greeting is no request: "Hi, hope someone can help. So last week I ...".
    r"|(?:hope|hoping|wondering if|wonder if) (?:someone|somebody|anyone|you) (?:can|could|will)"
    r" help|надеюсь,? (?:кто-нибудь|кто-то|вы) (?:\w+ )?помож\w*"
)
NEAR = 6
NEAR_TARGET = 4  # words between a verb of putting through and whom it is about
# A request said with a person word alone and a courtesy: "Оператора, пожалуйста", "Agent please",
# "Специалиста срочно!". The sentence holds nothing else ("оператор сказал ждать" is a report).
COURTESY = listed(
    """
    пожалуйста пжлст плиз срочно немедленно сейчас скорее быстрее мне нам уже ну а и живого живой
    настоящего please pls plz now asap urgently immediately just a an the real live human
    """
)
# "a person", "a real person" ask for one; "the person receiving the order" does not.
A_PERSON = frozenset({"a", "real", "live", "actual", "human", "support", "service"})
# A person said to be a real one is asked for further from the asking word: "I want my money
# back and a real person, now."
REAL = frozenset({"real", "live", "actual"})
NEAR_REAL = 10
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "кого-нибудь" is one word


def wants_person(text: str) -> bool:
    """The customer wants a person now: asks for one in so many words, or has had enough
    (actions/handoff_signals.py: "Разберитесь, пожалуйста", "third day... nobody tells me!")."""
    return asks_for_person(text) or escalates(in_cyrillic(text))


# Asking to be put through without naming a person: in a support chat only a person is meant.
CONNECT_ME = re.compile(
    r"\b(?:соедините|соедини|соединяйте|переключите меня|переведите меня|put me through|connect me"
    r"(?! to (?:the )?(?:wi-?fi|internet|network)))\b"
    # asking whether a person is there: "есть кто живой?", "тут кто-нибудь живой есть?", "is
    # there a real person here?" (not "is anyone there?", a greeting as often as not)
    r"|\bесть (?:тут |здесь )?(?:кто|кто-нибудь|кто-то) жив(?:ой|ые)\b"
    r"|\b(?:кто|кто-нибудь|кто-то) (?:тут |здесь )?жив(?:ой|ые)(?: есть| тут| здесь)* ?\?"
    r"|\bis there (?:a |any )?(?:real |live |actual )?(?:person|human|people)\b"
    r"|\b(?:is|are) (?:anyone|anybody|there humans|there people) (?:real |alive )?(?:here|there)"
    r" (?:at all|alive|real)\b"
    # calling in anyone at all: "позовите кого-нибудь"
    r"|\b(?:позовите|позови|пригласите) (?:сюда )?кого-(?:нибудь|то|либо)\b"
    # asking the company's people to act: "could someone from your team stop it?" (not "can
    # someone else pick up my order?")
    r"|\b(?:can|could|would|will) (?:someone|somebody) from (?:your|the) \w+"
)

# Asking for a case to be filed is asking for the people who handle it: "оформите, пожалуйста,
# обращение к сотруднику", "создайте заявку, пусть разберутся", "please open a support ticket",
# "I want to file a complaint", "хочу оставить жалобу на курьера". Not a request for something
# the customer files themselves ("оформите заявку на возврат", "how do i file a return request"),
# nor a question of how ("как оформить обращение?").
CASE_REQUEST = re.compile(
    r"(?:\b(?:оформите|оформи|создайте|создай|откройте|заведите|зарегистрируйте|примите"
    r"|составьте)|\b(?:можно|хочу|хотел\w*|прошу|нужно|надо|давайте)\s+(?:\w+\s+)?"
    r"(?:оформить|создать|открыть|завести|подать|оставить))\b(?:[\s,]+\w+){0,2}?[\s,]+"
    r"(?:(?:обращени\w*|заявк\w*|тикет\w*)\b(?!\s+(?:на|о|об)\b)|жалоб\w*)"
    r"|\b(?:open|create|file|raise|log|submit|lodge|make)\s+(?:a|an|the|me a)\s+"
    r"(?:support\s+|formal\s+)?(?:ticket|case|complaint)\b"
)
# Asking whom to talk to about the problem just told: in a support chat, the answer is a person.
# "The glass jug of my blender arrived cracked, order ¶. Who can I talk to about this?", "с кем
# можно поговорить по этому поводу?". Not how to reach support ("как с вами связаться").
WHOM_TO_TALK_TO = re.compile(
    r"\bwho (?:can|could|should|do) (?:i|we) (?:talk|speak|chat) (?:to|with)\b"
    r"|\bс кем (?:(?:можно|мне|я могу|могу)\s+)+(?:\w+\s+)?(?:поговорить|пообщаться|обсудить)\b"
)
# One of the company's people, said so: "хочу, чтобы этим занялся кто-то из вас", "пусть
# разберётся кто-нибудь из ваших", "someone on your team".
ONE_OF_YOU = re.compile(
    r"\b(?:кто-(?:то|нибудь|либо)|кого-(?:то|нибудь)|кому-(?:то|нибудь)|кем-(?:то|нибудь))"
    r" из (?:вас|ваших|сотрудников|специалистов|живых|людей)\b"
    r"|\b(?:someone|somebody|anyone) (?:on|from|in) your (?:team|staff|side)\b"
)
# Talking to support as a team: "I'd like to talk to support", "can I speak with support?".
TALK_TO_SUPPORT = re.compile(r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:your\s+)?support\b")


# Verbs of putting a customer through, read by base forms: "переключите, пожалуйста, снова на
# вас", "можно меня перевести на вас?", "свяжите меня с ней".
CONNECT_VERBS = frozenset(
    {
        *("переключить", "переключать", "соединить", "соединять", "перевести", "переводить"),
        *("подключить", "подключать", "связать", "связывать"),
    }
)
# Whom the putting through is about: the agent written to ("на вас", "с вами"), the customer
# ("переключите меня") or anyone at all ("свяжите с кем-нибудь"); not when somewhere else follows
# ("подключите меня к акции", "как подключить вас к умному дому").
TARGET_PRONOUNS = frozenset(
    {
        "вас",
        "вами",
        "тебя",
        "тобой",
        "меня",
        "нас",
        "кем-нибудь",
        "кем-то",
        "кого-нибудь",
        "кого-то",
    }
)
ELSEWHERE = frozenset({"на", "в", "во", "к", "ко"})
# Words that make an infinitive a request: "можно перевести на вас?", "можете соединить с вами?".
REQUEST_WORDS = frozenset(
    {"можно", "хочу", "хотел", "хотела", "прошу", "нужно", "надо", "можете", "могли", "бы"}
)
ENGLISH_CONNECT = re.compile(
    r"\b(?:transfer|switch|pass|put|connect|send|forward) me (?:back )?(?:through |over )?to"
    r" (?:you\b|(?:your |the |a )?(?:support|customer (?:service|support|care)|help ?desk)\b)"
    r"|\btransfer me(?: please| now| back)?[.!]*$"
    # one of the company's people asked to act: "can an agent refund the difference", "could a
    # real person look at this" (not "can agents see my card number?", nor someone else: "will
    # the person at the pickup point check my id?")
    r"|\b(?:can|could|would|will) (?:an?|the|one of your|your|some) (?:real |live |actual )?"
    r"(?:agent|human|person|specialist|operator|representative|manager|staff member|team member)"
    r"s? (?:please )?(?!(?:see|view|access|read|know|hear|at|in|on|who|that|from|with|of|for)\b)"
    r"[a-z]+"
)


def _asks_to_connect(words: list[str]) -> bool:
    """A verb of putting through, said as a request (imperative, or an infinitive after "можно",
    "хочу"), with the agent or the customer as whom it is about, within a few words."""
    for index, word in enumerate(words):
        readings = parses(word)
        if readings[0].normal_form not in CONNECT_VERBS:
            continue
        asked = any("impr" in r.tag or "2per" in r.tag for r in readings[:2])
        requested = bool(REQUEST_WORDS & set(words[max(0, index - 3) : index]))
        if not asked and not ("INFN" in readings[0].tag and requested):
            continue
        start = max(0, index - 2)
        near = words[start : index + NEAR_TARGET + 1]
        for at, other in enumerate(near):
            following = near[at + 1 : at + 2]
            if other in TARGET_PRONOUNS and not (following and following[0] in ELSEWHERE):
                return True
    return False


def asks_for_person(text: str) -> bool:
    """The message asks to be put through to a person in so many words ("всё-таки соедините",
    "переключите снова на вас"), in Cyrillic or typed in Latin letters ("nuzhen operator": the
    fold reads it in Cyrillic)."""
    lowered = NOT_A_PERSON.sub(" ", folded(text))
    if any(_person_please(sentence) for sentence in pieces(folded(text), ".!?;\n")):
        return True
    if CONNECT_ME.search(lowered) or ENGLISH_CONNECT.search(lowered):
        return True
    if CASE_REQUEST.search(lowered) or TALK_TO_SUPPORT.search(lowered):
        return True
    if WHOM_TO_TALK_TO.search(lowered):
        return True
    if any(_asks_to_connect(_WORD.findall(piece)) for piece in pieces(lowered, ".!?;\n")):
        return True
    words = _WORD.findall(lowered)
    one_of_you = [len(_WORD.findall(lowered[: m.start()])) for m in ONE_OF_YOU.finditer(lowered)]
    people = one_of_you + [
        i
        for i, w in enumerate(words)
        if (PERSON_WORD.match(w) and (w != "person" or (i and words[i - 1] in A_PERSON)))
        or (w == "человек" and i and ASKING_WORD.match(words[i - 1]))  # "нужен человек"
        or (w == "support" and i and words[i - 1] in SUPPORT_TEAMS)
        or (w in GROUP_WORDS and i and words[i - 1] in GROUP_OWNERS)
    ]
    asking = [i for i, w in enumerate(words) if ASKING_WORD.match(w)]
    real = {p for p in people if p and words[p - 1] in REAL}
    near = {p: NEAR_REAL if p in real else NEAR for p in people}
    return any(abs(p - a) <= near[p] for p in people for a in asking)


def _person_please(sentence: str) -> bool:
    """The sentence is a person word with courtesies only ("Оператора, пожалуйста"), read whole:
    "when can i reach an agent" asks about hours, not for an agent."""
    if NOT_A_PERSON.search(sentence):
        return False
    words = _WORD.findall(sentence)
    people = [w for w in words if PERSON_WORD.match(w) and w not in ("someone", "somebody")]
    rest = [w for w in words if w not in people]
    return bool(people) and bool(rest) and all(w in COURTESY for w in rest)


# After a question asked inside the form was answered, the bot offers to go on with the handoff
# (actions/handoff_leave.py); a go-ahead typed instead of the button takes the offer: "поняла,
# давайте дальше оформлять", "ok, let's carry on", "да, продолжим".
OFFER_AGAIN = "utter_handoff_offer_again"
GOES_AHEAD = re.compile(
    r"\b(?:продолж\w*|дальше|оформля\w*|оформи\w*|давайте|давай|да|ага|хорошо|ок|окей"
    r"|возвраща\w*|вернемся|вернуться|к заявке|к обращению"
    r"|continue|carry on|go on|go ahead|proceed|yes|yeah|yep|sure|ok|okay|let's|back to)\b"
)

NOT_AHEAD = re.compile(r"\b(?:не|нет|no|not|don't|dont|never)\b")


# Right after the customer called the handoff off, only words that mean "go on with it" bring it
# back (GO_ON): "нет, в спаме пусто. Продолжайте, пожалуйста, оформлять", "actually, please carry
# on", "хотя нет, давайте всё-таки".
CANCELLED = "utter_handoff_cancelled"


def resumes_handoff(events: list[dict[str, Any]], text: str) -> bool:
    """A go-ahead right after the offer to go on with the handoff: the offer is taken; after the
    customer called it off, a request to go on with it. Giving the fact the paused form was
    asking for ("thanks. the version is 5.11.4") takes the offer too."""
    lowered = folded(text)
    replies = reply_names(previous_reply(events))
    if CANCELLED in replies:
        return calls_back(events, text)
    if "?" in lowered or OFFER_AGAIN not in replies:
        return False
    if gives_pending_fact(events):
        return True
    return not NOT_AHEAD.search(lowered) and bool(GOES_AHEAD.search(lowered))


def calls_back(events: list[dict[str, Any]], text: str) -> bool:
    """Right after the customer called the handoff off, a request to go on with it ("хотя нет,
    давайте всё-таки")."""
    lowered = folded(text)
    if "?" in lowered or CANCELLED not in reply_names(previous_reply(events)):
        return False
    return bool(GO_ON.search(lowered)) and not NOT_GO_ON.search(lowered)


def gives_pending_fact(events: list[dict[str, Any]]) -> bool:
    """The latest message gives a fact that answers the question the form last asked."""
    # imported here: the form's questions read the problem, whose reader imports this module
    from actions.handoff_questions import QUESTIONS

    asked = [
        e.get("value")
        for e in events
        if e.get("event") == "slot" and e.get("name") == "requested_slot" and e.get("value")
    ]
    question = QUESTIONS.get(str(asked[-1])) if asked else None
    users = [e for e in events if e.get("event") == "user"]
    entities = ((users[-1].get("parse_data") or {}).get("entities") or []) if users else []
    given = {entity.get("entity") for entity in entities if entity.get("value")}
    return question is not None and bool(given & set(question.facts))


def person_now(events: list[dict[str, Any]], text: str, answered_first: bool = False) -> bool:
    """The message hands the conversation to a person now: it asks for one or escalates
    (`wants_person`; not when it is a question to answer first, `answered_first`, see
    actions/knowledge_question_first.py), or takes the offer to go on with a handoff paused for
    a question (`resumes_handoff`). The one check every answering action makes before it answers."""
    return (wants_person(text) and not answered_first) or resumes_handoff(events, text)
