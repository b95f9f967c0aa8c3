"""Which of the customer's messages a handoff is about: the problem the case shows, its topic and
intent (from the message chosen), and the follow-ups that join it.

Choosing that message is a job of its own (word lists, fact-only messages, the form's answer,
follow-ups that go on from an earlier message); the rest of reading the conversation is in
actions/conversation.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rasa_sdk import Tracker
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from actions.conversation import (
    FALLBACK_INTENT,
    MAX_TEXT,
    NO_TOPIC,
    NOT_A_PROBLEM,
    OFF_TOPIC_INTENT,
    SUBMIT_ACTION,
    Turn,
    turn_of,
)
from actions.failure_words import GOES_ON
from actions.form_words import GO_ON
from actions.handoff_tried import reports_attempt
from actions.handoff_trigger import CANCELLED, asks_for_person
from actions.message_kinds import vague_opener
from actions.purchase_stage import without_the_stage
from actions.text_fold import folded
from actions.topic_words import topic_of_word
from bot.common.facts import extract_facts
from bot.common.facts.lexicon import lemma, parses
from bot.common.sentences import clauses
from bot.common.word_list import listed
from bot.common.words import WORD
from retrieval.lexical import stem

# The case shows the customer's own words about the problem that led to the handoff: the answer to
# the form's question when the form asked it, else the last message before the request for a
# person that says what is wrong (with the messages just before it that ask the same thing). Not a
# greeting, not "позовите оператора", not a message that only gives a phone or an order number.

START_ACTION = "action_handoff_start"
# Answers a real question asked inside the form; what follows until the handoff resumes is aside.
ASIDE_ACTION = "action_handoff_question"
PROBLEM_SLOT = "handoff_problem"
REQUESTED_SLOT = "requested_slot"
MAX_PROBLEM_TURNS = 3
# A message the NLU could not place goes on from the one before it: "Can I still cancel order ¶?"
# — "I don't want to pay for a return. Could someone from your team stop it?" So does one it puts
# outside the help center: told in the middle of a problem, it is about that problem ("заказ в
# пункте выдачи, а пункт закрыт" — "вчера тоже был закрыт" — "а хранение до завтра, потом его
# обратно на склад увезут").
GOES_ON_INTENTS = frozenset({FALLBACK_INTENT, OFF_TOPIC_INTENT})
NOT_HELPED_INTENT = "deny"  # "нет" to "did this help?"
SOLVED_INTENT = "thanks"  # "спасибо, получилось": the problem before it was solved
# A message of a non-problem intent (greeting, yes/no, a request for a person) still describes the
# problem when this many words are left once the fillers are dropped: "соедините с оператором,
# чайник пришёл не того цвета".
MIN_WORDS_OUTSIDE_A_TOPIC = 3
# At most this many words naming a topic make a request for a person name only the topic.
TOPIC_NAME_WORDS = 2
FILLER_WORDS = listed(
    "я мне меня мной мой моя мое мои моего моей вы вас вам вами ваш ваша ваше ваши ты тебя тебе "
    "твой он она оно они его ее их это этот эта эти то тот та те того тому тут там здесь вот "
    "и а но или да нет не ни же ли бы ну уже еще так как что чтобы кто где когда тоже также "
    "с со в во на по к ко о об обо от до из за для у при про без над под через "
    "пожалуйста плиз спасибо благодарю здравствуйте здрасьте здрасте привет приветствую "
    "добрый доброе доброго добрая день дня вечер вечера утро утра ночи "
    "хорошо ок окей ладно ага угу конечно "
    "все весь очень просто может можно можете надо нужно нужен нужна хочу хотел хотела хотим "
    "есть быть был была было будет срочно скорее зовут имя "
    "бот бота боту ботом робот робота роботом живой живого живым живому живая кто-нибудь кто-то "
    "дайте дай позовите позови позвать пригласите соедините соедини переключите переключи "
    "подключите подключи передайте передай переведите переведи свяжите свяжи связаться поговорить "
    "пообщаться общаться переписываться "
    # how a request for a person is worded: "пригласите в чат кого-нибудь", "чтобы этим занялся"
    "пригласите пригласи пригласить прошу передать чат кого-нибудь кого-то кем-нибудь кем-то "
    # asking whom to talk to about what was said: "с кем можно поговорить по этому поводу?"
    "кем кому кого поводу "
    "займитесь займется занялся занялась заняться посмотрите посмотрел посмотрела "
    "хотелось все-таки понятно ответ ответы ответа "
    # going back to the handoff after an answer: "ясно, давайте всё-таки продолжим"
    "ясно давайте давай продолжим продолжить продолжаем продолжайте вернемся вернуться "
    "i me my mine you your we our us it its is are am was were be been a an the and or but so if "
    "to of in on at for with from by about please pls thanks thank thx hi hello hey yes no not "
    "ok okay just can could would will i'm im i'd id want need get give let some someone anyone "
    "somebody anybody there here this that these those do does did don't dont have has name "
    "bot talk speak connect transfer escalate put through chat real live "
    "member members team colleague colleagues look into check handle rather sort out bring "
    "like prefer still pass request "
    "back continue carry go on anyway actually instead that's thats sure yeah yep yup alright "
    "course"
)
# Stems of the people a customer asks for ("оператора", "специалисту", "representatives").
FILLER_STEMS = (
    "оператор",
    "человек",
    "специалист",
    "сотрудник",
    "менеджер",
    "консультант",
    "поддержк",
    "agent",
    "human",
    "person",
    "people",
    "operator",
    "representative",
    "manager",
    "specialist",
    "staff",
    "support",
)
# Words customers put around a fact: "номер заказа 45873921", "мой телефон …", "email: …".
FACT_LABEL_STEMS = (
    "заказ",
    "номер",
    "телефон",
    "тел",
    "моб",
    "сотов",
    "почт",
    "емейл",
    "имейл",
    "мейл",
    "email",
    "mail",
    "адрес",
    "электрон",
    "верси",
    "приложени",
    "фамили",
    "контакт",
    "пишите",
    "звоните",
    "order",
    "number",
    "phone",
    "tel",
    "mobile",
    "cell",
    "version",
    "app",
    "surname",
    "contact",
    "call",
    "write",
    "reach",
)
# Emails, links and anything with a digit in it (numbers, "v5.12", "+7(903)…") are facts, not words.
_NOT_WORDS = re.compile(r"\S*@\S*|(?:https?://|www\.)\S+|\S*\d\S*", re.IGNORECASE)


@dataclass(frozen=True)
class HandoffTurns:
    """The customer's messages of the handoff being filed."""

    before: list[Turn]  # up to and including the request for a person; form answers left out
    problem_answer: Turn | None  # the answer to the form's question about the problem, if asked
    aside: list[Turn] = field(default_factory=list)  # a question inside the form and what followed


