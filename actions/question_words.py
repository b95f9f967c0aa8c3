"""Whether a message asks a question: one set of question words and one detector for the four
places that need to know (issue 18).

- the answers (actions/knowledge_question_first.py): an irritated message that asks something
  the help center may answer is answered before a person is brought in; a "why" that opens a
  reproach ("почему курьер опять не приехал?!") asks nothing the articles hold, "?" or not;
- the choice between an intent's own reply and an article (actions/knowledge_precedence.py): a
  message that asks anything, a question mark anywhere or "что делать" after a comma, is searched;
- the handoff form (actions/handoff_reading.py): an answer written as a question ("а как сменить
  пароль?") is a question, but a question mark in a quoted app message («Повторить?») is not, and
  only the answer's opening counts ("пароль сменила, как вы и советовали" answers the question);
- the reply to "did this help?" (actions/yes_no.py): a follow-up question ("а упд потом как
  получим", read as a "yes") is a question to search, no verdict; "нет, как было так и осталось"
  is a verdict, since a "как" inside it asks only after a turning "а".

The words are read folded (actions/text_fold.py); a hyphenated word is one word, so "где-то" and
"как-нибудь" ask nothing, and a number is a word, so "+1 312 555-0144 is my phone" does not open
with "is". How each place reads a message is a `Reading`, its differences named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from actions.text_fold import folded
from bot.common.sentences import pieces
from bot.common.word_list import listed

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Text in quotes: «…», "…", “…”, „…“ and '…' (an apostrophe inside a word is no quote).
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|(?<!\w)'[^']*'(?!\w)")


# Where, when and how much: a question wherever they stand ("ну и когда привезут"). The English
# "when" also links clauses ("error 404 when i open the app"): each reading places it.
WHERE_WHEN = listed("где когда куда откуда сколько скок скока скоко how where")
WHEN = listed("when")
# Why: a question, or the opening of a reproach ("почему курьер третий день не приезжает?!").
WHY = listed("почему зачем why")
# Words that open a reproach only ("отчего", "какого чёрта").
REPROACH_ONLY = listed("отчего какого")
HOW = listed("как")
# Words that ask when they open a clause ("какой срок возврата"). "Что" also opens a clause that
# only reports ("в банке сказали, что денег нет"): each reading places it.
WHAT = listed("чем какой какая какое какие каким какую what what's whats which")
THAT = listed("что")
MAY = listed("можно могу ли")
AUXILIARY = listed("can could do does is are will would should")
# "Tell me" asks wherever it stands ("хочу удалить аккаунт, подскажите").
TELL_ME = listed("подскажите скажите расскажите объясните")
# Two words that ask wherever they stand, after a comma too ("хочу удалить аккаунт, что будет с
# бонусами").
WHAT_HAPPENS = frozenset(
    tuple(line.split())
    for line in """
    что будет
    что делать
    что случится
    what happens
    what happen
    """.strip().splitlines()
)
# "What is": asks wherever it stands ("а это что за кошелёк такой", "что такое лайт-бонусы").
WHAT_IS = frozenset({("что", "за"), ("что", "такое"), ("what", "is"), ("what's", "this")})
# Words that may stand before a clause's question ("ну и где мой заказ", "and can i see ...").
LEADING = listed("и ну а еще тогда так ладно ок and also so ok okay well then")
# A verdict on an answer that may open a question after it ("да, а как получить чек").
VERDICT_WORDS = listed("да нет не ага неа угу yes no nope yeah yep nah")
# A turn to something else: the question words after it ask wherever they stand ("а упд потом как
# получим", "а деньги-то за что списали").
TURNING = listed("а")

QuestionMark = Literal["sentence", "message", "unquoted"]


@dataclass(frozen=True)
class Reading:
    """How one place reads a question.

    `anywhere`: words that ask wherever they stand; `opening`: words that ask when they open a
    clause, after any `leading` words; `pairs`: two words in a row that ask anywhere; `reproach`:
    a sentence with a clause that opens with one of these asks nothing, question mark or not.
    `after_turning`: words that ask anywhere after a `TURNING` word of their sentence.
    `sentence_ends` and `clause_ends`: the characters that split the message ("" keeps it whole,
    so only its opening counts). `question_mark`: "sentence" (asks unless the sentence is a
    reproach), "message" (anywhere), "unquoted" (anywhere outside quotes).
    """

    anywhere: frozenset[str] = frozenset()
    opening: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, ...]] = frozenset()
    leading: frozenset[str] = LEADING
    reproach: frozenset[str] = frozenset()
    after_turning: frozenset[str] = frozenset()
    sentence_ends: str = ".!?\n"
    clause_ends: str = ""
    question_mark: QuestionMark = "message"


# The answers: a question the help center may answer; "how" only opens one ("сделала как
# написано" asks nothing), a "why" opens a reproach.
INFORMATION = Reading(
    anywhere=WHERE_WHEN | WHEN | {"скоро"},
    opening=HOW | WHAT | MAY | AUXILIARY,
    pairs=WHAT_HAPPENS | WHAT_IS,
    reproach=WHY | REPROACH_ONLY,
    clause_ends=",",
    question_mark="sentence",
)
# The intent's reply or an article: anything asked, a "why" and "tell me" too.
ANY_QUESTION = Reading(
    anywhere=WHERE_WHEN | WHY | HOW | TELL_ME | {"ли"},
    opening=THAT | WHAT | WHEN | MAY | AUXILIARY | {"а"},
    pairs=WHAT_HAPPENS,
    leading=LEADING - {"а"},
    sentence_ends=".!;:\n",
)
# A form answer: written as a question from its first word, a quoted app message aside; "могу"
# opens an offer as often as a question ("могу прислать скриншот").
FORM_ANSWER = Reading(
    opening=WHERE_WHEN | WHEN | WHY | HOW | THAT | WHAT | AUXILIARY | {"можно"},
    leading=listed("а и and so"),
    sentence_ends="",
    question_mark="unquoted",
)

# The reply to "did this help?": a question the customer goes on to, in either language. The
# English "when" and the auxiliaries open a report of what still fails as often ("no, does not
# work", "no, same error when i open it"), and so does a "как" ("нет, как было так и осталось")
# unless it follows a turning "а"; a question mark asks.
AFTER_VERDICT = Reading(
    anywhere=WHERE_WHEN | {"ли"},
    opening=WHAT | {"можно"},
    pairs=WHAT_HAPPENS | WHAT_IS,
    leading=LEADING | VERDICT_WORDS,
    reproach=WHY | REPROACH_ONLY,
    after_turning=HOW | WHY | WHAT | THAT | {"можно"},
    clause_ends=",",
    question_mark="sentence",
)


def _opening(words: list[str], leading: frozenset[str]) -> str:
    return next((w for w in words if w not in leading), "")


def asks(text: str, reading: Reading) -> bool:
    """The message asks a question, as `reading` reads one."""
    text = folded(text)
    if reading.question_mark == "message" and "?" in text:
        return True
    if reading.question_mark == "unquoted" and "?" in QUOTED.sub(" ", text):
        return True
    for sentence in pieces(text, reading.sentence_ends):
        clauses = pieces(sentence, reading.clause_ends)
        openings = {_opening(WORD.findall(clause), reading.leading) for clause in clauses}
        if reading.reproach & openings:
            continue
        words = WORD.findall(sentence)
        if reading.question_mark == "sentence" and "?" in sentence:
            return True
        if reading.opening & openings or reading.anywhere.intersection(words):
            return True
        if reading.pairs.intersection(pairwise(words)):
            return True
        if _asks_after_turning(words, reading.after_turning):
            return True
    return False


def _asks_after_turning(words: list[str], question_words: frozenset[str]) -> bool:
    turned = next((i for i, w in enumerate(words) if w in TURNING), None)
    return turned is not None and bool(question_words.intersection(words[turned + 1 :]))
