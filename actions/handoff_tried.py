"""Whether a form answer also says what the customer already tried, so it is not asked again.

Customers answer two questions at once: "не помню номер заказа, а в банк я уже звонила",
"заказ 47120958, сам ещё ничего не делал", "no order yet, I entered the code twice". What they
did is told in the first person: in Russian a verb in the past singular with no noun before it in
its clause to be its subject ("в банк я звонила", "проверяла"; not "курьер не приехал"), nor one
in the clause before that the verb agrees with ("сборщик ушёл, сказал, что перенесут"); the
present of wanting or waiting ("пытаюсь оплатить", "жду") says what they want done, while an
attempt told as it goes on counts ("ввожу код — пишет, что недействителен"); a verb with "не"
("ещё не включал") tells the state of things (what was not tried is NOTHING_DONE's). In English,
a verb of trying after "I" or at the start of a clause ("I called my bank", "tried two cards"; not
"the courier called"). Verbs of knowing, wanting and being ("не помню", "хочу", "были") say nothing
about what was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from actions.failure_words import FAILED_RESULT
from actions.text_fold import folded
from actions.topic_words import BUYING_VERBS, ORDERING_VERBS
from bot.common.facts.lexicon import lemma, parses
from bot.common.sentences import clauses
from bot.common.word_list import listed
from bot.common.words import WORD

# Verbs that tell no action: knowing, remembering, wanting, being, and things that happen to an
# order or an item ("пришёл не тот цвет") rather than things the customer did.
NOT_ACTIONS = frozenset(
    {
        *("быть", "стать", "хотеть", "мочь", "знать", "помнить", "понять", "понимать"),
        *("думать", "найти", "иметь", "видеть", "прийти", "приехать", "прибыть", "сломаться"),
        *("перестать", "начать", "появиться", "исчезнуть", "стоить", "висеть", "работать"),
        *("получиться", "выйти", "оказаться", "показаться", "случиться", "произойти"),
        *("застрять", "зависнуть"),
        # getting in is where the customer got to, not a fix: "вошёл, заказ ¶. Продолжим"
        "войти",
        # the purchase itself, not an attempt to fix it: "оформляла в прошлый вторник"
        *BUYING_VERBS,
        *ORDERING_VERBS,
        *("получить", "получать", "оплатить", "оплачивать", "выбрать", "выбирать"),
        # stepping away from this chat: "извините, отходила к двери"
        *("отойти", "отходить", "отлучиться", "отвлечься"),
        # slips in this chat: "перепутал, это был номер телефона", "точку пропустил: ¶"
        *("ошибиться", "перепутать", "спутать", "опечататься", "пропустить", "забыть"),
        # pasting into this chat: "ой, не то вставила) заказ ¶"
        *("вставить", "скопировать"),
    }
)
# In the present, verbs of wanting, trying in general, waiting, asking and talking say what the
# customer wants done or says ("пытаюсь оплатить", "жду курьера", "прошу вернуть"), not an
# attempt at a fix.
NOT_DOING = frozenset(
    {
        *("хотеть", "пытаться", "стараться", "ждать", "просить", "писать", "обращаться"),
        *("жить", "пользоваться", "считать", "надеяться", "бояться", "нуждаться", "требовать"),
        *("думать", "знать", "понимать", "видеть", "мочь", "помнить", "жаловаться", "напоминать"),
        *("получать", "заказывать", "оплачивать", "покупать", "оформлять", "сообщать", "уточнять"),
        # what the customer does in this chat: "ладно, шучу, Филипп", "говорю же, не пришёл"
        *("шутить", "говорить", "повторять", "извиняться", "спрашивать", "объяснять"),
        # a state, not a step: "получил его 6 дней назад, успеваю", "укладываюсь в срок"
        *("успевать", "укладываться", "сомневаться", "волноваться", "переживать"),
    }
)
# Writing a fact in this chat is no attempt at a fix: "а, это я версию написал" (but "написала на
# почту поддержки" is: the fact word follows a preposition there).
WRITING_VERBS = frozenset({"написать", "писать", "указать", "вписать", "напечатать"})
FACT_WORDS = frozenset(
    {"версия", "номер", "почта", "телефон", "email", "имейл", "адрес", "имя", "заказ"}
)
ENGLISH_ACTIONS = frozenset(
    {
        *("tried", "checked", "called", "rang", "phoned", "contacted", "emailed", "e-mailed"),
        *("wrote", "messaged", "texted", "restarted", "rebooted", "reinstalled", "updated"),
        *("cleared", "reset", "entered", "re-entered", "waited", "logged", "went", "looked"),
        *("searched", "asked", "used", "sent", "visited", "turned", "switched"),
        *("deleted", "removed", "uninstalled", "attempted"),
    }
)
# What may stand right before an English verb of trying for the customer to be its subject.
ENGLISH_SUBJECTS = frozenset({"i", "i've", "ive", "we", "we've", "already", "also", "just", "then"})
NOTHING_DONE = re.compile(
    r"\b(?:nothing (?:yet|so far)|not yet tried|haven't (?:tried|done) anything"
    # "пока ничего", not "я пока ничего не заказывал" (what was not bought is no step)
    r"|пока ничего(?!\s+(?:еще\s+)?не\s+(?:заказ|покуп|купи|оформ|брал|взял))"
    r"|ничего (?:пока |еще )?не (?:делал|делала|пробовал|пробовала|предпринимал)"
    # what was not tried answers the question too: "переоформить заказ не пробовала"
    r"|не (?:пробовал|пробовала|пробовали|пытался|пыталась)|(?:didn't|did not|haven't|have not)"
    r" (?:try|tried))"
)
PREPOSITIONS = listed("в во на с со к ко у о об от до из за по при про без для через под над")


def _names_a_fact(words: list[str]) -> bool:
    """The clause has a fact's name as its object: "версию", "номер" (not "на почту")."""
    return any(
        lemma(word) in FACT_WORDS and (index == 0 or words[index - 1] not in PREPOSITIONS)
        for index, word in enumerate(words)
    )


