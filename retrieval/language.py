"""Russian or English: the one language guesser of the project.

The NLU's `language` entity, the gateway's own texts, search queries and help articles without a
`lang` all use it, so "the customer's language" means the same everywhere.

- Words, not letters: Russian customers write brand names in Latin ("не работает app LightMarket").
  A word with a Cyrillic letter is Russian, a word with Latin letters English; the majority wins
  and a tie goes to Russian, the first language.
- Words that say nothing count for neither: "ok", "hm", numbers, versions, e-mail addresses and
  links (anything with a digit, "@" or "/"). A text of only these has no language (None), so a
  conversation keeps the one it had.
- Russian typed in Latin letters ("privet ne prihodit kod") is Russian. A text without Cyrillic is
  read word by word: a word whose Cyrillic spelling (cyrtranslit) is in the Russian dictionary
  (pymorphy2) votes Russian, a word of the English vocabulary (the packaged English encoder's word
  list) votes English, a word that is both ("my" → "ми", "order" → "ордер") does not vote. Russian
  wins on more votes. On the intents' 907 English examples and 24 000 one- to three-word fragments
  of the English help articles this turns nothing Russian; of the 893 Russian examples typed in
  Latin it reads 95% as Russian. Without those libraries Latin text is simply English.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from retrieval.word_lists import word_lists

log = logging.getLogger(__name__)

Language = Literal["ru", "en"]
# Words that carry no language signal on their own.
NEUTRAL_WORDS = frozenset({"ok", "okay", "ок", "хм", "hm", "hmm"})
CYRILLIC = re.compile(r"[а-яё]")
LATIN = re.compile(r"[a-z]")
LATIN_LETTERS = re.compile(r"[a-z]+")
NO_LANGUAGE = re.compile(r"[\d@/]")
ENGLISH_CONTRACTION = re.compile(r"[a-z]['’](?:t|s|re|ll|ve|m|d)\b")
# Russian chat words that the English word list holds too (it has names and foreign words), and
# chat words of thanks that neither list holds.
RUSSIAN_WORDS = frozenset(
    [
        "ne",
        "net",
        "da",
        "vy",
        "nu",
        "za",
        "po",
        "ot",
        "est",
        "pri",
        "tak",
        "moi",
        "tam",
        "ni",
        "vo",
        "ob",
        # chat thanks no dictionary holds ("ok, spasibki")
        "spasibki",
        "spasiba",
        "spasib",
        "pasib",
        "pasiba",
        "spsb",
        "spc",
    ]
)
# English words the word list lacks but the Russian dictionary has once written in Cyrillic.
ENGLISH_WORDS = frozenset(
    [
        "cant",
        "dont",
        "wont",
        "didnt",
        "doesnt",
        "isnt",
        "wasnt",
        "arent",
        "havent",
        "hasnt",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "whats",
        "wheres",
        "thats",
        "theres",
        "hows",
        "youre",
        "youll",
        "im",
        "ive",
        "login",
        "logout",
        "spam",
    ]
)
# Chat spellings of Russian in Latin → cyrtranslit's scheme (GOST-like: cz = ц, h = х, j = й).
RESPELLINGS = (
    # "ы" as chats type it, "y" after a consonant: "platnyi" (платный), "vy" (вы), "byl"
    (re.compile(r"(?<=[bcdfghklmnprstvz])y[ij]$"), "y'j"),
    (re.compile(r"(?<=[bcdfghklmnprstvz])y(?=[bcdfghklmnprstvz]|$)"), "y'"),
    (re.compile(r"shch|sch"), "shh"),
    (re.compile(r"ts"), "cz"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=[aeiouy])y(?=[^aeiouy]|$)"), "j"),
    (re.compile(r"(?<=[aeiou])i$"), "j"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
)


def detect_language(text: str) -> Language | None:
    """Russian ("ru") or English ("en") by most words; None when no word says anything."""
    cyrillic = 0
    latin: list[str] = []
    for token in text.lower().split():
        if NO_LANGUAGE.search(token) or token.strip(".,!?;:()\"'«»") in NEUTRAL_WORDS:
            continue
        if CYRILLIC.search(token):
            cyrillic += 1
        elif LATIN.search(token):
            latin.append(token)
    if not cyrillic and not latin:
        return None
    if not cyrillic and _typed_in_latin(latin):
        return "ru"
    return "ru" if cyrillic >= len(latin) else "en"


def guess_language(text: str, fallback: Language = "ru") -> Language:
    """As detect_language, with `fallback` when the text has no language."""
    return detect_language(text) or fallback


def prepare() -> None:
    """Load the dictionaries now rather than on the first Latin message (about a second)."""
    _dictionaries()


def _typed_in_latin(words: list[str]) -> bool:
    votes = [_vote(word) for word in words]
    return votes.count("ru") > votes.count("en")


def _vote(token: str) -> Language | None:
    if ENGLISH_CONTRACTION.search(token):
        return "en"
    word = "".join(LATIN_LETTERS.findall(token))
    if len(word) < 2:
        return None
    if word in RUSSIAN_WORDS:
        return "ru"
    if word in ENGLISH_WORDS:
        return "en"
    dictionaries = _dictionaries()
    if dictionaries is None:
        return None
    english, is_russian = dictionaries
    russian = is_russian(word)
    if russian != (word in english):
        return "ru" if russian else "en"
    return None


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[frozenset[str], Callable[[str], bool]] | None:
    """The English word list and a test for Russian words typed in Latin, or None without them."""
    try:
        import cyrtranslit
    except ImportError as error:
        log.warning("language.translit_off missing=%s", error.name)
        return None
    lists = word_lists()
    if lists is None:
        return None
    word_is_known, english = lists

    @lru_cache(maxsize=8192)
    def is_russian(word: str) -> bool:
        respelled = word
        for pattern, replacement in RESPELLINGS:
            respelled = pattern.sub(replacement, respelled)
        return any(
            word_is_known(cyrtranslit.to_cyrillic(spelling, "ru").lower())
            for spelling in {word, respelled}
        )

    return english, is_russian
