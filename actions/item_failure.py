"""Whether a message tells that an item fails: it broke, leaks, smells of burning, stopped working
or will not switch on. In an appliance store that is a store question (a faulty item, its
warranty), whatever the NLU makes of the item's name ("посудомойка течёт снизу, месяц как
поставили", "my coffee machine stopped heating water after 8 months"): the NLU, taught on the
store's own words, often puts such a message outside the help center.
"""

from __future__ import annotations

import re

from actions.text_fold import folded
from bot.common.facts.lexicon import lemma
from bot.common.words import WORD

# Verbs that tell a failure by themselves: "потекла", "сломался", "искрит", "вырубается".
FAILING = frozenset(
    {
        *("течь", "потечь", "протекать", "подтекать", "протечь", "капать", "сломаться"),
        *("поломаться", "перестать", "вырубаться", "вырубиться", "искрить", "вонять", "дымить"),
        *("дымиться", "треснуть", "лопнуть", "отломаться", "отвалиться", "сгореть", "заклинить"),
        *("перегреваться", "глючить", "зависать", "тормозить"),
    }
)
# Verbs that tell a failure with "не" before them: "не включается", "не сливает воду".
NOT_DOING_ITS_JOB = frozenset(
    {
        *("включаться", "работать", "сливать", "греть", "нагревать", "заряжаться", "крутиться"),
        *("запускаться", "морозить", "охлаждать", "печатать", "показывать", "греться"),
        *("заряжать", "всасывать", "сушить", "стирать", "молоть", "взбивать"),
    }
)
ENGLISH_FAILING = re.compile(
    r"\b(?:stopped|stops|quit) (?:working|heating|charging|cooling|spinning|turning on|draining"
    r"|sucking|drying)\b"
    r"|\b(?:won't|wont|doesn't|doesnt|does not|isn't|is not|will not) (?:turn on|switch on|start"
    r"|charge|heat(?: up)?|work|drain|cool|spin|power on)\b"
    r"|\b(?:broke|broken|cracked|leaks|leaking|dripping|sparks|sparking|cuts? out|overheats"
    r"|overheating)\b|\bburning smell\b"
    r"|\bsmells? (?:like |of )?(?:\w+ )?(?:burn\w*|smoke|plastic)\b"
)


def tells_an_item_failing(text: str) -> bool:
    """The message tells that an item fails (FAILING, "не" and NOT_DOING_ITS_JOB, or the English
    ENGLISH_FAILING)."""
    lowered = folded(text)
    if ENGLISH_FAILING.search(lowered):
        return True
    words = WORD.findall(lowered)
    for index, word in enumerate(words):
        if word.isascii():
            continue
        base = lemma(word)
        if base in FAILING:
            return True
        if base in NOT_DOING_ITS_JOB and index > 0 and words[index - 1] == "не":
            return True
    return False