@dataclass(frozen=True)
class Problem:
    text: str
    turn: Turn  # the message whose parsed intent gives the case its intent, topic and group
    from_form: bool
    turns: tuple[Turn, ...] = ()  # the messages the text joins, oldest first


def content_words(text: str) -> list[str]:
    """The words of `text` that can say what is wrong: no fillers, greetings, thanks or requests
    for a person, no numbers, emails or links."""
    words = WORD.findall(_NOT_WORDS.sub(" ", folded(text)))
    return [w for w in words if w not in FILLER_WORDS and not w.startswith(FILLER_STEMS)]


def _is_name_word(word: str, name_parts: list[str]) -> bool:
    """'веры' is a form of 'вера'; 'верните' is not (too long for one)."""
    for part in name_parts:
        stem = part[:-1] if len(part) > 3 else part
        if word == part or (word.startswith(stem) and len(word) <= len(part) + 2):
            return True
    return False


def words_besides_facts(text: str) -> list[str] | None:
    """The content words left once the facts, their labels and the writer's name are dropped;
    None when the message gives no fact at all."""
    facts = extract_facts(text)
    found = (facts.name, facts.email, facts.phone, facts.order_number, facts.app_version)
    if not any(found) and not facts.has_card:
        return None
    name_parts = folded(facts.name).split()
    return [
        word
        for word in content_words(text)
        if not word.startswith(FACT_LABEL_STEMS) and not _is_name_word(word, name_parts)
    ]


def fact_only(text: str) -> bool:
    """A message that only gives facts: "Андрей, 8 925 111-22-33", "заказ № 45873921", "v5.12"."""
    return words_besides_facts(text) == []


# Words that say a matter has a subject without saying what is wrong ("вопрос по личному
# кабинету", "проблема с оплатой", "a question about my refund"), by their base forms, and the
# words that name a topic only together with a topic's word ("личный кабинет", "возврат денег").
SUBJECT_WORDS = frozenset(
    {"вопрос", "проблема", "тема", "question", "issue", "problem", "query", "matter", "regarding"}
)
TOPIC_COMPANIONS = frozenset({"личный", "деньги", "деньга", "money", "account"})


