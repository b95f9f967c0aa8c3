"""What a form answer says besides facts: "skip this question" or "stop, I changed my mind"; or
that it is about the form rather than an answer: why a fact is asked, how the handoff goes, a
fact being looked up.

Checked on the answer's words, not by the intent classifier: inside a form every message is an
answer. Two strengths:

- whole answers ("отмена", "не знаю", "skip"): the answer is nothing but the phrase;
- phrases inside a sentence ("ой, уже не надо, передумала", "nevermind, found it myself",
  "номера заказа у меня нет под рукой", "понятия не имею, какая там версия", "there's no order
  number"). A phrase is chosen
  so that it cannot be part of a problem description: "отмена заказа не проходит" and "передумала
  покупать, как вернуть?" are problems, not a change of mind, and never match.

The form decides where the in-sentence phrases count (actions/handoff_form.py): a sentence that
cancels is taken at a question about a fact (a name, a contact, a number), where nobody writes a
sentence for any other reason, and only when short where a description is expected; a phrase
that calls off the request itself ("давайте отменим, я потом сам позвоню") counts anywhere.
"""

from __future__ import annotations

import re
from typing import Any

from actions.text_fold import folded
from bot.common.facts.lexicon import parses
from bot.common.sentences import clauses

SKIP_PHRASES = frozenset(
    {
        "не знаю",
        "незнаю",
        "не помню",
        "не знаю номер",
        "нет номера",
        "номера нет",
        "не могу найти",
        "нет",
        "нету",
        "пропустить",
        "пропусти",
        "пропустим",
        "дальше",
        "skip",
        "skip it",
        "next",
        "don't know",
        "dont know",
        "i don't know",
        "i dont know",
        "i don't know it",
        "no idea",
        "not sure",
        "don't have it",
        "i don't have it",
        "n/a",
        "na",
        "no",
        "-",
    }
)
CANCEL_PHRASES = frozenset(
    {
        "отмена",
        "отменить",
        "отмени",
        "отбой",
        "стоп",
        "не надо",
        "не нужно",
        "нет не надо",
        "не надо спасибо",
        "передумал",
        "передумала",
        "я передумал",
        "я передумала",
        "cancel",
        "cancel it",
        "stop",
        "no thanks",
        "no thank you",
        "never mind",
        "nevermind",
        "forget it",
        "i changed my mind",
        "changed my mind",
    }
)
# "I don't know" / "not to hand" inside a sentence, for the optional questions (order number, app
# version): "номера заказа у меня нет под рукой", "понятия не имею, какая там версия".
SKIP_IN_SENTENCE = re.compile(
    r"\b(?:не знаю|незнаю|не помню|не могу найти|не нашл[аи]?|не нашел|понятия не имею"
    r"|без понятия|не в курсе|не уверен[аы]?|нет под рукой|под рукой нет|нет с собой"
    r"|(?:номера|версии) (?:у меня )?(?:пока |еще |сейчас )?нет|нет (?:у меня )?(?:пока |еще )?"
    r"(?:номера|версии)|не вижу|не знаю какая|не сохранил[аи]?|не записал[аи]?"
    r"|заказ (?:еще |пока )?не оформлен|заказа (?:еще|пока) нет"
    r"|^заказа (?:у меня )?(?:и )?нет|нет (?:никакого )?заказа"
    r"|(?:заказ|он) (?:так и |еще |пока )?не (?:оформился|оформлен|создался|прошел)"
    r"|заказ (?:еще |пока )?не оформлял[аи]?|не оформлял[аи]? (?:еще |пока )?заказ"
    r"|потерял[аи]? (?:номер|письмо)|(?:номер|письмо) потерял[аи]?|не могу (?:сейчас |пока )найти"
    r"|еще не (?:оформил|сделал|оплатил)[аи]? заказ"
    r"|пропусти(?:ть|м)?|пропускаем|пропускайте"
    r"|давайте (?:\w+(?:-\w+)? )?без (?:него|нее|номера|версии)"
    # a version the customer cannot have: the problem is on the website
    r"|(?:это )?не в приложении|(?:это )?на сайте,? (?:а )?не в приложении"
    r"|(?:это )?не приложение,? а сайт)\b"
    r"|\b(?:i )?(?:don't|dont|do not) (?:know|remember|have (?:it|one|(?:the |an |my )?"
    r"(?:order )?(?:number|version)))\b"
    r"|\b(?:no idea|not sure|no clue|dunno|idk|can't find|cannot find|can't remember|skip(?: it)?"
    r"|not (?:to|at) hand|haven't got (?:it|one)|not on me|not with me"
    r"|(?:there's|there is|there isn't|i have) no (?:order )?(?:number|version)"
    r"|no order (?:yet|so far)|(?:haven't|have not|didn't) (?:placed|made|place|make) "
    r"(?:it|an order|the order|one) yet|no (?:order )?number (?:yet|so far)"
    r"|(?:haven't|have not|didn't) (?:ordered|order) (?:it |anything )?yet"
    r"|lost (?:the |my )?(?:order )?(?:number|email|confirmation)"
    r"|not (?:in )?the app|(?:it's|its|it is) (?:on )?the (?:web ?site|site)"
    # going on without it: "can we just carry on without the order number"
    r"|(?:carry on|go on|continue|proceed|move on|go ahead|do it|manage) without (?:it|one"
    r"|(?:the |an? |my )?(?:order )?(?:number|version)))\b"
)
# A change of mind inside a sentence. "передумал(а)" followed by a verb ("передумала покупать")
# is about the purchase, not about the person.
CANCEL_IN_SENTENCE = re.compile(
    r"\bпередумал[аи]?\b(?!\s+[а-я]+(?:ть|ться|тись)\b)"
    r"|\b(?:уже|больше|теперь) не (?:надо|нужно|требуется|актуально)\b"
    r"|\bне (?:надо|нужно|нужен|нужна) (?:уже|больше)\b"
    r"|\bне (?:надо|нужно|нужен|нужна) (?:никого|оператор\w*|специалист\w*|человек\w*"
    r"|сотрудник\w*|менеджер\w*)"
    r"|\b(?:не надо|не нужно) (?:никого |ничего )?(?:звать|передавать|подключать|соединять"
    r"|переключать|оформлять\b(?! (?:заново|снова|повторно|еще)))\b"
    r"|\b(?:отмените|отменяю|отмени|отменить|отмена) (?:обращени\w+|заявк\w+|передач\w+"
    r"|запрос\w*|вызов\w*)"
    r"|\bсам[аи]? (?:разобрал(?:ся|ась|ись)|разберусь|нашл[аи]|нашел|справил(?:ся|ась|ись))\b"
    r"|\b(?:разберусь|справлюсь) сам[аи]?\b|\bотбой\b|\b(?:уже )?неактуально\b"
    r"|^(?:(?:ладно|ну|ой|а|не|нет|все|спасибо) ){0,3}(?:не надо|не нужно)(?: ничего| уже| больше"
    r"| спасибо| никого)*$"
    r"|^(?:ой |а |ну )?(?:все )?(?:уже )?(?:разобрал(?:ся|ась|ись)|справил(?:ся|ась|ись))\b"
    r"|\bуже (?:разобрал(?:ся|ась|ись)|нашл[аи]|нашел|справил(?:ся|ась|ись))\b"
    r"|\b(?:вопрос|проблема) (?:уже )?(?:решен[аы]?|решился|решилась|снят)\b"
    r"|\bвсе (?:уже )?(?:решилось|получилось|заработало|нашлось)\b"
    r"|\bnever ?mind\b|\bforget (?:it|about it)\b|\bchanged my mind\b"
    r"|\b(?:don't|dont|do not) need (?:a |an |the |any )?(?:person|agent|human|specialist"
    r"|operator|anyone|anybody|help|it)(?: anymore| any more| now)?\b"
    r"|\bno (?:longer )?need(?:ed)? (?:anymore|any more|for (?:a |an )?(?:person|agent|human"
    r"|specialist|operator))\b"
    r"|\b(?:found|figured|sorted|worked) (?:it )?(?:out )?(?:myself|on my own)\b"
    r"|\bfigured it out\b|\b(?:it's|its|all) (?:fine|sorted|solved|resolved|good) now\b"
    r"|\bleave it\b|\b(?:don't|dont) bother\b(?! (?:the|my|your|him|her|them|with))"
    r"|\b(?:i'm|im|i am) (?:fine|ok|okay|good) now\b"
    r"|\b(?:i'll|ill|i will) (?:sort|figure) (?:it|this) out(?: myself| on my own)?\b"
    r"|\b(?:i'll|ill|i will) (?:sort|figure|manage|handle) (?:(?:it|this) )?(?:myself|on my own)\b"
    r"|\bcancel (?:the |this |my )?(?:request|handoff|transfer|chat|it)\b"
    r"|^(?:а |ну |ой )?все (?:уже )?(?:не надо|не нужно)(?=$| спасибо| уже| больше| сам| я )"
    # "так что ничего не надо" (not "ничего не надо обновлять"), "а, стоп, ..."
    r"|\bничего (?:уже |больше |теперь )?не (?:надо|нужно)\b(?!\s+[а-я]+(?:ть|ться|ти)\b)"
    r"|^(?:а |ой |ну )?стоп(?![\w-])"
)
# Calling off the request itself, never part of a problem description: counts at any question
# and at any length ("слушайте, давайте отменим, я потом сам позвоню").
CANCEL_REQUEST = re.compile(
    r"\bдавайте (?:все |это |тогда )?(?:отменим|не будем|отбой)\b"
    r"(?! (?:заказ|покупк|оплат|доставк))"
    r"|\bпотом сам[аи]? (?:позвоню|напишу|свяжусь|разберусь)\b"
    r"|\b(?:пока )?сам[аи]? попробую\b|\bпопробую (?:пока )?сам[аи]?\b"
    r"|\bесли что,? (?:напишу|обращусь|вернусь)|\bнапишу (?:вам )?(?:снова|позже|еще раз)\b"
    # doing it themselves instead: "ладно, попробую поменять в приложении", "actually no, I'll
    # just try changing it in the app" (not "когда попробую войти, пишет ошибку")
    r"|^(?:(?:ладно|хорошо|ок|окей|ой|нет|тогда|ну|а) ){1,3}(?:я )?"
    r"(?:(?:пока|лучше|тогда|просто|сам|сама|сначала) )*попробую\b"
    r"|\b(?:i'll|ill|i will|let me) (?:just |first )?try (?:it |that |this )?"
    r"(?:myself|on my own|[a-z]+(?<!th)ing)\b"
    r"|\b(?:i'll|ill|i will) (?:write|come back|get back|message you) (?:again |back )?later\b"
    r"|\b(?:не надо|не нужно) (?:никого |ничего )?(?:звать|передавать|подключать|соединять"
    r"|переключать|оформлять\b(?! (?:заново|снова|повторно|еще)))\b"
    r"|\b(?:отмените|отменяю|отменяйте) (?:обращени\w+|заявк\w+|передач\w+|запрос\w*|вызов\w*)"
    r"|\b(?:don't|dont|do not|no need to) (?:connect|transfer|pass it on|put me through)\b"
    r"|\bcancel (?:the |this |my )?(?:request|handoff|transfer)\b"
    r"|\bобойдусь\b|\bне буду (?:никого |вас )?(?:беспокоить|отвлекать|дергать)\b"
    r"|\b(?:not needed|no longer needed)\b|\bfalse alarm\b|\bscratch that\b"
    r"|\bignore (?:that|me|my (?:last )?message)\b"
)

