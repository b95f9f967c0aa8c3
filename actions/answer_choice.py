"""Answer first: the bot's decision between one article, a choice of close articles and "no ready
answer", made from the search's whole ranking, where the NLU placed the message, and what the
intent's most similar training examples are answered with (actions/example_articles.py).

The search's own verdict (retrieval/ranking.py) asks for a wide lead before it answers; taken as
the bot's reply, it clarified on most plain questions, often with a choice of one. Here:
- the search is sure → its article, unless a very confident intent's own article is among the
  top ones (the NLU is surer than the search's lead);
- the intent's own article is among the close top ones → that article (the NLU and the search
  agree), before any choice is offered;
- a choice only when two or three articles are genuinely close (fused scores within
  CLOSE_FUSED of the best, or a best no signal ranks first), never a choice of one; otherwise the
  best article; a best no signal ranks first gives way to the one close article the signals agree
  on;
- the search found nothing good: on a support topic, the best article when the search's signals
  agree on it with a lead, else the article the examples point at (under an intent the NLU is
  unsure of, the best one that scores near a sure answer first); for a message the NLU could not
  place, a clear best or one that scores near a sure answer; for one the NLU leans to put outside
  the help center, only one that scores near a sure answer (the signals' agreement on an article
  that scores nowhere near it is no answer: "вы делаете гравировку?" is not about a wrong item);
  for an off-topic one, nothing.
  When the examples say this kind of question has no article, there is no answer, not even the
  topic's stock reply; except under a confident intent whose whole topic is one article, which
  is answered with it (the contacts, for a channel the help center does not list).
Pure functions over the ranking, so every rule is testable without a search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from actions.knowledge_answer import KnowledgeAnswer, Ranked

Decision = Literal["answer", "clarify", "abstain"]
# Where the NLU put the message: a support topic (order_status...), nowhere sure (nlu_fallback,
# a vague opener), outside the help center but unsure of it (an out_of_scope below its bar:
# "doubtful"), or confidently outside it (out_of_scope).
Placement = Literal["topic", "unplaced", "doubtful", "off_topic"]
# Articles whose fused scores are this close to the best are a genuine choice.
CLOSE_FUSED = 0.01
# Articles this close to the best are offered under "other articles".
OTHER_FUSED = 0.6
OTHER_ARTICLES = 2
MAX_CHOICE = 3
# The intent's article (actions/example_articles.py) is taken over the best when it ranks this
# high and this close to it; when the search found nothing good, within the wider window.
EXAMPLES_DEPTH = 3
EXAMPLES_WINDOW = 0.08
EXAMPLES_WINDOW_UNSURE = 0.5
# An intent this confident speaks louder: its article is taken within the wide window even over a
# search that is sure of another ("какой у вас номер телефона" is contacts, not changing one's
# phone number in the profile).
INTENT_SURE = 0.9
EXAMPLES_WINDOW_SURE_INTENT = 0.7
# ... when the search also scores that article as a good answer: a sure search's best is not
# overruled by a weak one ("у меня promo code не работает" read as a sign-in code at 0.93).
SURE_INTENT_ARTICLE_SCORE = 0.95
# An intent this confident tips a search unsure between close articles towards its own within a
# somewhat wider window ("can the courier come friday instead": changing the date, not a courier
# who did not come).
INTENT_LEANS = 0.8
EXAMPLES_WINDOW_LEANING = 0.15
# A best article that none of the search's signals ranks first, with a lead this small, is not
# clearly best ("доставка": delays, costs, abroad): the close ones are offered.
UNAGREED_LEAD = 0.2
# A search that found nothing good still answers a support-topic question when this many signals
# put the best article first with this lead over the next; an unplaced one needs a clear lead.
SURE_AGREEMENT = 2
# ... and over an NLU sure the message is outside the help center, most of the signals.
OFF_TOPIC_AGREEMENT = 4
# A close second that most signals rank first, by this many signals more than the best has, and
# within this much fused score of it, is the better article (measured on the read parts' turns:
# the second was the expected article 6 times of 8 where this window fired).
OUTVOTE_MARGIN = 2
OUTVOTE_WINDOW = 0.2
SURE_LEAD = 0.1
UNPLACED_LEAD = 0.2
# ... or when its calibrated score is at least this: a fused score within about 1.0 of the index's
# calibration midpoint, which the best article of an unusually worded store question reaches
# ("подарили сертификат, можно обратно деньгами?") and an off-topic one does not ("а пиццу вы
# доставляете?" scores about 1e-9). This also holds under an intent the NLU is unsure of.
UNPLACED_SCORE = 0.001
# Where the NLU leans to put the question outside the help center, twenty times that: a service
# or a shop the help center does not describe shares a word or two with an unrelated article and
# scores below it ("заберёте старую стиральную машину на утилизацию?": a wrong item, about 0.006;
# "у вас есть магазин в Казани, посмотреть телевизор вживую?": a faulty item, 0.015).
DOUBTFUL_SCORE = 0.02
# Below this the NLU is unsure of the intent (actions/knowledge_precedence.py uses it too).
INTENT_UNSURE = 0.5
# An intent this confident whose whole topic is one article (contacts_hours: contacts) is answered
# with it when the search finds nothing good: "какой у вас адрес почты" ranks receipts first, and
# "у вас есть телеграм?" has no article of its own, but the contacts are the way forward.
INTENT_ALONE = 0.8


@dataclass(frozen=True)
class Choice:
    decision: Decision
    articles: tuple[str, ...] = ()  # answer: the one article; clarify: the close ones
    others: tuple[str, ...] = ()  # answer: what "other articles" shows
    no_article: bool = False  # abstain: this kind of question has no article at all


class Scored(Protocol):
    """An article as a ranking holds it: the search's (ArticleScore) or the action's (Ranked)."""

    @property
    def fused(self) -> float: ...

    @property
    def agreement(self) -> int | None: ...


def clear_best(ranked: Sequence[Scored]) -> bool:
    """The search's signals agree on its best article with a lead: what a support-topic question
    is answered with even when the search's own verdict is unsure. Training examples are labelled
    by the same bar (actions/knowledge_provider.py), so "this kind of question has no article"
    means the bot would answer none of them, not that the search was short of its strictest."""
    if not ranked:
        return False
    agreement = ranked[0].agreement
    return agreement is not None and agreement >= SURE_AGREEMENT and _lead(ranked) >= SURE_LEAD


def agreed_over_off_topic(ranked: Sequence[Scored]) -> bool:
    """Most of the search's signals rank its best article first, by a clear lead: enough to
    answer a message the NLU puts outside the help center, or one right after such a message."""
    if not ranked:
        return False
    return (ranked[0].agreement or 0) >= OFF_TOPIC_AGREEMENT and _lead(ranked) >= UNPLACED_LEAD


def _lead(ranked: Sequence[Scored]) -> float:
    return ranked[0].fused - ranked[1].fused if len(ranked) > 1 else float("inf")


def _agreed(item: Ranked) -> bool:
    return item.agreement is None or item.agreement >= SURE_AGREEMENT


def _answer(ranked: tuple[Ranked, ...], chosen: Ranked) -> Choice:
    others = tuple(
        r.id for r in ranked if r.id != chosen.id and chosen.fused - r.fused < OTHER_FUSED
    )
    return Choice("answer", (chosen.id,), others[:OTHER_ARTICLES])


def choose(
    answer: KnowledgeAnswer, placed: Placement, intent_confidence: float | None = None
) -> Choice:
    """The bot's decision; `intent_confidence` is the NLU's for the topic (None: not known)."""
    ranked = answer.ranked
    if not ranked:
        ids = tuple(a.id for a in answer.articles)
        if answer.outcome == "abstain" or not ids:
            return Choice("abstain")
        return Choice("answer", ids[:1], ids[1:MAX_CHOICE])
    top = ranked[0]
    sure_intent = intent_confidence is not None and intent_confidence >= INTENT_SURE
    unsure_intent = intent_confidence is not None and intent_confidence < INTENT_UNSURE
    window = EXAMPLES_WINDOW
    if sure_intent:
        window = EXAMPLES_WINDOW_SURE_INTENT
    elif intent_confidence is not None and intent_confidence >= INTENT_LEANS:
        window = EXAMPLES_WINDOW_LEANING
    if answer.outcome == "answer":
        leaning = window != EXAMPLES_WINDOW
        pointed = _pointed(ranked, answer.examples, window) if leaning else None
        if pointed is not None and pointed.score < SURE_INTENT_ARTICLE_SCORE:
            pointed = None
        if pointed is not None:
            return _answer(ranked, _outvoted_within(ranked, pointed, answer.examples))
        return _answer(ranked, _outvoted_close(ranked) or top)
    if answer.outcome == "abstain":
        pointed = _pointed(ranked, answer.examples, EXAMPLES_WINDOW_UNSURE)
        alone = intent_confidence is not None and intent_confidence >= INTENT_ALONE
        if placed == "topic" and alone and answer.intent_article:
            return Choice("answer", (answer.intent_article,))
        return _unsure(ranked, pointed, placed, answer.examples, unsure_intent)
    if placed == "off_topic":
        # the NLU puts it outside the help center, the search finds an article near an answer
        # that most of its signals rank first by a clear lead: a store question about a product
        # ("bought a coffee grinder on friday and now its 1500 rub cheaper, can i get the
        # difference back?" is the price-drop article)
        if agreed_over_off_topic(ranked):
            return _answer(ranked, top)
        return Choice("abstain")
    # The NLU and the search agree on a near article: it is answered, not offered as a choice;
    # unless most signals rank the best first and none that one, under an intent the NLU is not
    # sure of ("а подарочный сертификат бонусами оплатить можно?" is the gift cards' article by
    # six signals, not payment_methods' page by none).
    pointed = _pointed(ranked, answer.examples, window)
    if pointed is not None and (sure_intent or not _outvotes(top, pointed)):
        return _answer(ranked, _outvoted_within(ranked, pointed, answer.examples))
    if (outvoted := _outvoted_close(ranked)) is not None:
        return _answer(ranked, outvoted)
    unagreed = tuple(
        r
        for r in ranked[1:MAX_CHOICE]
        if top.agreement == 0 and top.fused - r.fused < UNAGREED_LEAD
    )
    # Of the close ones, the only one the signals agree on is the answer: the best's lead comes
    # from summing signals none of which ranks it first ("2 футболки вместо 3" is a partial
    # delivery, not a damaged parcel).
    agreed = [r for r in unagreed if r.agreement is not None and r.agreement >= SURE_AGREEMENT]
    if len(agreed) == 1:
        return _answer(ranked, agreed[0])
    if unagreed:
        return Choice("clarify", (top.id, *(r.id for r in unagreed)))
    close = tuple(r.id for r in ranked[1:MAX_CHOICE] if top.fused - r.fused < CLOSE_FUSED)
    if close:
        return Choice("clarify", (top.id, *close))
    return _answer(ranked, top)


def choose_for_topic_name(answer: KnowledgeAnswer) -> Choice:
    """A message that only names a topic ("доставка", "refund"): the article the search itself is
    sure of, else its top articles as a choice. The intent's articles do not decide here: a
    topic's name alone says nothing of which of them (order_status points "доставка" at delays)."""
    if answer.outcome == "answer":
        return choose(answer, "unplaced")
    ids = tuple(r.id for r in answer.ranked[:MAX_CHOICE]) or tuple(
        a.id for a in answer.articles[:MAX_CHOICE]
    )
    if len(ids) < 2:
        return Choice("answer", ids) if ids else Choice("abstain")
    return Choice("clarify", ids)


