"""Whether an irritated message is answered before a person is brought in (issue 18).

A customer who asks a question with some irritation ("уже неделю жду, где мой заказ?!", "I've
been waiting for 10 days, where is my parcel??") wants the answer first, with a line of empathy
and a person offered beside it; the signals that would otherwise escalate (a long wait, anger,
indignant punctuation: actions/handoff_signals.py) do not take them straight to the handoff form.
A person comes at once, as before, for a request for one in so many words, a demand that the
company act ("разберитесь", "верните немедленно"), swearing, or irritation that asks nothing. A
"why" that opens a reproach ("Почему курьер третий день не приезжает?", "nobody tells me why")
asks for no information the help center holds: it is a complaint, not a question.
"""

from __future__ import annotations

from actions.handoff_signals import demands_action, grievance_signals
from actions.handoff_trigger import asks_for_person
from actions.negativity import is_complaint, swears
from actions.question_words import INFORMATION, asks


def asks_for_information(text: str) -> bool:
    """A sentence asks something the help center may answer (a question mark or a question word),
    and none of its clauses opens as a reproach ("почему", "why", "какого чёрта")."""
    return asks(text, INFORMATION)


def answered_first(text: str) -> bool:
    """The message asks a question: it is answered, even when irritated, unless it asks for a
    person, demands that the company act or swears."""
    if asks_for_person(text) or demands_action(text) or swears(text):
        return False
    return asks_for_information(text)


def irritated(text: str) -> bool:
    """Displeasure worth a line of empathy and a person offered beside the answer."""
    return is_complaint(text) or grievance_signals(text) > 0