# A clause that opens so says what the customer wants done, not what they did.
WISHES = frozenset({"чтобы", "чтоб"})
# A clause that opens so tells when the problem shows: an action in it, in the present, is what
# sets the problem off, not an attempt at a fix ("закрывается, как только жму «Оплатить»").
WHENEVER = (("когда",), ("как", "только"), ("каждый", "раз"), ("всякий", "раз"), ("если",))
# A habit is no attempt either: "почта ¶, но я её редко проверяю".
HABIT = frozenset({"редко", "обычно", "иногда", "нечасто", "никогда", "почти"})


# The grammatical features of a clause's subject, a person, that a past verb agrees with
# ("сборщик": masc, sing), carried into the clauses after it that have none of their own.
Subject = tuple[str | None, str | None]


def _agrees(tag: Any, subject: Subject | None) -> bool:
    """A past verb whose gender and number are those of the subject told before it: "сборщик
    пришёл и ушёл, сказал, что перенесут" (the fitter said it); "заказ не пришёл, звонила в банк"
    (the customer rang)."""
    return subject is not None and (tag.gender, tag.number) == subject


# Losing where a fact was written ("письмо удалила", "чек выбросила") explains a fact the customer
# cannot give; "удалила приложение и поставила заново" is a fix, so the thing lost decides.
LOSING_VERBS = frozenset({"удалить", "потерять", "выбросить", "выкинуть", "стереть"})
FACT_SOURCES = frozenset({"письмо", "чек", "смс", "сообщение", "квитанция", "уведомление"})


def _names_a_source(words: list[str]) -> bool:
    return any(parses(word)[0].normal_form in FACT_SOURCES for word in words)


