"""The support topic of the message a handoff is about.

The topic decides which questions the form asks (the order number for orders, payment and returns,
the app version for technical problems), so it comes from the problem message alone, never from an
earlier question the bot already answered. The NLU's first intent gives it when it has a topic.
A request for a person that also says what is wrong ("Перестали приходить пуш-уведомления о
статусе заказа в приложении. Соедините с сотрудником") is read as request_human with some topic
ranked next, often not the problem's: the help article the search finds for the message says more,
since it knows every topic of the help centre, including wordings nobody listed (the article's
title, tags and id name its topic in words). Without an article, an item the customer says they
bought (its order is what the agent looks up), then a topic the NLU ranks next with real weight
(a per cent or two is a guess, and a guess asks a question that does not fit), and last the
problem's own words: "привезли не всё... позовите оператора" is about an order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from rasa_sdk import Tracker

from actions.conversation import NO_TOPIC, Turn
from actions.handoff_reading import is_question
from actions.item_failure import tells_an_item_failing
from actions.text_fold import folded
from actions.topic_words import BUYING_VERBS, Topic, topic_hits, words
from bot.common.facts.lexicon import lemma

# The least weight the NLU must give a topical intent, first or ranked below a request for a
# person, for the form to ask that topic's questions: a request for a person that also says what
# is wrong takes most of the weight, and its topic comes next with a tenth or less.
MIN_TOPIC_CONFIDENCE = 0.05
# The topics whose form asks for the order number, and the one that asks for the app version.
ORDER_TOPICS = frozenset({"orders", "payment", "returns"})
TECHNICAL_TOPICS = frozenset({"technical"})
# A topic the NLU gives a request for a person as readily as the problem's own ("can an agent
# help?").
WEAK_TOPICS = frozenset({"contacts"})
# The form's topics of the words' topics (actions/topic_words.py); an account problem asks for
# neither the order number nor the app version.
FORM_TOPICS: dict[Topic, str] = {
    "order": "orders",
    "delivery": "orders",
    "payment": "payment",
    "return": "returns",
    "app": "technical",
    "account": "account",
}
# Buying, in any form of the verb (BUYING_VERBS, "bought"): the problem is about something the
# customer bought, so the agent looks up its order, whatever is wrong with the item.
ENGLISH_PURCHASE = frozenset({"buy", "buying", "bought"})
# Getting the item from the shop, said as receiving it from "you": "получила вчера от вас
# робот-пылесос" ("получила смс с кодом" is no purchase).
RECEIVING_VERBS = frozenset({"получить"})
FROM_THE_SHOP = re.compile(r"\b(?:от|у) вас\b")
# The search's verdict when no article fits: its ranking then says nothing about the topic.
NO_ARTICLE = "abstain"
# How many of the search's nearest articles tell the topic when none fits well enough to show.
NEIGHBOURS = 3
# The top articles of a message in the help-article search, each as the words that name it (its
# title, tags and id).
ArticleSearch = Callable[[str, str], Sequence[str]]


def no_articles(text: str, language: str) -> Sequence[str]:
    """For tests and callers without a help centre."""
    return ()


def help_center_articles(text: str, language: str) -> Sequence[str]:
    """The article the search shows for the message first; when it finds none that fits, for a
    problem told rather than a question, the first of its nearest articles when those agree on a
    topic (`agreed_neighbour`)."""
    from actions.knowledge_provider import knowledge_base  # the search loads on first use

    base = knowledge_base()
    answer = base.ask(text, language)
    if answer.outcome == NO_ARTICLE:
        named = [base.naming(r.id) for r in answer.ranked[:NEIGHBOURS]]
        return agreed_neighbour(text, named)
    return [base.naming(article.id) for article in answer.articles[:1]]


def agreed_neighbour(text: str, articles: Sequence[str]) -> Sequence[str]:
    """The first of the nearest articles of `text` (each as its title, tags and id) whose form
    question (the order number, the app version or neither) at least two of them and most of
    those that name a topic share. A problem told in the customer's own words ("сервиз пришёл с
    двумя разбитыми тарелками", "получила робот-пылесос, а зарядной станции в коробке нет") may
    fit no article well enough to be answered, yet its neighbours (a wrong item, a faulty item, a
    partial delivery) say it is about an order, and the agent needs its number. A question the
    help centre cannot answer ("подъём на 9 этаж платный?") is asked before buying as often as
    after: its neighbours do not make it an order's."""
    if is_question(text):
        return ()
    named = [(article, topic_of_words(article)) for article in articles]
    asked = [(article, fact_the_form_asks(topic)) for article, topic in named if topic is not None]
    for article, fact in asked:
        sharing = sum(other == fact for _, other in asked)
        if sharing >= 2 and 2 * sharing > len(asked):
            return [article]
    return ()