# Words that mean "go on with the handoff": after a change of mind, in the same message
# ("Стоп, отмените… а, нет, вижу, номер ¶, оформляйте дальше") or the next one.
GO_ON = re.compile(
    r"\b(?:продолжайте|продолжим|продолжить|продолжаем|оформляйте|оформите|оформить|передавайте"
    r"|давайте\s+(?:все[- ]?таки|все же)"
    r"|все[- ]?таки\s+(?:давайте|передайте|оформите|нужен|нужна|надо|нужно)"
    r"|continue|carry on|go ahead|go on|proceed)\b"
)
NOT_GO_ON = re.compile(
    r"\b(?:не|don't|dont|do not|no need to)\s+(?:\w+\s+)?(?:продолж|оформ"
    r"|передав|continue|carry|go|proceed)"
)


# A part of the answer between punctuation marks that is nothing but a change of mind, once the
# fillers around it are dropped: "ой, наверное, не надо, может, она ещё едет", "а, ладно, забейте,
# сам спрошу", "oh never mind, my wife used them". No problem description has such a part alone.
CANCEL_CLAUSES = frozenset(
    {
        *("не надо", "не нужно", "уже не надо", "уже не нужно", "не надо уже", "не нужно уже"),
        *("забейте", "забей", "отбой", "отмена", "неактуально", "не актуально", "передумал"),
        *("передумала", "never mind", "nevermind", "forget it", "forget about it", "no need"),
        *("not needed", "cancel that", "cancel", "cancel this", "проехали", "забудьте", "неважно"),
        *("не важно", "обойдусь", "отменяем", "отменим", "закрывайте", "можно закрывать"),
        *("scratch that", "ignore that", "ignore me", "false alarm", "all sorted", "i'm good"),
        *("im good", "i'm ok", "i'm fine", "it's ok now", "it's fine now", "all good"),
        *("don't worry about it", "not needed anymore", "no longer needed", "not needed any more"),
        *("не надо ничего", "ничего не надо", "не нужно ничего", "ничего не нужно", "отменяйте"),
    }
)
CLAUSE_FILLERS = frozenset(
    {
        *("ой", "ну", "а", "ладно", "наверное", "пожалуй", "тогда", "пока", "нет", "все"),
        *("знаете", "слушайте", "впрочем", "может", "хотя", "спасибо", "извините", "простите"),
        *("oh", "ok", "okay", "well", "hmm", "hm", "actually", "no", "nah", "ah", "uh", "um"),
        *("thanks", "sorry", "then", "please", "пусть", "wait", "thank you"),
    }
)
_CLAUSE_BREAK = re.compile(r"[,.;:!?()«»\"—–…\n]+|\s-\s")


