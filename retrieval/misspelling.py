"""Russian written by ear, spelled as the dictionary has it.

Customers type Russian as it sounds: "кагда начисляца бонусы", "как атписаца от смс с акцыями",
"а патратить их можна на аплату". Unstressed "о" is heard as "а", "-тся" and "-ться" as "-ца",
a final "д" as "т", "ци" written "цы". The NLU's examples and the help articles are spelled
correctly, so such a word matches nothing in either. A word the Russian dictionary (pymorphy2)
does not know is tried with up to MAX_EDITS of these sound-alike changes (voiced and voiceless
consonants only at the word's end), and the first spelling the dictionary knows, with the fewest
changes, replaces it. A word the dictionary knows is never changed (a typo that makes another
real word, "кот" for "код", is left to the search), and so is a short word ("акк"), a word with
a digit or a Latin letter, a chat word that sounds like another (CHAT_STEMS), a word with a
capital inside a sentence (a name or a brand) and a word no change makes known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from retrieval.word_lists import word_lists

MIN_LETTERS = 5  # shorter unknown words are slang and abbreviations ("акк", "спс", "плз")
MAX_LETTERS = 20
MAX_EDITS = 3
# Each change: a letter group heard as another, anywhere in the word. Vowels in unstressed
# syllables, the "-тся/-ться" ending, "ы/и" and "о/е" after hissing consonants, doubled consonants
# written once.
SOUND_ALIKES: tuple[tuple[str, str], ...] = (
    ("а", "о"),
    ("о", "а"),
    ("и", "е"),
    ("е", "и"),
    ("я", "е"),
    ("ца", "тся"),
    ("ца", "ться"),
    ("цца", "тся"),
    ("цца", "ться"),
    ("тса", "тся"),
    ("тся", "ться"),
    ("ться", "тся"),
    ("цы", "ци"),
    ("жы", "жи"),
    ("шы", "ши"),
    ("шо", "ше"),
    ("жо", "же"),
    ("чя", "ча"),
    ("щя", "ща"),
    ("чю", "чу"),
    ("щю", "щу"),
    ("с", "сс"),
    ("н", "нн"),
    ("л", "лл"),
    ("т", "тт"),
    ("ь", ""),
)
# Voiced and voiceless consonants, heard alike only at the end of a word ("назат"): inside it
# such a change makes slang and names into other words ("сфоткаю" is no "сводкою").
FINAL_SOUND_ALIKES: tuple[tuple[str, str], ...] = (
    ("т", "д"),
    ("д", "т"),
    ("п", "б"),
    ("б", "п"),
    ("к", "г"),
    ("г", "к"),
    ("с", "з"),
    ("з", "с"),
    ("ф", "в"),
    ("в", "ф"),
    ("ш", "ж"),
    ("ж", "ш"),
)
# Chat words the dictionary lacks that sound like other words ("крашится" is not "крошится",
# "лагает" not "лакает"): kept as typed, with every word they begin.
CHAT_STEMS = (
    *("краш", "лаг", "баг", "фриз", "тиньк", "прил", "покед", "имейл", "парол", "винд"),
    *("зарег", "сбер", "сбис", "фотк", "сфотк", "тенг"),
)
# Nothing but spaces and punctuation ending a sentence before a word: its capital says nothing.
SENTENCE_START = re.compile(r"(?:^|[.!?…\n])[\s\"«(—–-]*$")
RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)


def _changed_once(word: str) -> Iterator[str]:
    for heard, spelled in SOUND_ALIKES:
        start = word.find(heard)
        while start != -1:
            yield word[:start] + spelled + word[start + len(heard) :]
            start = word.find(heard, start + 1)
    for heard, spelled in FINAL_SOUND_ALIKES:
        if word.endswith(heard):
            yield word[: -len(heard)] + spelled


@lru_cache(maxsize=16384)
def spelled(word: str) -> str:
    """The dictionary's spelling of one lower-case Russian word heard by ear, or the word itself."""
    if len(word) < MIN_LETTERS or len(word) > MAX_LETTERS or word.startswith(CHAT_STEMS):
        return word
    lists = word_lists()
    if lists is None:
        return word
    is_known = lists[0]
    if is_known(word):
        return word
    seen = {word}
    layer = [word]
    for _ in range(MAX_EDITS):
        following = []
        for candidate in layer:
            for changed in _changed_once(candidate):
                if changed in seen:
                    continue
                if is_known(changed):
                    return changed
                seen.add(changed)
                following.append(changed)
        layer = following
    return word


def spelled_text(text: str) -> str:
    """Every Russian word of `text` spelled as the dictionary has it (see `spelled`); the rest,
    the case of a word's first letter and the spaces, as typed."""

    def one(match: re.Match[str]) -> str:
        word = match.group()
        if word[:1].isupper() and not SENTENCE_START.search(text[: match.start()]):
            return word  # a name or a brand inside a sentence ("Хасанова", "Редми")
        lowered = word.lower().replace("ё", "е")
        fixed = spelled(lowered)
        if fixed == lowered:
            return word
        return fixed.capitalize() if word[:1].isupper() else fixed

    return RUSSIAN_WORD.sub(one, text)
