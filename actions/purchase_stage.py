"""Whether the customer has an order yet.

The form asks for the order number when the problem is about an order, a payment or a return. A
customer who writes before buying ("хотим закупить 15 мониторов, заказ пока не оформляли", "can you
engrave a name on the watch I'm buying?", "пытаюсь оплатить корзину подарочной картой") has no
number to give, and asking for one tells them they were not heard. Only a clear word of "not yet"
counts, and any word of an order that exists ("заказывала в пятницу", "my order", a number given)
outweighs it: when in doubt, the number is asked, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from actions.text_fold import folded
from actions.topic_words import BUYING_VERBS, ORDERING_VERBS
from bot.common.facts.lexicon import parses
from bot.common.word_list import listed
from bot.common.words import WORD

# Verbs of obtaining that mean an order wherever they stand, and those that mean one only next to
# the word "заказ" ("оформить заказ", but "оформить возврат", "заявку не оформить").
OBTAINING = (BUYING_VERBS | ORDERING_VERBS | frozenset({"закупить", "закупать"})) - {
    "оформить",
    "оформлять",
}
PLACING = frozenset({"оформить", "оформлять"})
# Choosing an item, said in the present by the customer: "присматриваю посудомойку", "выбираем
# холодильник": no order yet.
BROWSING = frozenset({"присматривать", "приглядывать", "выбирать", "подбирать", "рассматривать"})
ORDER_NOUNS = ("заказ", "покупк")
NEAR = 3
NEGATIONS = listed("не ни")
# Russian words that mean "not yet" before an order: "перед покупкой", "до оформления заказа",
# "заказа ещё нет", "прежде чем оформлять", "при оформлении".
BEFORE_ORDERING = re.compile(
    r"\b(?:перед|до) (?:покупк\w*|заказ\w*|оформлени\w*)\b|\bбез заказа\b|\bкорзин\w*"
    r"|\bзаказа (?:(?:еще|пока|у меня) )*нет\b|\bнет (?:(?:еще|пока) )*заказа\b"
    r"|\bпрежде чем (?:\w+ )?(?:оформ|заказ|покуп|купи)\w*"
    # at checkout, where the order is still being placed: "почему у меня при оформлении пропала
    # оплата при получении?" (not a return's or a request's placing)
    r"|\b(?:при|во время|на этапе) оформлени\w*(?! (?:возврат|заявк|обмен|рассрочк))"
)
# English: "before I order", "haven't ordered yet", "no order yet", "I'm buying", "want to buy",
# "thinking of ordering", "can I order".
ENGLISH_NOT_YET = re.compile(
    r"\b(?:before|prior to) (?:i |we )?(?:order|buy|purchas|plac|check)\w*"
    r"|\b(?:haven't|have not|didn't|did not|not|never) (?:yet )?"
    r"(?:order|bought|buy|purchas|plac)\w*"
    r"|\bno order\b|\b(?:i'm|i am|we're|we are) (?:buying|ordering|purchasing|choosing"
    r"|considering|looking at|shopping for|eyeing)\b"
    r"|\b(?:want|wanna|going|planning|plan|thinking|like|intend|hoping)\w* (?:to |of |on )?"
    r"(?:buy|order|purchas)\w*"
    r"|\b(?:can|could|may) (?:i|we) (?:order|buy|purchase)\b|\bin (?:my|the) (?:cart|basket)\b"
)
# An order that cannot be placed is not yet one: "it says the card is invalid, so I can't place my
# order" (its "my order" says nothing of an order that exists).
ENGLISH_CANNOT_ORDER = re.compile(
    r"\b(?:can't|cant|cannot|can not|unable to|couldn't|could not|won't let me|doesn't let me"
    r"|not able to) (?:\w+ ){0,2}(?:place|complete|finish|submit|make) "
    r"(?:my|the|an|this|our) order\b"
)
# An order that exists: "my order", "мой заказ", bought or received in the past.
ENGLISH_HAS_ORDER = re.compile(
    r"\b(?:my|our) (?:order|parcel|package|delivery)\b|\border (?:#|no|number)"
    r"|\b(?<!not )(?<!never )(?<!n't )(?<!yet )(?:bought|ordered|purchased|received|delivered"
    r"|arrived)\b"
)
# Something that comes by itself, not in a parcel: "промокод мне в рассылке пришёл", "код не
# приходит", "деньги пришли". Beside one of these, a verb of arrival says nothing of an order.
NOT_A_PARCEL = re.compile(
    r"\b(?:\w*код\w*|письм\w*|рассылк\w*|смс\w*|sms|уведомлени\w*|сообщени\w*|ссылк\w*"
    r"|деньг\w*|денег|возврат\w*|чек\w*|баллы|бонус\w*)\b"
)
ARRIVAL = re.compile(r"\b(?:пришл\w*|пришел)\b")
ARRIVAL_NEAR = 4
RUSSIAN_HAS_ORDER = re.compile(
    r"\b(?:мо[йеи]\w*|наш\w*|этот|этого|номер\w*) заказ\w*|\bзаказ (?:№|#|номер)"
    r"|\b(?:привез\w*|доставил\w*|получил\w*|курьер\w*|посылк\w*)"
    # an order paid, cancelled or placed again exists: "отменить уже оплаченный заказ и
    # оформить его заново"
    r"|\b(?:оплаченн|оформленн)\w* заказ|\bотмен\w* (?:\w+ ){0,2}заказ|\b(?:заново|повторно)\b"
    # an order with a status: "а заказ уже «Передан в доставку»"
    r"|\bзаказ\w* (?:\w+ ){0,2}(?:«|\"|передан|собран|доставлен|отправлен|в пути)"
)

# A clause that says only that nothing was bought yet: "haven't bought anything yet", "я пока
# ничего не заказывал", "заказ ещё не оформляла". It tells the order's stage, not a problem.
NOTHING_BOUGHT = re.compile(
    r"\b(?:i )?(?:haven['’]t|have not|didn['’]t|did not|not) (?:yet )?"
    r"(?:bought|ordered|purchased)(?: (?:anything|it|one|them))?(?: yet)?\b"
    r"|\bnothing (?:bought|ordered) yet\b"
    r"|\b(?:я )?(?:(?:пока|ещ[её]) )*"
    r"(?:ничего (?:(?:пока|ещ[её]) )*не|не (?:(?:пока|ещ[её]) )*ничего)"
    r" (?:заказ|купи|покупа)\w*(?: (?:пока|ещ[её]))*"
    r"|\b(?:я )?(?:пока|ещ[её]) не (?:заказыва|заказа|купи|покупа)\w*(?: (?:ничего|пока|ещ[её]))*"
    r"|\bзаказ (?:(?:пока|ещ[её]) )*не (?:оформля|оформи)\w*(?: (?:пока|ещ[её]))*",
    re.IGNORECASE,
)


def without_the_stage(text: str) -> str:
    """The text with its words that nothing was bought yet (NOTHING_BOUGHT) taken out; the rest
    keeps its case, which the name reader needs."""
    return NOTHING_BOUGHT.sub(" ", text)


def _russian_stage(text: str) -> tuple[bool, bool]:
    """(says not yet, says an order exists) by the verbs of obtaining: negated or in the
    infinitive or the future ("пока не оформляли", "хочу купить", "закажу") is not yet; in the
    past ("купила", "оформленный") is an order that exists. Choosing in the present
    (BROWSING: "присматриваю") is not yet."""
    not_yet = has_order = False
    words = WORD.findall(text)
    for position, word in enumerate(words):
        if word.isascii():
            continue
        reading = parses(word)[0]
        if reading.normal_form in BROWSING and {"pres", "1per"} <= set(reading.tag.grammemes):
            not_yet = True
            continue
        near = words[max(0, position - NEAR) : position + NEAR + 1]
        placing = reading.normal_form in PLACING and any(w.startswith(ORDER_NOUNS) for w in near)
        if reading.normal_form not in OBTAINING and not placing:
            continue
        negated = bool(NEGATIONS & set(words[max(0, position - 2) : position]))
        if negated or reading.tag.POS == "INFN" or "futr" in reading.tag:
            not_yet = True
        elif "past" in reading.tag:
            has_order = True
    return not_yet, has_order


def _parcel_arrived(text: str) -> bool:
    """A verb of arrival ("пришёл", "пришла") with no code, letter or money near it: a parcel
    that came is an order that exists."""
    words = WORD.findall(text)
    for position, word in enumerate(words):
        if not ARRIVAL.fullmatch(word):
            continue
        near = " ".join(words[max(0, position - ARRIVAL_NEAR) : position + ARRIVAL_NEAR + 1])
        if not NOT_A_PARCEL.search(near):
            return True
    return False


def before_any_order(texts: Iterable[str]) -> bool:
    """The customer's messages say they have not ordered yet, and none says an order exists."""
    not_yet = has_order = False
    for text in texts:
        lowered = folded(text)
        russian_not_yet, russian_has_order = _russian_stage(lowered)
        not_yet = not_yet or russian_not_yet or bool(BEFORE_ORDERING.search(lowered))
        not_yet = not_yet or bool(ENGLISH_NOT_YET.search(lowered))
        not_yet = not_yet or bool(ENGLISH_CANNOT_ORDER.search(lowered))
        has_order = has_order or russian_has_order or bool(RUSSIAN_HAS_ORDER.search(lowered))
        has_order = has_order or _parcel_arrived(lowered)
        placed = ENGLISH_CANNOT_ORDER.sub(" ", lowered)
        has_order = has_order or bool(ENGLISH_HAS_ORDER.search(placed))
    return not_yet and not has_order