def _cancel_clauses(text: str) -> list[str]:
    """The parts of the answer, between punctuation, that are only a change of mind
    (CANCEL_CLAUSES), their fillers dropped."""
    found = []
    for clause in _CLAUSE_BREAK.split(folded(text)):
        words = clause.split()
        while words and " ".join(words) not in CANCEL_CLAUSES and words[0] in CLAUSE_FILLERS:
            words.pop(0)  # "no need": "no" is a filler only where it is not the phrase
        while words and " ".join(words) not in CANCEL_CLAUSES and words[-1] in CLAUSE_FILLERS:
            words.pop()
        if " ".join(words) in CANCEL_CLAUSES:
            found.append(" ".join(words))
    return found


def plain(text: str) -> str:
    """Lowercase, ё as е, punctuation around words dropped ("Отмена!" → "отмена")."""
    text = folded(text)
    return " ".join(re.sub(r"[^\w\s'/-]", " ", text).split()).strip(" -") or text.strip()


def means_skip(text: str) -> bool:
    """The whole answer is "skip" / "не знаю"."""
    return plain(text) in SKIP_PHRASES


# Asking whether the question may be skipped is a skip, not a question for the help center: "can
# we skip the order number for now?", "а можно без номера?", "можно пропустить?"
ASKS_TO_SKIP = re.compile(
    r"\b(?:can|could|may) (?:we|i|you) (?:just )?(?:skip|do without|go without|leave out|pass on)"
    r" (?:it|this(?: one| question)?|that"
    r"|(?:the |an? |my )?(?:order )?(?:number|version|question))\b"
    r"|\bможно (?:ли |и |пока |как-нибудь )?(?:без (?:него|нее|номера|версии)|пропустить)\b"
    r"|\bдавайте (?:\w+ )?без (?:него|нее|номера|версии)\b"  # "давайте без него, найдёте?"
)