def _russian_clause(words: list[str], before: Subject | None) -> tuple[bool, Subject | None]:
    """A verb the customer did: no nominative noun before it to be someone else the subject,
    here or, when its verb agrees with it, in the clause before. Returns the verdict and the
    subject the next clause goes on with."""
    if words and words[0] in WISHES:
        return False, before  # "хочу, чтобы этим занялся человек": a wish, not something done
    writes_a_fact = _names_a_fact(words)
    whenever = any(tuple(words[: len(opening)]) == opening for opening in WHENEVER)
    subject = thing = False
    for index, word in enumerate(words):
        reading = parses(word)[0]
        tag = reading.tag
        after_preposition = index > 0 and words[index - 1] in PREPOSITIONS
        if tag.POS == "NOUN" and "nomn" in tag and not after_preposition:
            if _may_be_object(word):
                thing = True  # the subject, unless a verb after takes it as its object
                continue
            # only a person goes on acting in the clauses after: "курьер", not "заказ ¶"
            subject, before = True, (tag.gender, tag.number) if "anim" in tag else None
        elif tag.POS == "NPRO" and "1per" in tag and "nomn" in tag:
            before = None  # "я звонила": the customer is the subject from here on
        if tag.POS != "VERB" or reading.normal_form in NOT_ACTIONS or subject:
            continue
        if thing and not ("past" in tag and _takes_object_before(words, index)):
            # told as it goes on, "код ввожу, и опять то же самое" is the problem itself
            continue
        if writes_a_fact and reading.normal_form in WRITING_VERBS:
            continue
        if reading.normal_form in LOSING_VERBS and _names_a_source(words):
            continue  # "письмо я удалила": why a fact cannot be given, no attempt at a fix
        negated = index > 0 and words[index - 1] == "не"  # "я его ещё не включал": a state
        personal = "masc" in tag or "femn" in tag  # "не помогло", "списалось": a thing did it
        past = "past" in tag and "sing" in tag and personal and not negated
        if past and not _agrees(tag, before) and not _subject_after(words, index, tag):
            return True, before
        # "ввожу код — пишет, что недействителен": an attempt told as it goes on
        habit = bool(HABIT & set(words[max(0, index - 2) : index]))
        doing = "pres" in tag and "1per" in tag and "sing" in tag and not (whenever or habit)
        if doing and not negated and reading.normal_form not in NOT_DOING:
            return True, before
    return False, before


def _may_be_object(word: str) -> bool:
    """An inanimate noun that reads as accusative too ("адблок", "приложение", "заказ"): before
    a verb it may be what the customer acted on, the subject left out ("адблок выключал")."""
    readings = [reading for reading in parses(word) if reading.tag.POS == "NOUN"]
    return (
        bool(readings)
        and "inan" in readings[0].tag
        and any("accs" in reading.tag for reading in readings)
    )


def _takes_object_before(words: list[str], index: int) -> bool:
    """The verb at `index` is transitive and no noun after it in the clause can be its object,
    so the thing named before it is: "адблок выключал", "приложение обновил". With one after,
    the thing before is the subject: "банк отклонил платёж", "сайт выдал ошибку"."""
    if "tran" not in parses(words[index])[0].tag:
        return False
    for position in range(index + 1, len(words)):
        if words[position - 1] in PREPOSITIONS:
            continue
        if any(
            reading.tag.POS == "NOUN" and "accs" in reading.tag
            for reading in parses(words[position])
        ):
            return False
    return True


def _object_of_a_verb_after(words: list[str], index: int) -> bool:
    """The first verb after the noun at `index` takes it as its object (`_takes_object_before`)."""
    for position in range(index + 1, len(words)):
        if parses(words[position])[0].tag.POS == "VERB":
            return _takes_object_before(words, position)
    return False


def _subject_after(words: list[str], index: int, tag: Any) -> bool:
    """The word after a past verb is a noun that agrees with it and can only be nominative, its
    subject told after it: "прошла неделя — чека нет", "позвонил курьер" (not the customer)."""
    if index + 1 >= len(words):
        return False
    readings = parses(words[index + 1])
    after = readings[0].tag
    if after.POS != "NOUN" or "nomn" not in after:
        return False
    # "показывал код": a noun that may be the object is no subject
    objects = any("accs" in reading.tag for reading in readings if reading.tag.POS == "NOUN")
    return not objects and _agrees(tag, (after.gender, after.number))


