"""A request to switch language said before the question ("sorry, can we talk in English? where is
my parcel", "можно по-русски? не приходит код"), or an apology for the wrong one ("ой извините
не на том языке. заказ ¶ когда приедет?"): the bot already answers in the language the customer
writes, so the remark is not what to search for; the question after it is.

A sentence, or a clause between commas, is a language request when it names a language and a way
of talking and says nothing else. A message that is only the request ("do you speak English?")
keeps it: the help center's article on the site's language answers that.
"""

from __future__ import annotations

import re

from actions.text_fold import folded
from bot.common.sentences import pieces
from bot.common.word_list import listed
from bot.common.words import WORD

# Words that name a language to talk in.
LANGUAGE = re.compile(r"^(?:english|russian|англ\w*|русск\w*|по-русски|по-английски)$")
# Words of talking in this chat ("сайт на английском" is about the site, "can I call and speak
# English?" about the phone line: neither is only a request).
TALKING = listed(
    """
    talk speak write chat continue answer reply respond switch communicate please
    говорить говорите поговорить писать пишите напишите общаться отвечайте ответьте продолжим
    перейдем перейти давайте можно пожалуйста
    """
)
# Words a request is said with besides those.
COURTESY = listed(
    """
    sorry excuse me can could would we you i in to it is ok okay possible better do does the
    a with let's lets us hi hello
    извините простите а мне вы вам со мной на ли лучше если буду будем нам привет здравствуйте
    """
)


# An apology for writing in the wrong language ("ой извините не на том языке", "sorry, wrong
# language"), said before the question asked again in the right one: it asks nothing.
LANGUAGE_WORD = re.compile(r"^(?:язык\w*|language|languages)$")
WRONG = listed(
    """
    не на том тот другом другой ошиблась ошибся случайно перепутала перепутал
    wrong mistake accident accidentally other different typed by oops
    ой ох упс
    """
)


def _only_request(piece: str) -> bool:
    """The piece names a language and says nothing else than how to talk: "давайте по-русски",
    "ой, по-русски:", "ok, in English"."""
    words = WORD.findall(folded(piece))
    if not any(LANGUAGE.match(w) for w in words):
        return False
    return all(w in TALKING or w in COURTESY or w in WRONG or LANGUAGE.match(w) for w in words)


def _only_apology(piece: str) -> bool:
    words = WORD.findall(folded(piece))
    if not any(LANGUAGE_WORD.match(w) for w in words) or not WRONG.intersection(words):
        return False
    return all(w in WRONG or w in COURTESY or LANGUAGE_WORD.match(w) for w in words)


def _asks_nothing(piece: str) -> bool:
    return _only_request(piece) or _only_apology(piece)


def _without_requests(sentence: str) -> str:
    if _asks_nothing(sentence):
        return ""
    return "".join(c for c in pieces(sentence, ",:") if not _asks_nothing(c))


def without_language_request(text: str) -> str:
    """The message without the sentences or clauses that only ask to switch language or excuse
    the wrong one, when a question is left."""
    rest = "".join(_without_requests(s) for s in pieces(text, ".!?;\n")).strip(" ,")
    return rest if WORD.search(rest) else text