def _pointed(
    ranked: tuple[Ranked, ...], examples: frozenset[str] | None, window: float
) -> Ranked | None:
    """The best-ranked of the intent's articles, if it is near enough the best."""
    if not examples:
        return None
    best = ranked[0].fused
    for item in ranked[:EXAMPLES_DEPTH]:
        if item.id in examples and best - item.fused <= window:
            return item
    return None


def _outvotes(top: Ranked, other: Ranked) -> bool:
    """Most of the search's signals rank `top` first, and none `other`."""
    agreed = (top.agreement or 0) >= OFF_TOPIC_AGREEMENT
    return top.id != other.id and agreed and other.agreement == 0


def _outvoted_by(ranked: tuple[Ranked, ...], examples: frozenset[str] | None) -> Ranked | None:
    """The close article most of the search's signals rank first, when hardly any rank the best
    first (fewer than SURE_AGREEMENT) and the best leads it by less than SURE_LEAD; one of the
    intent's own articles (`examples`), when the intent has any: refund_status's "вернула пылесос,
    а деньги не пришли" stays with the refund times, which double charges outvote."""
    top = ranked[0]
    if top.agreement is None or top.agreement >= SURE_AGREEMENT:
        return None
    return next(
        (
            r
            for r in ranked[1:MAX_CHOICE]
            if top.fused - r.fused < SURE_LEAD
            and (r.agreement or 0) >= OFF_TOPIC_AGREEMENT
            and (not examples or r.id in examples)
        ),
        None,
    )