def _english_clause(words: list[str]) -> bool:
    for index, word in enumerate(words):
        if word in ENGLISH_ACTIONS and (index == 0 or words[index - 1] in ENGLISH_SUBJECTS):
            return True
    return False


def tells_what_was_tried(text: str) -> bool:
    """The message says what the customer already did (or that they did nothing yet)."""
    lower = folded(text)
    if NOTHING_DONE.search(lower):
        return True
    subject: Subject | None = None
    for clause in clauses(lower):
        words = WORD.findall(clause)
        if not words:
            continue
        if all(word.isascii() for word in words):
            if _english_clause(words):
                return True
            continue
        tried, subject = _russian_clause([w for w in words if not w.isascii()], subject)
        if tried:
            return True
    return False


# "да что я должна была пробовать?! звонила на горячую линию": the form's question asked back,
# the way an exasperated customer answers it; the rest of the message is the answer.
ASKED_BACK = re.compile(
    r"\b(?:что|чего|what)\b[^?.!]*\b(?:\w*пробова\w*|пыта\w*|делать|сделать|делал\w*"
    r"|tried|try|do|done)\b[^?.!]*\?"
)


# "Nothing. What am I supposed to try, charge myself back?": the answer first, then the question
# asked back as a reproach.
OPENS_WITH_NOTHING = re.compile(r"\W*(?:nothing|ничего|nope)\b")


# Asked back as a reproach that says there is nothing to try: "а что тут пробовать?? коробку
# даже не вскрывал", "what is there to try? it came broken".
NOTHING_TO_TRY = re.compile(
    r"\b(?:что|чего) (?:тут|здесь|там|еще) (?:можно |было )?(?:пробовать|попробовать|делать"
    r"|сделать)\b|\bwhat(?:'s| is)? (?:there|else) (?:is )?to (?:try|do)\b"
)


def answers_asking_back(text: str) -> bool:
    """The answer to "what did you try?" asks it back, and tells it before or after, or says by
    asking that there is nothing to try (NOTHING_TO_TRY)."""
    lowered = folded(text)
    told = tells_what_was_tried(text) or bool(OPENS_WITH_NOTHING.match(lowered))
    return bool(ASKED_BACK.search(lowered)) and (told or bool(NOTHING_TO_TRY.search(lowered)))


# Verbs that report an attempt in so many words: "пробовала восстановить пароль", "уже пытался
# войти через смс", "I've tried reinstalling", and in a chat's clipped English without the "I":
# "tried two different browsers and the app", "site just spins, tried refreshing" (a negated one
# is NOTHING_DONE's; "tried it once and don't like it" used the item).
ATTEMPT_VERBS = frozenset({"пробовать", "попробовать", "пытаться", "попытаться"})
ENGLISH_ATTEMPT = re.compile(
    r"\b(?:i|i've|ive|we|we've|already|also) (?:already )?(?:tried|attempted)\b"
    r"|(?:^|[.,;:!?)]\s*|\s[-—–]\s*)(?:already |also )?tried\b(?! it once| it out)"
)
# Verbs of fixing something, which nobody uses to tell the problem itself: "переустанавливала",
# "очистил кэш", "перезагрузила телефон". Updating is left out: "обновила приложение, и теперь
# вылетает" tells what caused the problem.
FIX_VERBS = frozenset(
    {
        *("переустановить", "переустанавливать", "перезагрузить", "перезагружать"),
        *("перезапустить", "перезапускать", "очистить", "очищать", "почистить", "чистить"),
        *("переподключить", "переподключать", "перезайти", "перезаходить", "перелогиниться"),
        # getting in touch with someone who could help is what a customer tried too: "в банк
        # вчера весь вечер дозванивалась", "обращалась в сервисный центр" ("мне звонил курьер"
        # has its own subject)
        *("звонить", "позвонить", "дозваниваться", "дозвониться", "обращаться", "обратиться"),
        *("писать", "написать"),  # "на b2b@… писали в понедельник — ответа нет"
        # turning off what was unwanted: "отключила «Акции и скидки», от писем отписалась"
        *("отключить", "отключать", "отписаться", "отписываться"),
        # a check the customer made: "проверил, у всех статус «Получен»"
        *("проверить", "проверять"),
    }
)
# Getting through is what failed, not what was left untried: "на 8 800 не дозвонился".
TRIED_EVEN_NEGATED = frozenset({"дозвониться", "дозваниваться"})
ENGLISH_FIXES = frozenset(
    {
        *("reinstalled", "re-installed", "restarted", "rebooted", "cleared", "uninstalled"),
        *("relogged", "re-logged", "reconnected", "re-entered"),
        *("called", "phoned", "rang", "contacted", "emailed", "checked"),
        # turning off what was unwanted, as "отключила", "отписалась": "I switched SMS offers OFF"
        *("switched", "unsubscribed", "disabled"),
    }
)