def asks_to_skip(text: str) -> bool:
    """The question asked is whether this one may be skipped (ASKS_TO_SKIP)."""
    return bool(ASKS_TO_SKIP.search(plain(text)))


def skips_in_sentence(text: str) -> bool:
    """The answer says it has no answer: a whole skip phrase, or one inside a sentence."""
    return means_skip(text) or bool(SKIP_IN_SENTENCE.search(plain(text)))


# Read by their base forms (pymorphy3), in any word order: the fact asked for does not exist.
# "номера заказа нет", "у меня нет номера", "версии нету": a fact's noun in the genitive, heading
# its phrase, with "нет" in its clause ("в моих заказах его нет" is about an order that exists);
# "он же не оформился", "заказ так и не создали": the order was never made. Where the question
# asks for the fact it answers it; elsewhere it may well be the problem ("the order never went
# through"), so it is no skip phrase of its own.
FACT_NOUNS = frozenset({"номер", "заказ", "версия"})
ABSENT = frozenset({"нет", "нету"})
NEVER_MADE = frozenset({"оформить", "оформиться", "создать", "создаться"})
# Words that may stand between "не" and its verb: "так и не", "же не", "ещё не".
BETWEEN_NEGATION = frozenset(
    {"так", "и", "же", "еще", "пока", "вообще", "даже", "ведь", "сейчас", "точно", "сразу", "я"}
)


