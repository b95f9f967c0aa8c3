"""The question inside a long message: the sentences that ask, without the story around them.

A customer who writes 1 500 characters of story ("I ordered a tablet for my daughter... the box
was squashed... we opened it at the party...") ends with what they want ("What do we need to do
to get a replacement?"). The NLU and the search read every word alike, so the story's incidental
words (party, daughter, queue) outvote the question's. Each sentence is scored for asking: a
question mark, a question or request word at its start ("как", "подскажите", "how", "can you"),
one anywhere; the best (two at most, ties to the later one: stories end with their question) are
kept in their order, with the sentence that says most about what went wrong ("the screen has a
crack", "код не приходит") when another one does: "what do we need to do?" alone could be about
anything. A long message that asks nothing keeps its last sentences, where people say what they
want. An error code the story quotes ("…выдало «Что-то пошло не так, E-500»") names the problem
better than any sentence, so a code from a dropped sentence is kept after the question. Short
messages are left whole: their every word counts.
"""

from __future__ import annotations

import re

from bot.common.sentences import sentences
from bot.common.word_list import listed

LONG_CHARS = 300
KEPT_SENTENCES = 2
KEPT_CHARS = 400
ASKING = 2.0  # a sentence scoring below this does not ask anything
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# An error code as apps and sites show them: "E-500", "ERR-42", "A-1003".
ERROR_CODE = re.compile(r"(?<![\w-])[A-Za-z]{1,3}-\d{2,5}(?![\w-])")
# Words that open a question or a request.
OPENERS = listed(
    """
    как где когда почему зачем что чем сколько какой какая какое какие каким какую куда откуда
    можно нельзя подскажите скажите помогите объясните расскажите посоветуйте уточните
    возможно реально ли
    how what where when why which who whom can could would should will is are do does did
    may might please tell help explain
    """
)
# Words that make a sentence a request wherever they stand.
REQUEST_WORDS = listed(
    """
    подскажите скажите помогите объясните посоветуйте уточните хочу хотела хотел хотим нужно
    нужен нужна надо можно ли делать
    help need want please tell explain possible
    """
)
# Word beginnings that tell what went wrong.
PROBLEM_STEMS = tuple(
    listed(
        """
    не нет ни ошибк слом трещ разбит мят поврежд брак сгорел завис вылета отклон заблок списа
    потерял забыл неправил задерж опозд пропал верните вернуть возврат обмен
    not no never nothing error broken crack damag dent wrong declin fail missing lost forgot
    lock stuck charg late refund return replac exchang won't can't cannot doesn't didn't isn't
    """
    )
)


def problem_score(sentence: str) -> int:
    words = WORD.findall(sentence.lower().replace("n't", "nt"))
    stems = tuple(s.replace("n't", "nt") for s in PROBLEM_STEMS)
    return sum(1 for w in words if w.startswith(stems) and (len(w) > 2 or w in stems))


def asking_score(sentence: str) -> float:
    words = WORD.findall(sentence.lower())
    if not words:
        return 0.0
    score = 3.0 if "?" in sentence else 0.0
    if words[0] in OPENERS or (len(words) > 1 and words[1] in OPENERS and len(words[0]) <= 3):
        score += 2.0
    if any(w in REQUEST_WORDS for w in words):
        score += 1.0
    return score


def question_of(text: str) -> str:
    """The asking sentences of a long message; a short message (or one sentence) unchanged."""
    if len(text) <= LONG_CHARS:
        return text
    parts = sentences(text)
    if len(parts) < 2:
        return text
    scores = [asking_score(s) for s in parts]
    ranked = sorted(range(len(parts)), key=lambda i: (scores[i], i), reverse=True)
    chosen = [i for i in ranked if scores[i] >= ASKING][:KEPT_SENTENCES]
    if not chosen:
        chosen = list(range(len(parts)))[-KEPT_SENTENCES:]
    problems = [problem_score(s) if i not in chosen else 0 for i, s in enumerate(parts)]
    worst = max(range(len(parts)), key=lambda i: (problems[i], i))
    if problems[worst] > 0:
        chosen.append(worst)
    kept: list[int] = []
    for index in chosen:  # most asking first, the problem last: the first always fits
        if kept and sum(len(parts[i]) for i in kept) + len(parts[index]) > KEPT_CHARS:
            continue
        kept.append(index)
    question = " ".join(parts[i] for i in sorted(kept))
    dropped_codes = [c for c in dict.fromkeys(ERROR_CODE.findall(text)) if c not in question]
    return " ".join([question, *dropped_codes])