# "мне звонил курьер", "нам звонили из банка": someone else did it, to the customer.
TO_THE_CUSTOMER = frozenset({"мне", "нам", "меня", "нас"})


def _fixed_by_customer(lower: str) -> bool:
    """A verb of fixing in the past that the customer did: no nominative noun before it in its
    clause that agrees with it to be someone else its subject ("мастер перезагрузил роутер", but
    "и приложение переустанавливала": the app is what was reinstalled), no "не" before it."""
    for clause in clauses(lower):
        words = WORD.findall(clause)
        if any(
            word in ENGLISH_FIXES and (index == 0 or words[index - 1] in ENGLISH_SUBJECTS)
            for index, word in enumerate(words)
        ):
            return True
        subjects: list[Subject] = []
        for index, word in enumerate(words):
            if word.isascii():
                continue
            reading = parses(word)[0]
            tag = reading.tag
            after_preposition = index > 0 and words[index - 1] in PREPOSITIONS
            if tag.POS == "NOUN" and "nomn" in tag and not after_preposition:
                if not (_may_be_object(word) and _object_of_a_verb_after(words, index)):
                    subjects.append((tag.gender, tag.number))
                continue
            if tag.POS == "NPRO" and "nomn" in tag and "1per" not in tag:
                break  # "вы мне вчера в чате писали": someone else did it
            negated = index > 0 and words[index - 1] == "не"
            negated = negated and reading.normal_form not in TRIED_EVEN_NEGATED
            told_done = tag.POS == "VERB" and "past" in tag  # not "в заказе написано"
            fixed = reading.normal_form in FIX_VERBS and told_done and not negated
            # "мне звонил курьер", "мне её отключили": done to the customer
            to_me = bool(TO_THE_CUSTOMER.intersection(words[max(0, index - 2) : index]))
            # "заказ я не тот написал": a fact written, no one written to
            wrote_a_fact = reading.normal_form in WRITING_VERBS and _names_a_fact(words)
            if fixed and not (to_me or wrote_a_fact) and not any(_agrees(tag, s) for s in subjects):
                return True
    return False


def _attempt_verb(lower: str) -> bool:
    words = WORD.findall(lower)
    for index, word in enumerate(words):
        if word.isascii() or (index > 0 and words[index - 1] == "не"):
            continue
        reading = parses(word)[0]
        if reading.normal_form in ATTEMPT_VERBS and "past" in reading.tag:
            return True
    return False


# Reading or seeing is what the customer did with the bot's own article: "это я уже читала, не
# помогает" is a verdict on it, not an attempt at a fix.
READING_VERBS = frozenset(
    {"читать", "прочитать", "прочесть", "перечитать", "смотреть", "посмотреть", "видеть"}
)


def _without_reading(lower: str) -> str:
    """The text with its verbs of reading left out."""
    return WORD.sub(
        lambda word: "" if lemma(word.group()) in READING_VERBS else word.group(),
        lower,
    )