# The same in English: "there's no order", "I have no number", "the order never went through";
# and a fact that cannot be looked up now: "can't check, don't have my phone on me".
ENGLISH_DENIAL = re.compile(
    r"\bno (?:order|number|version)\b"
    r"|\b(?:order|it) (?:was |has |had )?(?:never|not|wasn't|hasn't|didn't) (?:been )?"
    r"(?:(?:went|go|gone) through|placed|created|made|processed)\b"
    r"|(?:^|[^\w\s']\s*|\bi (?:just |really )?)(?:can't|cant|cannot|can not|couldn't|unable to)"
    r" (?:\w+ )?(?:check|look|see|tell|say|find|get to|access|open)\b"
    r"|\b(?:don't|dont|do not|haven't|have not)(?: got| have)? (?:it|one|my \w+|the \w+)"
    r" (?:on|with|near) me\b|\b(?:isn't|is not|not) (?:on|with|near) me\b"
    # "no idea what version it is", "I'm away from my phone right now"
    r"|\bno idea (?:what|which) (?:\w+ )?(?:version|order|number)\b"
    r"|\baway from (?:my|the) (?:phone|computer|laptop)\b"
)
# A fact the customer cannot give now, read by base forms: a negated verb of knowing, telling,
# finding or looking in the first person ("версию не подскажу", "не могу посмотреть", "номер не
# запомнила"); the third person is the problem ("приложение не видит карту").
CANNOT_TELL = frozenset(
    {
        *("знать", "помнить", "вспомнить", "запомнить", "подсказать", "сказать", "назвать"),
        *("найти", "видеть", "увидеть", "посмотреть", "смотреть", "проверить", "глянуть"),
        *("уточнить", "открыть"),
    }
)
MODALS = frozenset({"мочь", "смочь"})
# The thing to look it up on is not to hand: "телефон сейчас не со мной", "телефона рядом нет".
NOT_AT_HAND = re.compile(
    r"\b(?:не|нет|нету)(?: \w+)? (?:с собой|со мной|под рукой|рядом)\b"
    r"|\b(?:с собой|со мной|под рукой|рядом)(?: \w+)? (?:нет|нету)\b"
)


def _cannot_tell(words: list[str], readings: list[Any], after: int) -> bool:
    """The words after a "не" (its fillers skipped) are a verb of CANNOT_TELL said by the
    customer: in the first person, in the past with no person named before, or after "не могу"."""
    if after < len(words) and readings[after].normal_form in MODALS:
        if "1per" not in readings[after].tag:
            return False
        after += 1
        while after < len(words) and words[after] in BETWEEN_NEGATION:
            after += 1
        return after < len(words) and readings[after].normal_form in CANNOT_TELL
    if after >= len(words) or readings[after].normal_form not in CANNOT_TELL:
        return False
    tag = readings[after].tag
    # someone else named before it did it: "курьер не нашёл адрес"
    person_before = any({"NOUN", "anim", "nomn"} <= set(r.tag.grammemes) for r in readings[:after])
    return "1per" in tag or ("past" in tag and "sing" in tag and not person_before)


def _absent_fact(readings: list[Any], index: int) -> bool:
    """A fact's noun in the genitive that no noun before it governs: "номера (заказа) нет"."""
    reading = readings[index]
    heads = index == 0 or readings[index - 1].tag.POS != "NOUN"
    return reading.normal_form in FACT_NOUNS and "gent" in reading.tag and heads


