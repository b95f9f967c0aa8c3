"""The name a case carries: the one the customer gave for themselves, kept until they correct it.

The `customer_name` slot takes every name the NLU reads (domain.yml maps it from any message), so a
later message can change it: a shorter signature ("Андрей Кузнецов", later "... Андрей"), the
person to reach ("звоните Олегу: ¶"), a name said to the agent. The policy a case follows, read
from the conversation's events:

- the first name the customer gives stays;
- it is replaced only by a correction in so many words ("меня зовут не Оля, а Ольга", "sorry, it's
  Jon, not John") or by a fuller form of itself ("Андрей", then "Андрей Кузнецов");
- the person to reach at a contact fills the name only while none is known.

What a turn set is read at the end of the turn: the form writes the raw answer to the name question
into the slot and its validation empties it again when it is no name ("не скажу").
"""

from __future__ import annotations

from typing import Any

from bot.common.facts import extract_facts

NAME_SLOT = "customer_name"


def _fuller(new: str, known: str) -> bool:
    """`new` is `known` with more words: "Андрей" → "Андрей Кузнецов"."""
    known_words, new_words = known.casefold().split(), new.casefold().split()
    return len(new_words) > len(known_words) and new_words[: len(known_words)] == known_words


def _kept(known: str | None, new: str, said: str) -> str:
    """The name after a turn that set the slot to `new` with the message `said`."""
    if known is None or new == known:
        return new
    kind = extract_facts(said).name_kind if said else "own"
    return new if kind == "correction" or _fuller(new, known) else known


def own_name(events: list[dict[str, Any]]) -> str | None:
    """The customer's own name by the policy above, from the tracker's events (None if none)."""
    known: str | None = None
    value: Any = None
    turn_value: Any = None
    said = ""
    for event in [*events, {"event": "user", "text": ""}]:
        kind = event.get("event")
        if kind == "user":
            if isinstance(turn_value, str) and turn_value.strip() and turn_value != value:
                known = _kept(known, turn_value.strip(), said)
            value, said = turn_value, str(event.get("text") or "")
        elif kind == "slot" and event.get("name") == NAME_SLOT:
            turn_value = event.get("value")
        elif kind == "session_started":
            value = turn_value = None
    return known