def _confidence(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def parse_of(tracker: Tracker, turn: Turn) -> dict[str, Any]:
    """What the NLU made of one of the customer's messages (its intent ranking included)."""
    for event in reversed(tracker.events):
        same = event.get("text") == turn.text and event.get("timestamp") == turn.timestamp
        if event.get("event") == "user" and same:
            return event.get("parse_data") or {}
    return {}


def problem_topic(
    parse: dict[str, Any],
    text: str,
    topics: dict[str, str],
    language: str,
    search: ArticleSearch,
) -> str | None:
    """The topic of the message a handoff is about, from the surest reading that gives one: the
    NLU's first intent when it has a topic (a technical one only when the message names the app
    or the site: `_device_not_app`); else the help article the search finds for the message (its
    title, tags and id name the topic in words: "Уведомления ... push notifications-ru"), which
    knows the help centre's topics better than a request for a person's ranking does, though not
    the contacts article a request for a call finds for an item that fails; else the order, when
    the message says the item was bought ("пылесос, купленный у вас, не включается": the NLU's
    guesses for a faulty item are no topic of the form); else a faulty item's, when an item (not
    the app or its update) fails ("the hair straightener I got last week stopped heating");
    else a topic the NLU ranks next; else the message's own words. Words that name only topics
    other than the NLU's first intent's, or than a weaker reading's, say it misread the message:
    they come first."""
    ranking = parse.get("intent_ranking") or [parse.get("intent") or {}]
    first = ranking[0] if ranking else {}
    topic = topics.get(str(first.get("name") or ""))
    confidence = _confidence(first.get("confidence")) or 0.0
    sure = topic not in (None, *NO_TOPIC, *WEAK_TOPICS) and confidence >= MIN_TOPIC_CONFIDENCE
    sure = sure and not _device_not_app(text, topic)
    misread = sure and _words_name_another(text, topic)
    if sure and not misread:
        return topic
    failing = tells_an_item_failing(text) and not _software(text)
    for article in search(text, language):
        topic = topic_of_words(article)
        if topic is None or _device_not_app(text, topic):
            continue
        if failing and topic in WEAK_TOPICS:
            continue  # "the hair straightener I got stopped heating, can someone call me?"
        return _unless_words_name_another(text, topic)
    if _purchase_hits(text):
        return FORM_TOPICS["order"]
    if failing:
        return FORM_TOPICS["return"]
    if misread:
        return _most_named(topic_hits(text))
    ranked = topic_of_message(parse, topics)
    if ranked is not None and not _device_not_app(text, ranked):
        return _unless_words_name_another(text, ranked)
    return _most_named(topic_hits(text))


# Words of software rather than of a device: "всё перестало работать после обновления".
SOFTWARE = re.compile(r"\b(?:обнов\w*|прошивк\w*|верси\w*|update\w*|version)\b")


def _names_the_app(text: str) -> bool:
    """The message's words name the app or the site."""
    return any(hit == "app" for _, hit in topic_hits(text))


def _software(text: str) -> bool:
    """The message names the app or the site, or an update or a version of software."""
    return _names_the_app(text) or bool(SOFTWARE.search(folded(text)))


def _device_not_app(text: str, topic: str | None) -> bool:
    """A technical reading of a message that names neither the app nor the site: "две недели
    покатался, и всё, не включается" is a scooter that broke, which the NLU, taught on the app's
    crashes, reads as one of them, and so may the search's nearest articles ("они перестали
    заряжаться" is nearest a faulty item, then the app's crash and its notifications). No reading
    of such a message asks for the app's version."""
    return topic in TECHNICAL_TOPICS and not _names_the_app(text)


def _unless_words_name_another(text: str, topic: str) -> str | None:
    """The topic a weaker reading gives (the search's article, an intent ranked next), unless
    the message's words name only others: "пришло смс, что посылка в пункте выдачи, а там её нет"
    ranks the SMS code next, but its words name a delivery."""
    return _most_named(topic_hits(text)) if _words_name_another(text, topic) else topic


def _words_name_another(text: str, topic: str | None) -> bool:
    """The message's own words name support topics, and none of them asks the form's questions
    the NLU's topic asks: "my promo code was accepted but I was charged the full price" read as a
    sign-in code (account) is about a payment, whose order number is asked; "my gift card says
    it's already used" read as product_info too. A kettle of the wrong colour read as a return
    keeps it: its words name an order, which asks the same."""
    named = {FORM_TOPICS[hit] for _, hit in topic_hits(text)}
    return bool(named) and fact_the_form_asks(topic) not in {fact_the_form_asks(t) for t in named}


def fact_the_form_asks(topic: str | None) -> str | None:
    """The fact the form asks for a topic, besides the name, the contact and the problem: the
    form's questions and the topic's overrule both read it here, so they cannot disagree."""
    if topic in ORDER_TOPICS:
        return "order_number"
    return "app_version" if topic in TECHNICAL_TOPICS else None


def topic_of_message(parse: dict[str, Any], topics: dict[str, str]) -> str | None:
    """The topic of the first intent of the ranking with a support topic, if it has enough
    weight; None when the message has no clear topic."""
    ranking = parse.get("intent_ranking") or [parse.get("intent") or {}]
    for ranked in ranking:
        topic = topics.get(str(ranked.get("name") or ""))
        if topic is None or topic in NO_TOPIC:
            continue
        confidence = _confidence(ranked.get("confidence"))
        if confidence is None or confidence < MIN_TOPIC_CONFIDENCE:
            return None
        if topic in WEAK_TOPICS:
            return topic_of_words(str(parse.get("text") or "")) or topic
        return topic
    return None


def _purchase_hits(text: str) -> list[tuple[int, Topic]]:
    """(position, "order") of every verb of buying in `text`, and of receiving from the shop."""
    received = FROM_THE_SHOP.search(folded(text))
    verbs = (BUYING_VERBS | RECEIVING_VERBS) if received else BUYING_VERBS
    return [
        (position, "order")
        for position, word in enumerate(words(text))
        if word in ENGLISH_PURCHASE or (not word.isascii() and lemma(word) in verbs)
    ]


def topic_of_words(text: str) -> str | None:
    """The form's topic most of the text's topic words (and verbs of buying) name."""
    return _most_named([*topic_hits(text), *_purchase_hits(text)])


def _most_named(hits: list[tuple[int, Topic]]) -> str | None:
    """The form's topic most of the (position, topic) hits name; the first named wins a tie."""
    counts: dict[str, tuple[int, int]] = {}
    for position, topic in hits:
        form_topic = FORM_TOPICS[topic]
        count, first = counts.get(form_topic, (0, position))
        counts[form_topic] = (count + 1, first)
    if not counts:
        return None
    return max(counts, key=lambda topic: (counts[topic][0], -counts[topic][1]))


def intent_of_message(parse: dict[str, Any]) -> dict[str, Any]:
    """The message's intent as the case records it."""
    intent = parse.get("intent") or {}
    return {"name": intent.get("name"), "confidence": _confidence(intent.get("confidence"))}