def denies_fact(text: str) -> bool:
    """A clause says that there is no order number or version, that the order was never made,
    or that the customer cannot tell it now (`_cannot_tell`, NOT_AT_HAND)."""
    if ENGLISH_DENIAL.search(folded(text)):
        return True
    for clause in clauses(folded(text)):
        words = re.findall(r"[а-я]+(?:-[а-я]+)*", clause)
        if NOT_AT_HAND.search(" ".join(words)):
            return True
        readings = [parses(word)[0] for word in words]
        lemmas = [reading.normal_form for reading in readings]
        if ABSENT & set(words) and any(
            _absent_fact(readings, index) for index in range(len(readings))
        ):
            return True
        for index, word in enumerate(words):
            if word != "не":
                continue
            after = index + 1
            while after < len(words) and words[after] in BETWEEN_NEGATION:
                after += 1
            if after < len(words) and lemmas[after] in NEVER_MADE:
                return True
            if _cannot_tell(words, readings, after):
                return True
    return False


CALLING_OFF = (CANCEL_IN_SENTENCE, CANCEL_REQUEST)
LATER = re.compile(r" (?:потом|позже|later)\b")  # "давайте отменим, продолжим потом"


def means_cancel(text: str) -> bool:
    """The whole answer is "отмена" / "cancel"."""
    return plain(text) in CANCEL_PHRASES


def cancels_in_sentence(text: str) -> bool:
    """The answer calls the handoff off: a whole cancel phrase, or one inside a sentence."""
    return means_cancel(text) or bool(CANCEL_IN_SENTENCE.search(plain(text)))


def takes_back_cancel(text: str) -> bool:
    """A change of mind taken back later in the same message: "Стоп, отмените, я сначала сама в
    заказе посмотрю… а, нет, вижу, номер ¶, оформляйте дальше" goes on with the handoff."""
    lowered = plain(text)
    called_off = [m.start() for rule in CALLING_OFF for m in rule.finditer(lowered)]
    # "а хотя ладно, отмена… нет, всё-таки надо, оформляйте": a change of mind as a part alone
    found = (lowered.find(clause) for clause in _cancel_clauses(text))
    called_off += [start for start in found if start >= 0]
    going_on = [m.start() for m in GO_ON.finditer(lowered) if not LATER.match(lowered, m.end())]
    if not called_off or not going_on or max(going_on) < max(called_off):
        return False
    return not NOT_GO_ON.search(lowered, max(called_off))


# Taking back what was just said, not the request: "g.oneill@… — actually no, scratch that, call
# me on ¶ instead" gives the fact again in the same message.
TAKING_BACK_WORDS = re.compile(
    r"\bscratch that\b|\bignore (?:that|my last message)\b|\bзабудьте\b|\bне т(?:от|у|о)\b"
)


def takes_back_words(text: str) -> bool:
    """The message takes back something said (TAKING_BACK_WORDS); with a new fact beside it, it
    corrects rather than calls off."""
    return bool(TAKING_BACK_WORDS.search(plain(text)))


def cancels_request(text: str) -> bool:
    """The answer calls off the request for a person itself, in words no problem would use."""
    return bool(CANCEL_REQUEST.search(plain(text))) or bool(_cancel_clauses(text))


# The customer asks why a fact is asked, or whether it must be given: "а зачем вам мои
# контакты?", "для чего вам номер заказа?", "почему вы спрашиваете?", "это обязательно?", "why do
# you need that?", "what do you need my phone for?", "is that necessary?". A "why" about what
# happened ("почему не приходит код?") names neither the asker nor the need, and is a question.
WHY_ASKED = re.compile(
    r"\b(?:зачем|для чего|с какой целью|почему|нафига)\s+(?:\w+\s+)?(?:вам|тебе|это нужно"
    r"|это надо|вы спрашиваете|вы просите|спрашиваете|нужен|нужна|нужны|нужно знать)\b"
    r"|^(?:а\s+)?(?:зачем|для чего|why|what for)(?:\s+(?:это|that|this|it))?[\s?!.]*$"
    r"|\bобязательно\b[^.!?]*\?|\bобязательно ли\b"
    r"|\bwhy (?:do|would|does|should) (?:you|u|i) (?:need|want|ask|have to|give|share|tell)\b"
    r"|\bwhat (?:do|would) (?:you|u) (?:need|want) (?:it|that|this|my \w+)(?: \w+)? for\b"
    r"|\bwhat for\b|\b(?:is|do i) (?:that|this|it) (?:necessary|required|mandatory|needed)\b"
    r"|\bdo i (?:have|need) to (?:give|share|tell|provide)\b"
)