def reports_attempt(text: str) -> bool:
    """The message reports an attempt at a fix: with a verb of trying in the past ("пробовала
    восстановить пароль — письмо не пришло"), with a verb of fixing ("переустанавливала", "I
    cleared the cache"), as something done followed by its failed result ("звонила в банк — не
    помогло", "logged out and in, same error") or with the problem still there after it
    (`_step_then_again`), or says that nothing was tried ("сама ничего не пробовала"). A problem
    told alone ("ввожу пароль, пишет ошибку") says what is wrong, not what was tried, and the
    question is still asked."""
    lower = folded(text)
    if ENGLISH_ATTEMPT.search(lower) or NOTHING_DONE.search(lower):
        return True
    if _attempt_verb(lower) or _fixed_by_customer(lower):
        return True
    if _step_then_nothing(lower) or _step_then_again(lower):
        return True
    if not FAILED_RESULT.search(lower):
        return False
    return tells_what_was_tried(_without_reading(lower)) or _names_a_fix(lower)


# The problem still there after a step, opening the piece after it: "жму «Оплатить» — снова
# E-500", "updated this morning, still 404".
AGAIN = re.compile(r"(?:снова|опять|вс[её] равно|still|again)\b")


def _step_then_again(lower: str) -> bool:
    """A step the customer took and, in the next piece, the problem still there (AGAIN)."""
    return any(
        AGAIN.match(result.strip()) and tells_what_was_tried(_without_reading(step))
        for _, step, result in _steps_and_results(lower)
    )


# A step and, after a dash, what it came to, in the negative: "ходила в пункт — там его нет",
# "звонила курьеру — трубку не берёт", "checked with the neighbours - nobody has it".
PIECES = re.compile(r"(\s[—–-]\s|[.!?;,\n])")
DASHES = frozenset({"—", "–", "-"})
NEGATIVE_RESULT = re.compile(
    r"\b(?:не|нет|нету|никто|ничего|тишина|глухо|безрезультатно|ноль|nobody|no one|nothing|not|no"
    r"|silence)\b"
)


def _step_then_nothing(lower: str) -> bool:
    """A step the customer took (`tells_what_was_tried`, told as done) and right after it, past
    a dash, its result in the negative: an attempt reported with its outcome."""
    return any(
        mark.strip() in DASHES
        and NEGATIVE_RESULT.search(result)
        and _done(step)
        and tells_what_was_tried(_without_reading(step))
        for mark, step, result in _steps_and_results(lower)
    )


def _steps_and_results(lower: str) -> Iterator[tuple[str, str, str]]:
    """Each piece of the text (cut at PIECES) with the mark after it and the piece that follows:
    a step, and what it came to."""
    pieces = PIECES.split(lower)
    for index in range(1, len(pieces) - 1, 2):
        yield pieces[index], pieces[index - 1], pieces[index + 1]


def _done(step: str) -> bool:
    """The step is told as done: a Russian verb in the past, or English (whose readers take only
    the verbs of trying). One told as it goes on is the problem ("нажимаю «Удалить аккаунт» —
    ничего не происходит")."""
    words = WORD.findall(step)
    russian = [word for word in words if not word.isascii()]
    return not russian or any("past" in parses(word)[0].tag for word in russian)


# A fix named by its noun, with its failed result: "Не помогло, переустановка тоже", "clearing the
# cache didn't help either".
FIX_NOUNS = frozenset(
    {"переустановка", "перезагрузка", "перезапуск", "очистка", "переподключение", "перелогин"}
)
ENGLISH_FIX_NOUNS = frozenset({"reinstalling", "reinstall", "restarting", "rebooting", "clearing"})


def _names_a_fix(lower: str) -> bool:
    words = WORD.findall(lower)
    return any(w in ENGLISH_FIX_NOUNS or lemma(w) in FIX_NOUNS for w in words)


def tried_in(texts: list[str]) -> str | None:
    """The latest of the customer's messages that reports an attempt (`reports_attempt`), so the
    handoff does not ask what was tried once more."""
    for text in reversed(texts):
        if not text.startswith("/") and reports_attempt(text):
            return text
    return None
