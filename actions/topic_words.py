"""Words that name a support topic, in both languages: one vocabulary for every reader of topics.

Russian words are matched by their stem (a word starting with one: "доставк" is "доставка",
"доставки", "доставкой"); English words whole, with an "s", "ed" or "ing" ending allowed
("refunds", "charged"), since English stems as short as "app" or "sign" start too many other
words ("apple", "signal").
"""

from __future__ import annotations

import re
from typing import Literal

from actions.text_fold import folded

Topic = Literal["order", "delivery", "payment", "account", "app", "return"]
TOPIC_WORDS: dict[Topic, tuple[tuple[str, ...], frozenset[str]]] = {
    "order": (
        ("заказ", "покупк"),
        frozenset({"order", "purchase"}),
    ),
    "delivery": (
        ("доставк", "доставил", "доставят", "привез", "курьер", "посылк"),
        frozenset({"delivery", "deliver", "parcel", "courier", "package", "shipment", "ship"}),
    ),
    "payment": (
        # a promo code, a discount or bonuses change what an order costs: its number is asked
        ("оплат", "платеж", "списал", "списыва", "списани", "заплатил", "карт", "промокод"),
        frozenset({"payment", "pay", "paid", "charge", "card", "promo", "discount", "coupon"}),
    ),
    "account": (
        ("аккаунт", "вход", "войти", "кабинет", "профил", "логин", "парол"),
        frozenset({"account", "login", "log", "logged", "logging", "sign", "profile", "password"}),
    ),
    "app": (
        ("приложени", "сайт", "ошибк", "вылета", "зависа", "глючит", "уведомлени"),
        frozenset(
            {
                *("app", "application", "site", "website", "error", "crash", "freeze"),
                *("frozen", "notification"),
            }
        ),
    ),
    "return": (
        ("возврат", "вернуть", "верните", "вернули", "вернул", "обмен"),
        frozenset({"return", "refund", "exchange"}),
    ),
}
# Verbs of getting an item from the shop, by their base form: buying ("купленный", "покупал")
# and ordering ("оформила", "заказывал"). Several readers need them: the topic of a problem about
# something bought, an opener that only says where the item came from, a purchase that is no
# attempt at a fix.
BUYING_VERBS = frozenset({"купить", "покупать", "приобрести", "приобретать"})
ORDERING_VERBS = frozenset({"заказать", "заказывать", "оформить", "оформлять"})
_WORD = re.compile(r"[^\W\d_]+")
_ENDINGS = ("s", "es", "ed", "d", "ing")


def words(text: str) -> list[str]:
    """The letters-only words of `text`, lower-case, "ё" read as "е"."""
    return _WORD.findall(folded(text))


def _english_forms(word: str) -> set[str]:
    return {word, *(word.removesuffix(ending) for ending in _ENDINGS if word.endswith(ending))}


def topic_of_word(word: str) -> Topic | None:
    """The topic a lower-case word names, if any."""
    for topic, (stems, english) in TOPIC_WORDS.items():
        if word.startswith(stems) or _english_forms(word) & english:
            return topic
    return None


def topic_hits(text: str) -> list[tuple[int, Topic]]:
    """(position, topic) of every word of `text` that names a topic; a bank's app is not the
    store's ("Both are completed in my banking app, not pending" is about a payment), nor is the
    app where an order's status is seen ("а в приложении обе позиции «получено»": the order's),
    nor the site where something is, beside another topic (`_site_as_a_place`), nor promos
    that are no promo code (PROMOTIONS).
    """
    hits = []
    found = words(text)
    for position, word in enumerate(found):
        topic = topic_of_word(word)
        if topic == "app" and _a_banks(found[max(0, position - 2) : position + 2]):
            continue
        if topic == "app" and _shows_a_status(found[position + 1 : position + 1 + STATUS_NEAR]):
            continue
        if word in PROMOTIONS and _advertising(word, found[position + 1 : position + 2]):
            continue  # "stop texting me your promos": messages, not a promo code
        if topic is not None:
            hits.append((position, topic))
    if any(topic != "app" for _, topic in hits):
        hits = [(at, topic) for at, topic in hits if not _site_as_a_place(found, at)]
    return hits


# "promo" names a payment topic as a promo code ("my promo doesn't work"), not as advertising:
# "stop texting me your promos", "promo emails every day".
PROMOTIONS = frozenset({"promo", "promos"})
MESSAGES = frozenset({"texts", "text", "emails", "email", "messages", "sms", "calls", "offers"})


def _advertising(word: str, after: list[str]) -> bool:
    """ "promos" unless a code follows; "promo" when a word of messages follows."""
    if word == "promos":
        return after not in (["code"], ["codes"])
    return bool(MESSAGES.intersection(after))


# The site as the place where something is or happens ("the cordless vacuum on your site", "на
# сайте не проходит оплата"), not as what is broken ("сайт не грузится"): where the message names
# another topic, that topic is what it is about.
WEBSITE_WORDS = ("сайт", "браузер", "site", "website", "browser", "chrome", "хром", "firefox")
AT_A_PLACE = frozenset({"на", "on"})
PLACE_NEAR = 2


def _site_as_a_place(found: list[str], position: int) -> bool:
    before = found[max(0, position - PLACE_NEAR) : position]
    return found[position].startswith(WEBSITE_WORDS) and bool(AT_A_PLACE.intersection(before))


# Words that make an app someone else's: "banking app", "в приложении банка", "в сбербанк онлайн".
OTHER_OWNERS = ("банк", "bank", "сбер", "тиньк", "sber", "tinkoff")


# An order's status shown in the app, said within a few words after it.
STATUS_NEAR = 4
STATUS_WORDS = (
    *("статус", "получен", "доставлен", "выдан", "вручен", "отменен", "передан"),
    *("status", "delivered", "received", "collected", "cancelled", "canceled", "shipped"),
)


def _shows_a_status(after: list[str]) -> bool:
    """The words after the app name an order's status shown in it."""
    return any(word.startswith(STATUS_WORDS) for word in after)


def _a_banks(near: list[str]) -> bool:
    return any(word.startswith(OTHER_OWNERS) for word in near)


# The website and the app, told apart: a problem on the website has no app version to ask for.
APP_STEMS = ("приложени", "приложух")
APP_WORDS = frozenset({"app", "apps", "application"})


def on_the_website_only(texts: list[str]) -> bool:
    """The messages name the website (or a browser) and the app only to deny it: "your website
    just shows a blank white page" — "other sites load fine", "приложением не пользуюсь". No
    version of the app tells the agent anything."""
    found = [word for text in texts for word in words(text)]
    website = any(word.startswith(WEBSITE_WORDS) for word in found)
    app = any(
        (word.startswith(APP_STEMS) or word in APP_WORDS) and not _denied(found, at)
        for at, word in enumerate(found)
    )
    return website and not app


# Words that deny the app is where the problem is: "это на сайте, не в приложении", "приложением
# не пользуюсь", "it's the website, not the app", or say it works: "the app is fine btw", "в
# приложении всё норм".
DENIALS = frozenset(
    {
        *("не", "нет", "без", "not", "no", "without", "never"),
        *("норм", "нормально", "работает", "порядке", "ок", "fine", "ok", "okay", "works"),
    }
)
DENIAL_NEAR = 2


def _denied(found: list[str], at: int) -> bool:
    near = found[max(0, at - DENIAL_NEAR) : at] + found[at + 1 : at + 1 + DENIAL_NEAR]
    return bool(DENIALS.intersection(near))