def asks_why_asked(text: str) -> bool:
    """The answer asks why the question is asked, or whether it must be answered."""
    return bool(WHY_ASKED.search(folded(text).strip()))


# The customer asks where to find the fact asked: "где его посмотреть?", "а где это найти?",
# "where do I even find that?", "how do I check it?". The help center tells where.
WHERE_TO_FIND = re.compile(
    r"\bгде (?:\w+ ){0,2}(?:посмотреть|смотреть|найти|искать|взять|узнать|глянуть|увидеть)\b"
    r"|\bкак (?:\w+ )?(?:посмотреть|узнать|найти|проверить)\b[^.!?]*\?"
    r"|\bwhere (?:do|can|would|should|will) i (?:\w+ )?(?:find|see|get|look|check)\b"
    r"|\bwhere(?:'s| is) (?:it|that|this)\b"
    r"|\bhow (?:do|can|would) i (?:\w+ )?(?:find|see|check|look up) (?:it|that|this|out)\b"
)


def asks_where_to_find(text: str) -> bool:
    """The answer asks where to find the fact asked (WHERE_TO_FIND)."""
    return bool(WHERE_TO_FIND.search(folded(text)))


# The customer asks how the handoff itself goes: "а когда мне ответят?", "а долго ждать ответа?",
# "позвонят или напишут?",
# "вы точно передадите?", "how long will it take?", "will a real person read this?" (not how long
# something else takes: "how long will it take to get my refund?").
ABOUT_HANDOFF = re.compile(
    r"\bкогда (?:\w+ )?(?:ответят|ответите|свяжутся|свяжетесь|позвонят|напишут|перезвонят)\b"
    r"|\b(?:позвонят|позвоните|перезвонят) или (?:напишут|напишете)\b"
    r"|\b(?:напишут|напишете) или (?:позвонят|позвоните)\b|\bкак (?:со мной )?свяжутся\b"
    r"|\b(?:сколько|долго|как долго)(?: ли)? (?:мне |вас |еще )?ждать(?: ответа| специалиста"
    r"| оператора)?[?!.\s]*$|\bскоро (?:ли )?(?:мне )?(?:ответят|свяжутся|позвонят|напишут)\b"
    r"|\b(?:вы )?точно передадите\b"
    r"|\bкто (?:мне )?ответит\b"
    r"|\bhow long (?:will|does|would) (?:it|this|that) take\b(?!\s+(?:to|for)\b)"
    r"|\bhow long (?:do|will) i (?:have to )?wait\b|\bhow long is the wait\b"
    r"|\bhow soon (?:will|can|would) (?:someone|somebody|they|you|an agent|a person|i)\b"
    r"|\bwhen will (?:someone|somebody|they|you|an agent|a person|i) (?:get back|reply|answer"
    r"|contact|call|hear|write)\b"
    r"|\bwill (?:someone|somebody|a (?:real )?person|a human|an agent|they) (?:actually |really )?"
    r"(?:read|see|reply|call|email|contact|get back)\b"
    r"|\bwill (?:you|they) call (?:me )?or (?:email|text|write)\b"
)
# The customer is looking the fact up: "извините, сейчас найду номер", "one sec, let me check"
# ("сейчас не найду" is the opposite: it cannot be found now).
LOOKING_UP = re.compile(
    r"\b(?:сейчас|щас) (?:(?!не )\w+ )?"
    r"(?:найду|посмотрю|поищу|гляну|проверю|скажу|напишу|скину|пришлю)\b"
    r"|\bминут(?:к|очк)у\b|\bсекунд(?:у|очку)\b|\bподождите\b"
    r"|\bone (?:sec|second|moment|min|minute)\b|\bhold on\b|\blet me (?:check|find|look)\b"
    r"|\b(?:give me|just) a (?:sec|second|minute|moment)\b"
)


def asks_about_handoff(text: str) -> bool:
    """The answer asks how or when the person brought in will answer."""
    return bool(ABOUT_HANDOFF.search(folded(text).strip()))


def looks_it_up(text: str) -> bool:
    """The answer says the fact is being looked up."""
    return bool(LOOKING_UP.search(folded(text)))