def _outvoted_close(ranked: tuple[Ranked, ...]) -> Ranked | None:
    """The close second (within OUTVOTE_WINDOW) that most of the search's signals rank first,
    where at most SURE_AGREEMENT rank the best first and the second has OUTVOTE_MARGIN more: "after
    I drop it off how soon do I get the money?" is the refund times by four signals, not the price
    drop a hair ahead by two."""
    if len(ranked) < 2:
        return None
    top, second = ranked[0], ranked[1]
    if top.agreement is None or second.agreement is None or top.agreement > SURE_AGREEMENT:
        return None
    close = top.fused - second.fused < OUTVOTE_WINDOW
    most = second.agreement >= OFF_TOPIC_AGREEMENT
    return second if close and most and second.agreement >= top.agreement + OUTVOTE_MARGIN else None


def _outvoted_within(
    ranked: tuple[Ranked, ...], pointed: Ranked, examples: frozenset[str] | None
) -> Ranked:
    """The intent's article, unless it is the best and a close second that is the intent's too
    outvotes it (`_outvoted_close`): return_item's articles hold both the wrong item and the
    exchange, and "хочу поменять на модель подороже" is the exchange by four signals to two."""
    outvoted = _outvoted_close(ranked)
    if pointed is ranked[0] and outvoted is not None and examples and outvoted.id in examples:
        return outvoted
    return pointed