def names_a_topic_only(words: list[str]) -> bool:
    """A request's words name a topic and nothing else ("I need an agent about a return", "нужен
    оператор по возврату", "вопрос по личному кабинету"): the form knows which questions to ask,
    and still asks what happened."""
    named = [(word, lemma(word)) for word in words]
    named = [(word, base) for word, base in named if base not in SUBJECT_WORDS]
    if not 0 < len(named) <= TOPIC_NAME_WORDS:
        return False
    topical = [word for word, _ in named if topic_of_word(word)]
    return bool(topical) and all(
        word in topical or base in TOPIC_COMPANIONS for word, base in named
    )


def is_substantive(turn: Turn, topics: dict[str, str]) -> bool:
    """Whether the message says something about the problem (see the comment at the top). A
    request for a person with the writer's facts ("да, давайте человека. Я Эльмира, пишите на ¶,
    версия 5.4.1 на айфоне") is counted without them; an opener that says there is a problem
    and names nothing at all is not ("Добрый вечер, Мария! У меня тут такая ситуация": its
    search would give the case a topic at random)."""
    if turn.text.startswith("/"):
        return False
    opener = vague_opener(turn.text)
    if opener is not None and opener.topic is None and not opener.names_things:
        return False
    said = without_the_stage(turn.text)  # "get me someone. haven't bought anything yet"
    besides = words_besides_facts(said)
    words = content_words(said) if besides is None else besides
    if asks_for_person(turn.text) and names_a_topic_only(words):
        return False
    outside_a_topic = turn.intent in NOT_A_PROBLEM or topics.get(turn.intent) == "smalltalk"
    return len(words) >= (MIN_WORDS_OUTSIDE_A_TOPIC if outside_a_topic else 1)


def handoff_turns(tracker: Tracker) -> HandoffTurns:
    """Splits the customer's messages of this handoff (since the session started or the last case
    was filed): those up to the latest request for a person, and the form's problem answer.
    Messages sent while the form asked for something else are answers, not descriptions; a
    question asked inside the form and the messages until the handoff resumes ("а как обновить
    приложение?", "ясно, давайте продолжим") are aside from the problem the handoff began with."""
    before: list[Turn] = []
    aside: list[Turn] = []
    in_aside = after_cancel = False
    answer: Turn | None = None
    asking: str | None = None
    replies: list[str] = []  # what the bot said since the customer's last message
    for event in tracker.events:
        kind, name = event.get("event"), event.get("name")
        if kind == "bot":
            after_cancel = (event.get("metadata") or {}).get("utter_action") == CANCELLED
            replies.append(str(event.get("text") or ""))
        if kind == "session_started" or (kind == "action" and name == SUBMIT_ACTION):
            before, aside, answer, asking = [], [], None, None
            in_aside = False
        elif kind == "action" and name == START_ACTION:
            in_aside = False
        elif kind == "action" and name == ASIDE_ACTION:
            in_aside = True
        elif kind == "slot" and name == REQUESTED_SLOT:
            asking = event.get("value")
        elif kind == "active_loop" and not name:
            asking = None
        elif kind == "user" and (turn := turn_of(event)) is not None:
            turn = replace(turn, reply_before="\n".join(replies)[:MAX_TEXT])
            replies = []
            if after_cancel and GO_ON.search(folded(turn.text)):
                continue  # "нет, в спаме пусто. Продолжайте оформлять": the handoff goes on
            if asking == PROBLEM_SLOT:
                answer = turn
            elif asking is None:
                # a message that brings a called-off handoff back counts, read at its new start
                (aside if in_aside else before).append(turn)
    return HandoffTurns(before, answer, aside)


