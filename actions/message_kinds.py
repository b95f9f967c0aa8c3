"""Kinds of message that must not reach the article search as questions: a closing ("ясно,
спасибо", "thanks, that's clear, have a good day"), a vague opener ("здравствуйте, у меня
проблема", "hi, something is wrong with my order"), a thumbs-up ("👍") with no words, and a
choice among offered articles by its place ("второй вариант"); and one that must reach it with
the question before it: a short follow-up that refers back ("а если он уже уехал?").

Both are told by their words: every word of the message is of a small kind (greeting, thanks,
goodbye, filler, "problem", a topic noun such as "order"), and the message has the telling one.
A message with any other word has content and is searched as a question; a question mark makes a
closing a question. The texts are read after retrieval/normalise.py (Latin-typed Russian is
already Cyrillic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from actions.failure_words import FAILED, GOES_ON
from actions.question_words import AFTER_VERDICT, ANY_QUESTION, asks
from actions.text_fold import folded
from actions.topic_words import BUYING_VERBS, ORDERING_VERBS, Topic
from bot.common.facts.english_names import ENGLISH_FIRST_NAMES, ENGLISH_NAMES_ALSO_WORDS
from bot.common.facts.lexicon import parses
from bot.common.word_list import listed
from bot.common.words import WORD

Closing = Literal["thanks", "goodbye"]


def _words(text: str) -> list[str]:
    return WORD.findall(folded(text))


def _stems(line: str) -> tuple[str, ...]:
    return tuple(line.split())


THANKS = _stems(
    "спасиб спс пасиб благодар мерси сенкс thank thanks thx ty tysm cheers appreciat "
    "grateful спасибки спц"
)
GOODBYE = _stems("пока свидан досвидан прощай бывай удачи доброго хорошего bye cya farewell")
# Goodbye phrases of ordinary words ("have a good day", "see you").
GOODBYE_PHRASE = re.compile(
    r"\bдо (?:связи|встречи)\b|\b(?:have|has) a (?:good|nice|great) (?:day|one|evening|night)\b"
    r"|\bsee (?:you|ya)\b|\btake care\b|\bgood night\b|\btalk (?:to you )?later\b"
)
# Words that go with thanks or a goodbye and ask nothing.
CLOSING_FILLER = listed(
    """
    ясно понятно поняла понял понятненько ага ок окей ok okay хорошо ладно отлично супер класс
    попробую попробуем сейчас вам тебе большое огромное очень все всё это то что нужно
    разобралась разобрался помогли помог помогло заработал заработала заработало заработали
    получилось сработало и а да yes that's that is clear got it great perfect
    will try i'll i much so very a good have you lot makes sense understood noted gotcha ah oh
    cool awesome до всего дня вечера day evening
    ну на том этом anyway
    """
)
GREETINGS = listed(
    """
    здравствуйте здрасьте здрасте здравствуй привет приветствую добрый доброе доброго день
    вечер утро утра дня вечера времени суток алло ало алле алё hi hello hey hiya good morning
    afternoon evening
    there
    """
)
# Words that say there is a problem or a question, without saying which.
VAGUE = listed(
    """
    проблема проблемы проблемой проблемка вопрос вопросы вопросик беда неприятность помощь
    ситуация ситуацией ситуевина загвоздка затруднение недоразумение косяк косяки засада трабл
    непонятка непонятки непоняток путаница путаницу неразбериха неразбериху заминка заминки
    сложности трудности ерунда ерунду фигня фигню странное странно непонятное situation weird
    strange odd mix-up mixup confusion mess
    помогите помочь помоги случилось пошло неправильно problem problems issue issues
    question questions trouble help wrong something's somethings wrong assistance
    """
)
VAGUE_PHRASE = re.compile(r"\bне так\b|\bне то\b|\bnot right\b|\bsomething(?:'s|s| is)? off\b")
FILLER = listed(
    """
    у меня мне я мой моя моим моей с со по в на вас вам вами есть есть что то что-то какая
    чтото чето какая-то какие-то какое-то какой-то
    ваш ваша ваше ваши вашим вашей вашего вашем ваших вашу вашими your there's theres
    а и ну вот какой какие тут такое так такая такой такие слушайте короче дело можно задать
    хочу спросить кое-что кое что не работает
    получается пожалуйста подскажите скажите пжл плиз возникла возникли есть ли
    i have has got there is are with my a an the some something it its it's not working
    can could you me please need want to ask about any quick someone anyone regarding on
    right off having am i'm im bit little kind sort of facing
    """
)
# The nouns that name a topic, so that a message made of one ("доставка", "проблема с акком") is
# a vague opener about it. Narrower than actions/topic_words.py, which also counts the words of a
# problem ("вылетает", "списали"): a message saying what went wrong is not vague.
TOPICS: dict[Topic, tuple[str, ...]] = {
    "order": _stems("заказ order покупк purchase"),
    "delivery": _stems("доставк курьер посылк delivery courier parcel package"),
    "payment": _stems("оплат плат платеж карт payment pay card charge"),
    "account": _stems("аккаунт акк вход войти личн кабинет профил account login sign profile"),
    "app": _stems("приложени сайт app site website"),
    "return": _stems("возврат вернуть обмен return refund exchange"),
}


# What to search for a topic's common articles, when a vague opener names only the topic.
TOPIC_QUERIES: dict[Topic, dict[str, str]] = {
    "order": {"ru": "заказ", "en": "order"},
    "delivery": {"ru": "доставка", "en": "delivery"},
    "payment": {"ru": "оплата", "en": "payment"},
    "account": {"ru": "вход в аккаунт", "en": "sign in to account"},
    "app": {"ru": "приложение", "en": "app"},
    "return": {"ru": "возврат", "en": "return"},
}


# Words that take an answer in ("ок, ясно", "понятно", "got it"): a close as good as a thank-you.
# "ок" or "хорошо" alone is left to whatever was asked before it.
ACKNOWLEDGING = listed("ясно понятно понял поняла понятненько clear understood noted gotcha")
ACKNOWLEDGING_PHRASE = re.compile(r"\bgot it\b|\bmakes sense\b")
# Saying the answer worked in English phrases, beside a thanks or goodbye: "got it working,
# thanks a lot. bye", "ok that did it, cheers bye" (the Russian words, "всё заработало", are
# CLOSING_FILLER's). Nothing is left to answer.
WORKED_PHRASE = re.compile(
    r"\bgot (?:it|this|that) (?:working|sorted|fixed)\b|\b(?:that|this|it) did (?:it|the trick)\b"
    r"|\b(?:it|that|this) (?:worked|works now|helped)\b|\ball (?:sorted|fixed|working)\b"
)


# A way out the customer found and reports with the thanks: "оплатила через сбп, прошло.
# спасибо!", "paid with another card, went through, thanks". Nothing is left to answer, when
# nothing in the message says something still fails.
SOLVED = listed(
    "прошло прошла прошел получилось сработало заработало нашла нашел нашлось разобралась "
    "разобрался worked fixed sorted through"
)
STILL_WRONG = listed("не нет ни но только однако not no but still")
SOLVED_WORDS = 10


def closing(text: str) -> Closing | None:
    """ "thanks" or "goodbye" when the message only thanks, acknowledges or says goodbye, or
    thanks for a way out the customer found (SOLVED)."""
    if "?" in text:
        return None
    words = _words(text)
    if not words:
        return None
    thanks = any(w.startswith(THANKS) for w in words)
    solved = SOLVED.intersection(words) and not STILL_WRONG.intersection(words)
    if thanks and solved and len(words) <= SOLVED_WORDS and "n't" not in text:
        return "thanks"
    phrase = GOODBYE_PHRASE.search(" ".join(words))
    goodbye = bool(phrase) or any(w.startswith(GOODBYE) for w in words)
    leftover = WORKED_PHRASE.sub(" ", GOODBYE_PHRASE.sub(" ", " ".join(words))).split()
    for word in leftover:
        if not (word.startswith(THANKS) or word.startswith(GOODBYE) or word in CLOSING_FILLER):
            return None
    acknowledged = any(w in ACKNOWLEDGING for w in words)
    if thanks or (not goodbye and (acknowledged or ACKNOWLEDGING_PHRASE.search(" ".join(words)))):
        return "thanks"
    return "goodbye" if goodbye else None


_CLAUSES = re.compile(r"[.!,;…\n]+")


def closing_tail(text: str) -> Closing | None:
    """The thanks or goodbye a message ends with, when it asks nothing ("а, я правда два раза не
    забрала заказы... ладно, спасибо"); whether that closes the conversation is the caller's to
    judge (after an answer, when the rest finds no article)."""
    if "?" in text:
        return None
    clauses = [c for c in _CLAUSES.split(text) if _words(c)]
    return closing(clauses[-1]) if len(clauses) > 1 else None


@dataclass(frozen=True)
class Vague:
    """A message that says there is a problem but not which; `topic` when it names one. `bare`:
    the message is only a topic's name ("доставка", "refund"), a question about the whole topic
    rather than a problem: its best article answers only when the search is sure of it.
    `names_things`: it says what it is about ("вопрос по наушникам, которые я у вас покупал"),
    which tells an agent something even with no topic; a reply treats it as any vague opener."""

    topic: Topic | None
    bare: bool = False
    names_things: bool = field(default=False, compare=False)


def _first_name(word: str) -> bool:
    """A first name in an opener greets someone or introduces the writer, and says nothing of
    the problem. A name that is more often a word ("вера", "bill") stays a word."""
    if word.isascii():
        return word in ENGLISH_FIRST_NAMES and word not in ENGLISH_NAMES_ALSO_WORDS
    return "Name" in parses(word)[0].tag


def topic_of(word: str) -> Topic | None:
    for topic, stems in TOPICS.items():
        if word.startswith(stems):
            return topic
    return None


# Words outside these lists that a vague opener may still hold when the NLU is sure it is one
# ("здравствуйте, а можно вопрос по заказу", "hello, having an issue with a delivery").
UNLISTED_WHEN_SURE = 2


def vague_opener(text: str, said_vague: bool = False, sure: bool = False) -> Vague | None:
    """The message only greets and says there is a problem (or the NLU said so: `said_vague`),
    naming at most a topic; or it only names a topic (`bare`, no digits: "заказ 45873921" asks
    about one order). None when it says anything more; when the NLU is `sure` it is a vague
    opener, a word or two the lists do not hold are taken as filler. A message that announces a
    question or says what it is about, and no more, is one too, whatever it names
    (`_only_names_things`: "я по поводу заказа 52 840 193", "у меня вопрос по беспроводным
    наушникам, которые я у вас покупал")."""
    words = _words(text)
    marked = said_vague or bool(VAGUE_PHRASE.search(text.lower()))
    about = bool(ABOUT_PHRASE.search(folded(text)))
    topic: Topic | None = None
    bare = not any(c.isdigit() for c in text)
    unlisted = UNLISTED_WHEN_SURE if sure else 0
    things: list[str] = []
    for word in words:
        if word in VAGUE:
            marked = True
        elif (found := topic_of(word)) is not None:
            topic = topic or found
        elif word in FILLER:
            bare = False
        elif word not in GREETINGS and not _first_name(word):  # "Добрый вечер, Мария!"
            bare = False
            if unlisted > 0:
                unlisted -= 1
            else:
                things.append(word)
    announces = about or any(word in ANNOUNCING for word in words)
    if things and not (announces and _only_names_things(things, text)):
        return None
    if marked or about:
        return Vague(topic, names_things=bool(things))
    return Vague(topic, bare=True) if bare and topic is not None else None


# Saying what a message is about without saying what happened: "я по поводу заказа", "насчёт
# возврата", "regarding my refund", "it's me again about the blender".
ABOUT_PHRASE = re.compile(
    r"\bпо поводу\b|\bнасчет\b|\bкасательно\b|\bregarding\b|\bconcerning\b"
    r"|\b(?:again|writing|it's|its|it is) about\b"
)
# Words that announce a question still to come: "у меня вопрос по пылесосу" (while "проблема с
# паролем" already names what is wrong, and the search knows passwords).
ANNOUNCING = listed("вопрос вопросы вопросик question questions")
# Words of a Russian phrase that name a thing, not what happened to it: nouns, adjectives,
# participles, pronouns and the small words between them ("по беспроводным наушникам, которые").
THING_PARTS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", "NPRO", "PREP", "CONJ", "PRCL", "NUMR"})
# Verbs that only say where the thing came from: "которые я у вас покупал".
OBTAINING = BUYING_VERBS | ORDERING_VERBS
# English words that tell what happened, so that a message "about" a thing says more than that.
ENGLISH_HAPPENED = listed(
    """
    not no never broke broken cracked crack damaged missing lost late wrong charged stopped
    leaking leaks stuck failed fails error declined cancelled canceled arrived came didn't
    doesn't won't can't isn't hasn't haven't wasn't still how what when where why can
    """
)
MAX_ENGLISH_THINGS = 3


def _only_names_things(words: list[str], text: str) -> bool:
    """The words name things (an item, a person addressed) and tell nothing that happened to
    them. Russian words by their part of speech; English ones, for want of it, when they are few
    and none says what happened (a name, "again", "blender")."""
    english = [w for w in words if w.isascii()]
    if len(english) > MAX_ENGLISH_THINGS or any(w in ENGLISH_HAPPENED for w in english):
        return False
    if asks(text, ANY_QUESTION):
        return False
    for word in words:
        if word.isascii():
            continue
        reading = parses(word)[0]
        if reading.tag.POS not in THING_PARTS and reading.normal_form not in OBTAINING:
            return False
    return True


# Words by which a short message leans on the question just answered ("а если он к вечеру уже
# уедет?", "а утюг тогда когда привезут?", "and what if it happens again?").
REFERS_BACK = listed(
    """
    он она оно они его ее их него нее ним ней нему это этот эта этого этим тогда так такой
    такое тоже там туда it its they them that then same too
    """
)
FOLLOW_UP_WORDS = 12
# A message up to this long may still lean on the answer before it, searched alone first: "а
# если он окажется разбитый, я могу его не брать и не платить?" after paying the courier.
LEANING_WORDS = 16
# A question about what becomes of something after what was just answered: "what happens to the
# bonuses i still have?" after deleting the account, "will my bonus points and order history
# stay?" after changing the e-mail, "а бонусы после удаления сгорят?". Its subject is not what
# it is about: the answer is in the article about the step just taken.
ASKS_WHAT_BECOMES = re.compile(
    r"\bwhat (?:happens|will happen|would happen|becomes) (?:to|of|with)\b"
    r"|\bwill (?:\w+ ){1,6}(?:stay|remain|be kept|be lost|be gone|disappear|carry over)\b"
    r"|\bdo i (?:keep|lose)\b"
    r"|\bчто (?:будет|станет|случится|произойдет) (?:с|со)\b"
    r"|\b(?:сохранятся|сохранится|сгорят|сгорит|пропадут|пропадет|останутся|останется"
    r"|исчезнут|исчезнет|обнулятся|обнулится|потеряются|потеряется)\b"
)


def short_message(text: str, limit: int = FOLLOW_UP_WORDS) -> bool:
    """Few enough words to lean on what was just said rather than tell a question whole."""
    return 0 < len(_words(text)) <= limit


def asks_what_becomes(text: str) -> bool:
    """A short question about what becomes of something (ASKS_WHAT_BECOMES)."""
    return short_message(text) and bool(ASKS_WHAT_BECOMES.search(folded(text)))


# A question on a condition of the step just answered: "what if I can't even log in anymore?"
# after deleting the account, "а если я уже уехала?" after moving a delivery. The condition's
# subject is not what it is about either.
ASKS_WHAT_IF = re.compile(
    r"^(?:\W*(?:and|so|but|ok|okay|а|и|ну|ок)\W+)?(?:what if|а что если|что если|а если)\b"
)


def asks_what_if(text: str) -> bool:
    """A short question that opens on a condition (ASKS_WHAT_IF)."""
    return short_message(text) and bool(ASKS_WHAT_IF.search(folded(text).strip()))


# Asking about another side of the same matter: "ok and what about email, how fast do you get
# back to people?" after the phone line's hours, "а как насчёт самовывоза?".
ASKS_WHAT_ABOUT = re.compile(r"\b(?:what|how) about\b|\bа (?:как|что) насчет\b")


def follows_up(text: str) -> bool:
    """A short message that refers back to what was just said rather than naming its subject,
    asks what becomes of something after it or about another side of it (ASKS_WHAT_ABOUT): read
    with the question it follows, it can be answered (the caller knows there was one)."""
    refers_back = bool(REFERS_BACK.intersection(_words(text)))
    about = bool(ASKS_WHAT_ABOUT.search(folded(text)))
    return short_message(text) and (refers_back or about or asks_what_becomes(text))


# Emoji that say "good, thanks" on their own.
APPROVING = frozenset("👍👌🙏❤♥😊🙂😀😃😄👏✅💯🤝🥰😍🔥")
NOT_EMOJI_TEXT = re.compile(r"[\s\ufe0f\u200d\U0001f3fb-\U0001f3ff!.)]")


def approving(text: str) -> bool:
    """Only emoji, all of them approving ("👍", "🙏🙏")."""
    symbols = NOT_EMOJI_TEXT.sub("", text)
    return bool(symbols) and all(c in APPROVING for c in symbols)


# Words that pick an offered article by its place: 'второй вариант', 'the first one', '2'.
ORDINALS = {
    "1": 0,
    "перв": 0,
    "first": 0,
    "one": 0,
    "2": 1,
    "втор": 1,
    "second": 1,
    "two": 1,
    "3": 2,
    "трет": 2,
    "third": 2,
    "three": 2,
}


def chosen_index(text: str) -> int | None:
    """'второй вариант' / 'the first one' / '2' → position in the offered list."""
    for word in re.findall(r"\w+", text.lower()):
        for stem, index in ORDINALS.items():
            if word.startswith(stem):
                return index
    return None


# A "no" to "did this help?" said in words, at the start of the message: "не помогло, кэш чистил",
# "так не помогло, в заказе нет никакой кнопки", "that didnt help, i already updated".
NOT_HELPED = re.compile(
    r"^(?:(?:так|но|ну|и|а|увы|к сожалению|sorry|unfortunately|nope|no)[,.!\s]+)?"
    r"(?:нет[,.!\s]+)?(?:это |that |it |this )?"
    rf"(?:{FAILED}|не подходит|not helpful|no help)\b"
)


def not_helped(text: str) -> bool:
    """The message opens with a "no" to the answer just given, or tells anywhere that the problem
    goes on ("вчера тоже был закрыт, и позавчера", "same thing again today"), and asks nothing:
    the verdict, told with what the customer already did or saw, not a new question to search."""
    lowered = folded(text).strip()
    said = NOT_HELPED.search(lowered) or GOES_ON.search(lowered)
    return bool(said) and not asks(text, AFTER_VERDICT)


# Taking an item from the shop, said in the past ("брала у вас месяц назад", "bought a coffee
# grinder on friday"): what follows is about something the customer has, so the store's to help
# with, however the NLU reads the item's name.
BOUGHT_ENGLISH = listed("bought ordered purchased")
TAKING = frozenset({"брать", "взять"})  # "брала у вас": taking counts with "у вас" only
FROM_US = re.compile(r"\bу вас\b")


# How to use an item, not a store question: "как её к телевизору подключить", "how do I cast
# from my iPhone to it", "как алису настроить".
HOW_TO_USE = re.compile(
    r"\b(?:как|how (?:do|can|to|would|should) (?:i |we |you )?)(?:[^?.!]{0,40}?\s)?"
    r"(?:подключ\w*|настро\w*|настраива\w*|соедин\w*|синхрониз\w*|сопряч\w*|сопряг\w*"
    r"|транслир\w*|connect|cast|pair|mirror|set (?:it |this |that )?up|setup|sync"
    r"|stream)\b"
)


# What an item can do or measures: "он Dolby Vision поддерживает?", "is it compatible with…",
# "а шланг какой длины?". The maker's specification answers that.
SPECIFICATION = re.compile(
    r"\bподдерживает\b|\bсовместим\w*|\bкакой (?:длины|ширины|высоты|глубины|мощности)\b"
    r"|\bdoes it (?:support|have)\b|\bis it compatible\b|\bcompatible with\b"
)


def asks_how_to_use(text: str) -> bool:
    """The message asks how to use or set up an item, or what it can do (SPECIFICATION): the
    maker's manual answers that, not the store's help center."""
    folded_text = folded(text)
    return bool(HOW_TO_USE.search(folded_text) or SPECIFICATION.search(folded_text))


# A service a store gives around a purchase: wrapping it, engraving it, lifting it upstairs,
# taking the old one away, assembling or installing it. The help center may not describe one, but
# it is the store's to answer, unlike pizza or a job: a person can.
STORE_SERVICE = re.compile(
    r"\b(?:гравир\w*|утилиз\w*|вывез\w*|вывоз\w*|подъем\w*|поднять|поднимет\w*"
    r"|поднимут|занес\w*|сборк\w*|соберет\w*|соберут|установ\w*|монтаж\w*"
    r"|engrav\w*|haul\w*|recycl\w*|dispos\w*|upstairs|assembl\w*|install\w*|mount\w*)"
    # wrapping as a gift, not the packaging a parcel came in ("упаковка вроде целая была")
    r"|\bподарочн\w* упаков\w*|\bупаков\w* (?:\w+ )?(?:как |в )?подар\w*|\bзавернут\w*"
    r"|\bgift[- ]?wrap\w*|\bwrap\w* (?:\w+ ){0,2}(?:as|for) a (?:gift|present)"
    # connecting an appliance to the water, the drain or the mains: "подключаете к воде?"
    r"|\bподключ\w* (?:\w+ ){0,2}к (?:вод|слив|канализ|электросет)"
    r"|\b(?:connect|hook)\w* (?:\w+ ){0,2}(?:to|up to) the (?:water|drain|mains)"
    # setting an appliance up as the store's work: "вы телевизор настраиваете после доставки?"
    r"|\bнастраива(?:ете|ют)\b|\bнастро(?:ите|ят)\b"
    # connecting it as a service asked of the store: "а подключение варочной панели делаете?"
    r"|\bподключени\w* (?:\w+ ){0,3}(?:делаете|делают|осуществляете)\b"
    r"|\b(?:делаете|делают) (?:\w+ ){0,2}подключени\w*"
    # movers, and the packaging taken away: "а упаковку и плёнку курьер с собой заберёт?"
    r"|\bгрузчик\w*|\b(?:movers|porters)\b"
    r"|\b(?:упаковк|пленк|коробк|картон)\w* (?:\w+ ){0,4}с собой (?:\w+ )?забер\w*"
    r"|\bзабер\w* (?:\w+ ){0,2}с собой (?:\w+ ){0,2}(?:упаковк|пленк|коробк|картон)\w*"
    r"|\btake (?:the |all the )?(?:packaging|boxes|cardboard|wrapping) away\b"
    r"|\bзабер\w* (?:\w+ )?или (?:\w+ )?(?:сам\w* )?вынос\w*"
)

APP_WORDS = re.compile(r"\b(?:приложени\w*|app|apps|application)\b")


def asks_store_service(text: str) -> bool:
    """The message asks about a service the store gives around a purchase ("do you offer gift
    wrapping?", "подъём на 9 этаж без лифта у вас платный?"), whatever the NLU makes of it."""
    lowered = folded(text)
    if APP_WORDS.search(lowered):
        return False  # installing the app is the app's question, answered by its articles
    return bool(STORE_SERVICE.search(lowered)) and asks(lowered, ANY_QUESTION)


def tells_a_purchase(text: str) -> bool:
    """The message says the customer bought or ordered the item already."""
    lowered = folded(text)
    words = WORD.findall(lowered)
    if any(word in BOUGHT_ENGLISH for word in words):
        return True
    for word in words:
        if word.isascii():
            continue
        reading = parses(word)[0]
        if "past" not in reading.tag:
            continue
        if reading.normal_form in OBTAINING:
            return True
        if reading.normal_form in TAKING and FROM_US.search(lowered):
            return True
    return False


# The words a request for the other close articles is made of (intents/kb_other_articles.yml):
# "а другие варианты есть?", "show me something else". A message with more words of its own
# asks a question of its own ("any other way to get in?"), whatever the NLU reads in it.
OTHER_ARTICLES_WORDS = listed(
    """
    а другие другой другую другое ещё еще статьи статью статья варианты вариант ответы
    ответ покажи покажите дай дайте есть что что-то что-нибудь остальные похожие подходит можешь
    можете предложить это не то на эту тему и ну
    other another articles article options option anything else show me something different
    more results result answers answer similar give what is there are any on this do you have
    please the a
    """
)
OWN_WORDS_OF_A_QUESTION = 2


def asks_for_other_articles(text: str) -> bool:
    """The message asks for the other close articles, not a question of its own: the button's
    payload, or a message with fewer than two words outside OTHER_ARTICLES_WORDS."""
    if text.startswith("/"):
        return True
    own = [word for word in _words(text) if word not in OTHER_ARTICLES_WORDS]
    return len(own) < OWN_WORDS_OF_A_QUESTION