def _unsure(
    ranked: tuple[Ranked, ...],
    pointed: Ranked | None,
    placed: Placement,
    examples: frozenset[str] | None,
    unsure_intent: bool = False,
) -> Choice:
    """The search found nothing good: answer only with support from elsewhere. `examples`: the
    articles the intent's examples are answered with (empty: this kind of question has none)."""
    top = ranked[0]
    if placed == "topic":
        if examples == frozenset():
            return Choice("abstain", no_article=True)
        # A best article the search's signals agree on with a lead is not overruled by one the
        # intent's examples point at further down ("can i pay in instalmants?": instalments,
        # not the payment methods page payment_methods is usually answered with).
        if _agreed(top) and _lead(ranked) >= SURE_LEAD:
            return _answer(ranked, top)
        # A best that one signal ranks first, a hair ahead of one most signals rank first, gives
        # way to that one ("хочу обменять электрочайник на другой цвет, белый не подошёл":
        # exchange by six signals, a wrong item by one).
        if (outvoted := _outvoted_by(ranked, examples)) is not None:
            return _answer(ranked, outvoted)
        # An intent the NLU is unsure of is no better support than none at all: the search's
        # best, when it scores as an unplaced question's must, before the intent's article
        # ("подарили сертификат, можно обратно деньгами?" read as product_info at 0.37).
        if unsure_intent and top.score >= UNPLACED_SCORE:
            return _answer(ranked, top)
        if pointed is not None:
            return _answer(ranked, pointed)
    elif placed in ("unplaced", "doubtful"):
        # The signals' agreement alone is enough where the NLU did not lean outside; where it
        # leans, as much as over an NLU sure of it: most signals by a clear lead ("Чайник
        # перестал греть через два месяца" is the faulty-goods article by four signals).
        clear = placed == "unplaced" and _agreed(top) and _lead(ranked) >= UNPLACED_LEAD
        clear = clear or (placed == "doubtful" and agreed_over_off_topic(ranked))
        if clear or top.score >= (UNPLACED_SCORE if placed == "unplaced" else DOUBTFUL_SCORE):
            return _answer(ranked, top)
    return Choice("abstain")
