"""Short answers that mean "skip this question" or "stop, I changed my mind" inside a form.

Checked on the whole answer, not by the intent classifier: inside a form every message is an
answer, and "отмена заказа не проходит" must stay a problem description while "отмена" alone
cancels. A phrase counts only when the answer is nothing but that phrase (punctuation aside).
"""

from __future__ import annotations

import re

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
        "передумал",
        "передумала",
        "я передумал",
        "я передумала",
        "не надо оператора",
        "не нужен оператор",
        "не нужно специалиста",
        "уже не надо",
        "больше не надо",
        "не надо никого звать",
        "cancel",
        "cancel it",
        "stop",
        "never mind",
        "nevermind",
        "forget it",
        "i changed my mind",
        "changed my mind",
        "no need anymore",
        "i don't need a person",
    }
)


def _plain(text: str) -> str:
    """Lowercase, ё as е, punctuation around words dropped ("Отмена!" → "отмена")."""
    text = text.lower().replace("ё", "е").replace("’", "'")
    return " ".join(re.sub(r"[^\w\s'/-]", " ", text).split()).strip(" -") or text.strip()


def means_skip(text: str) -> bool:
    return _plain(text) in SKIP_PHRASES


def means_cancel(text: str) -> bool:
    return _plain(text) in CANCEL_PHRASES