# A message that goes on from the one before it rather than starting anew: "так для этого надо
# войти, а я не могу", "но мне это не подходит", "but I can't do that", "that doesn't really help",
# "значит, только через оператора?".
CONTINUES = re.compile(
    # a conclusion drawn from the answer before, or going back to it: "значит, только через
    # оператора?", "тогда соедините", "actually no, put me through after all"
    r"\bзначит\b|\bтогда\b|\bв таком случае\b|\bвсе-?таки\b|\bвсе же\b|\bactually\b"
    r"|\bin that case\b|\bafter all\b|\bso (?:i|it|there)\b"
    # time counted since the answer before: "три дня уже прошло, деньги не вернулись"
    r"|\bуже прошл[оаи]\b|\bпрошл[оаи] уже\b|\bit's been\b|\bhave passed\b|\bhas passed\b"
    # ... or not yet counted out, against the answer's terms: "семь дней ещё не прошло"
    r"|\b(?:еще|пока) не прошл[оаи]\b|\bhasn't been\b|\bhaven't passed\b"
    # ... or waited out with nothing at all: "час уже жду, ни одной смски", "still waiting"
    r"|\b(?:уже|давно) жд[уеёа]\w*|\bжд[уеё]\w* уже\b|\bstill waiting\b|\bни (?:одной|одного)\b"
    r"|^(?:так|но|однако|but|however)\b|\bдля этого\b|\bэто (?:не помогл\w*|не подходит"
    r"|не работает)|\bне помогл\w*|\bне подходит|\b(?:for|to do) that\b"
    r"|\b(?:that|this|it) (?:doesn't|didn't|won't|does not|did not) (?:\w+ )?(?:help|work)"
    # what the answer told of is not there: "в приложении такой кнопки нет", "кнопки «Вывести»
    # у меня нет", "there's no such option", "I don't see that button"
    r"|\bтак(?:ой|ого|ая|ую|ие|их)\b (?:\w+ )?нет\b|\bno such\b"
    r"|\bкнопк\w* (?:\S+ ){0,3}нет\b|\bнет (?:\S+ )?кнопк|\bthere(?:'s| is) no (?:\S+ )?button\b"
    r"|\b(?:don't|dont|can't|cant) (?:see|find) (?:that|this|the|it)\b"
    # a verdict on the article just given: "статья не про мой случай", "в статье написано, что
    # нельзя, но ...", "that article isn't about my case"
    r"|\bстать(?:я|е|и|ю|ей)\b|\b(?:the|that|this|your) article\b"
    # having read it: "прочитал, но непонятно, как быть с доплатой", "i read that, still stuck"
    r"|\b(?:про)?читал[аи]?\b|\bi(?:'ve| have)? read (?:it|that|this|the)\b"
    # what it says, quoted back: "там написано обратиться в поддержку, вот я и обращаюсь"
    r"|\b(?:там|тут|здесь|же) написано\b|\bнаписано же\b|\bit says\b"
    # a verdict on what it asks: "звучит сложно", "sounds complicated"
    r"|\bзвучит (?:\w+ )?сложн|\bслишком сложн|\bsounds (?:\w+ )?(?:complicated|confusing)"
    r"|\bне (?:про|о|об) (?:мой|моем|мое|моя|моей|мою|нашем|наш)\b"
    r"|\bnot (?:about )?my (?:case|issue|problem|situation)\b"
    # the answer's terms have run out: "по вашим срокам уже всё прошло", "those 10 days have
    # passed", "it's been longer than that"
    r"|\bпо (?:вашим|этим|указанным|тем|написанным) (?:срокам|словам|правилам|инструкци\w*)\b"
    r"|\bсроки? (?:\w+ ){0,2}(?:уже )?(?:все )?"
    r"(?:прошл[иао]?|прошел|вышл[иао]?|вышел|истекл[иао]?|истек)\b"
    r"|\b(?:those|these|the|your) (?:\d+ )?(?:days|weeks|time|deadline)s? (?:have|has) "
    r"(?:already |long )?(?:passed|gone by|gone)\b|\bit'?s been (?:longer|more) than that\b"
)


def continues(text: str) -> bool:
    """The message goes on from the one before it (see CONTINUES), or tells that its problem goes
    on (GOES_ON: "код ввожу, и опять то же самое")."""
    lowered = folded(text).strip()
    return bool(CONTINUES.search(lowered) or GOES_ON.search(lowered))


# Shorter words are particles and fillers far more often than what a problem is about.
MIN_SUBJECT_LETTERS = 4


def _subjects(text: str) -> set[str]:
    """The stems of what a message is about: its Russian nouns and English content words, without
    the words customers put around a fact ("заказ", "номер", "app")."""
    subjects = set()
    for word in content_words(text):
        if len(word) < MIN_SUBJECT_LETTERS or word.startswith(FACT_LABEL_STEMS):
            continue
        english = word.isascii() and word.isalpha() and word not in ENGLISH_STOP_WORDS
        if english or "NOUN" in parses(word)[0].tag:
            subjects.add(stem(word))
    return subjects


