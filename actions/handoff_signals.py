"""How hard a message presses for a person, by signals rather than phrases (issue 19).

A plain question, even a "why" one ("почему не приходит код?"), is answered. A customer who has
had enough wants a person now, which shows in the signals of the message, each counted once:
- anger: an anger word ("ridiculous", "безобразие", "driving me mad");
- repeated contact, a long wait or a broken promise: "третий день", "уже две недели", "nobody
  tells me", "никто не отвечает", "обещали";
- indignation in the punctuation: "!" after words, "?!", "??".
Two signals escalate ("This is ridiculous, rescheduled three times"; "курьер третий день не
приезжает! Я с работы отпрашиваюсь!"); one is a complaint that still gets its answer with a line
of empathy (actions/negativity.py). A demand that the company act on it ("Разберитесь,
пожалуйста", "please sort this out") escalates alone: only a person can.
"""

from __future__ import annotations

import re

from actions.negativity import ANGER
from actions.text_fold import folded

# Anger said in more than one word, and stems the anger list lacks.
ANGER_PHRASES = re.compile(
    r"\b(?:driv(?:es|ing) me (?:mad|crazy|nuts|insane)|fed up|sick (?:and tired )?of"
    r"|(?:is|it's|its) a joke|сводит с ума|с ума сойти|надоело|достало|издева\w*|нервы)"
)
# The customer has contacted the company before, waited long or been let down: "третий раз пишу",
# "курьер третий день обещает", "уже две недели", "nobody tells me why". A problem that happened
# twice ("списали ДВА раза", "опять надо входить") is the problem itself, not a signal.
WAITED = re.compile(
    r"\b(?:втор|трет|четверт|пят|шест|десят|котор)\w* (?:день|дня|дней|недел\w*|месяц\w*)"
    # "через 8 месяцев перестали заряжаться" is the item's age, not a wait
    r"|(?<!через )\b(?:два|две|три|четыре|пять|шесть|несколько|\d+) (?:дня|дней|недели|недель"
    r"|месяца|месяцев)\b(?! назад)"
    r"|\b(?:уже|целую|целый|больше) (?:неделю|месяц|две недели|три недели|\d+ (?:дн|недел))"
    r"|\bдо сих пор\b|\bобеща\w*"
    r"|\b(?:\w+ )?раз (?:пишу|звоню|обращаюсь|пишем|звоним)|\b(?:пишу|звоню|обращаюсь) (?:уже|вам) "
    r"(?:\w+ )?(?:раз|день|дня|дней|недел\w*)"
    r"|\bникто (?:ничего )?не (?:отвечает|ответил|объясня\w*|перезвон\w*|звонит|говорит"
    r"|может|помог\w*|реагиру\w*)"
    r"|\b(?:(?:second|third|fourth|fifth) (?:day|week)|(?:for|over) (?:two|three|four|several"
    r"|\d+) (?:days|weeks|months)|after (?:two|three|four|several|\d+) (?:days|weeks|months)"
    r"|(?:two|three|four|\d+) weeks|still (?:no|not|nothing|waiting|hasn't|haven't)"
    r"|(?:nobody|no one) (?:tells|told|answers|answered|replies|replied|calls|called"
    r"|explains|helps|gets back)|(?:writing|calling|contacting) (?:you )?(?:for the )?"
    r"(?:second|third|\w+th) time|promised)\b"
)
INDIGNANT = re.compile(r"\?!|!\?|\?\?|[^\W\d_][^.!?\n]*!")
# Only a person can do this: the customer tells the company to act on their case.
DEMANDS = re.compile(
    r"\b(?:разберитесь|примите меры|верните мои деньги|требую|"
    r"(?:please |can you |could you )?sort (?:this|it) out(?! myself)|look into (?:this|it) now"
    r"|i demand)\b"
)
# Not enough to escalate, but worth a line of empathy when a person is asked for: the company's
# fault happened more than once, or the customer needs it sorted now.
PRESSING = re.compile(
    r"\b(?:twice|two times|three times|again|keeps?|дважды|два раза|три раза|опять|снова"
    r"|now|right away|immediately|asap|urgently|сейчас же|немедленно|срочно|прямо сейчас)\b"
)
ESCALATION_SIGNALS = 2
_WORD = re.compile(r"[^\W\d_]+")
# A greeting or thanks that ends with "!" is no indignation.
_POLITE = re.compile(
    r"(?:здравствуйте|привет|добрый (?:день|вечер)|доброе утро|спасибо|hello|hi|hey|thanks"
    r"|thank you)\s*!",
    re.IGNORECASE,
)


def _angry(lowered: str) -> bool:
    words = _WORD.findall(lowered)
    return any(word.startswith(ANGER) for word in words) or bool(ANGER_PHRASES.search(lowered))


def grievance_signals(text: str) -> int:
    """How many kinds of signal the message gives: anger, a long wait, indignation (0 to 3)."""
    lowered = folded(text)
    waited = bool(WAITED.search(lowered))
    indignant = bool(INDIGNANT.search(_POLITE.sub(" ", text or "")))
    return sum((_angry(lowered), waited, indignant))


def complains_in_words(text: str) -> bool:
    """Anger or a long wait said in words ("второй день жду хоть какого-то ответа", "this is
    ridiculous"); punctuation alone ("???", "срочно!") is not."""
    lowered = folded(text)
    return _angry(lowered) or bool(WAITED.search(lowered))


def demands_action(text: str) -> bool:
    """The customer tells the company to act on their case: "разберитесь", "sort this out"."""
    return bool(DEMANDS.search(folded(text)))


def escalates(text: str) -> bool:
    """The customer has had enough and wants a person now, without asking for one in words."""
    return demands_action(text) or grievance_signals(text) >= ESCALATION_SIGNALS


def grieves(text: str) -> bool:
    """Any sign of a grievance: a request for a person with it deserves a line of empathy
    ("You took the payment twice, I want to speak to someone now")."""
    pressing = bool(PRESSING.search(folded(text)))
    return pressing or grievance_signals(text) > 0 or demands_action(text)