# Words that tell something is wrong, wanted or asked, whatever the topic: a message with none of
# them says no problem of its own.
TELLS_TROUBLE = re.compile(
    r"\b(?:не|нет|ни|без|нельзя|никак\w*|хочу|хотим|хотела?|нужн\w*|надо|верн\w*|отмен\w*"
    r"|где|когда|почему|зачем|как|сколько|что|проблем\w*|дважды"
    r"|problems?|issues?|twice|double"
    r"|no|not|never|without|nothing|want|need|return|refund|cancel|where|when|why|how|what)\b"
    r"|n't\b"
)


def identifies_only(text: str) -> bool:
    """The message names the order and the item without a trouble of its own: "order #72915048,
    the grey one with the wall mount, got it two weeks ago. can I talk to a person please?",
    sent after the problem ("my new cordless vacuum dies after 5 minutes")."""
    if not extract_facts(text).order_number:
        return False
    told = [part for part in clauses(folded(text)) if not asks_for_person(part)]
    return not any(TELLS_TROUBLE.search(part) for part in told)


def takes_up_the_answer(turn: Turn) -> bool:
    """The message goes on about what the bot just answered, in the answer's own words:
    "Компенсация бонусами? Серьёзно? Это издевательство" after an article that returns a price
    drop "in Лайт-бонусы"; "Статус «Возврат одобрен» висит уже 12 дней. Переключите на
    сотрудника" after one that says to check the return's status. One that names things of its
    own ("это безобразие, чайник пришёл не того цвета") tells a problem of its own."""
    answered = {part for subject in _subjects(turn.reply_before) for part in subject.split("-")}
    return bool(_subjects(turn.text) & answered)


# A message that begins by pointing back at what the one before named: "он вообще не заряжается
# от базы" after "получила вчера от вас робот-пылесос".
PRONOUNS_BACK = listed("он она оно они его ее их it they them")
POINTING_WORDS = 3


# A request for a person with this many content words or fewer that holds such a pronoun anywhere
# says no more than when it is needed: "I need a human please, the discount on it ends tonight".
SHORT_REQUEST_WORDS = 4


def points_back(text: str) -> bool:
    """The message's first words hold a pronoun (PRONOUNS_BACK) for something said before, or a
    short request for a person holds one anywhere."""
    found = WORD.findall(folded(text))
    if PRONOUNS_BACK.intersection(found[:POINTING_WORDS]):
        return True
    short = asks_for_person(text) and len(content_words(text)) <= SHORT_REQUEST_WORDS
    return short and bool(PRONOUNS_BACK.intersection(found))


def _same_problem(later: Turn, earlier: Turn, topics: dict[str, str]) -> bool:
    """The later message goes on with the earlier one's problem: it says so (CONTINUES), the NLU
    could not place it or put it outside (GOES_ON_INTENTS), it takes up the answer to the earlier
    one (`takes_up_the_answer`) or names nothing of its own ("Звучит сложно. Можно я лучше с
    вашим сотрудником это оформлю?" after an exchange), both are read in one support topic
    ("the app freezes when I open my wishlist" — "I'm on v5.14, it started after the last
    update"), or it names again what the earlier one is about ("почему за заказ не начислились
    баллы?" — "это я читал, сроки прошли, а баллов нет"). "не могу войти в кабинет" —
    "соедините, чайник пришёл не того цвета" shares none of these: another problem. One that
    begins by pointing back (`points_back`) goes on with what the earlier one named, and one that
    tells what the customer did about it (`reports_attempt`) goes on with it too."""
    if (
        continues(later.text)
        or points_back(later.text)
        or later.intent in GOES_ON_INTENTS
        or identifies_only(later.text)
        or reports_attempt(later.text)  # "проверил, у всех статус «Получен»": what was done
    ):
        return True
    if takes_up_the_answer(later) or not _subjects(later.text):
        return True
    topic = topics.get(later.intent)
    if topic is not None and topic not in NO_TOPIC and topic == topics.get(earlier.intent):
        return True
    return names_again(later.text, earlier.text)


# Shorter shared beginnings join words of different roots far more often than words of a family.
MIN_KIN_LETTERS = 5


def names_again(later: str, earlier: str) -> bool:
    """The later message names, as a noun, something the earlier one named as any word of its
    family: "в сервис ехать 200 км, не вариант" after "сервисный центр только в другом городе"."""
    told = {
        stem(word)
        for word in content_words(earlier)
        if len(word) >= MIN_SUBJECT_LETTERS and not word.startswith(FACT_LABEL_STEMS)
    }
    for subject in _subjects(later):
        for said in told:
            shorter, longer = sorted((subject, said), key=len)
            if longer.startswith(shorter) and (
                shorter == longer or len(shorter) >= MIN_KIN_LETTERS
            ):
                return True
    return False


# A message that turns to another matter says so: "о, по коду пустило, спасибо. теперь по делу:
# в заказе пришёл чайник с трещиной", "и другой вопрос: …", "another thing: …", "also, …" (and
# "и еше вопрос", as Latin-typed "i eshe vopros" reads in Cyrillic). What came before it is not
# part of its problem, whatever the NLU made of it.
NEW_MATTER = re.compile(
    r"\b(?:теперь|а теперь|так,?) по делу\b"
    r"|\b(?:другой|е[щш]е один|отдельный|второй|новый) вопрос\b|\bи е[щш]е (?:вопрос|проблема)\b"
    r"|\bдругая (?:проблема|тема)\b|\bпо другому (?:вопросу|поводу)\b"
    r"|\b(?:another|different|separate) (?:question|issue|thing|matter|problem)\b"
    r"|^\W*also\b|\bone more (?:question|thing)\b"
    r"|\bsomething else\b|\bon (?:a|another) different note\b|\bon another note\b|\bunrelated\b"
    r"|\bне по теме\b|\bэто не связано\b"
)


def turns_to_another_matter(text: str) -> bool:
    """The message says it is about another matter than what came before (NEW_MATTER)."""
    return bool(NEW_MATTER.search(folded(text)))


def problem_turns(turns: list[Turn], topics: dict[str, str]) -> list[Turn]:
    """The last substantive message, with the substantive ones just before it about the same
    problem, oldest first; at most MAX_PROBLEM_TURNS. The same problem: the NLU read the same
    intent (the customer asking again), or the later message goes on from the earlier one
    (`_same_problem`: "как поменять телефон?" — "так для этого надо войти, а я не могу"). A "no"
    to an answer between them is skipped ("приложение вылетает" — "нет" — "ещё выскакивает
    ошибка E-500"); a thanks between them ends the earlier problem, which the answer solved
    ("how do I switch the site to English?" — "Thanks, that worked." — "I was charged twice").
    The case's intent is that of the latest chosen message the NLU placed."""
    chosen: list[Turn] = []
    for turn in reversed(turns):
        if chosen and turn.intent == SOLVED_INTENT and not is_substantive(turn, topics):
            break  # "Thanks, that worked.": what came before it was solved
        if turn.intent == NOT_HELPED_INTENT or not is_substantive(turn, topics):
            continue
        if chosen and turns_to_another_matter(chosen[0].text):
            break
        if (
            chosen
            and turn.intent != chosen[0].intent
            and not _same_problem(chosen[0], turn, topics)
        ):
            break
        chosen.insert(0, turn)
        if len(chosen) == MAX_PROBLEM_TURNS:
            break
    while len(chosen) > 1 and len("\n".join(t.text for t in chosen)) > MAX_TEXT:
        chosen.pop(0)
    return chosen


def problem_of(tracker: Tracker, topics: dict[str, str]) -> Problem | None:
    """What the handoff is about, in the customer's words; None when no message says it."""
    turns = handoff_turns(tracker)
    answered = tracker.get_slot(PROBLEM_SLOT)
    if turns.problem_answer is not None and isinstance(answered, str) and answered.strip():
        return Problem(answered.strip()[:MAX_TEXT], turns.problem_answer, from_form=True)
    chosen = problem_turns(turns.before, topics) or problem_turns(turns.aside, topics)
    if not chosen:
        return None
    text = "\n".join(turn.text.strip() for turn in chosen)[:MAX_TEXT]
    if isinstance(answered, str) and answered.startswith(text):
        # with what the customer added where the form asked for a fact (handoff_form._problem_told)
        text = answered
    # a complaint or a vague opener names no topic of the problem told with it, and a message
    # that tells the problem goes on is read anew by the NLU ("код ввожу, и опять то же самое"
    # after a declined card reads as a login code): the topic is the problem's own
    placed = [turn for turn in chosen if topics.get(turn.intent) not in (None, *NO_TOPIC)]
    told_anew = [turn for turn in placed if not GOES_ON.search(folded(turn.text))]
    return Problem(text, (told_anew or placed or chosen)[-1], from_form=False, turns=tuple(chosen))
