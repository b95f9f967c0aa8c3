"""Rasa's response generator, addressing the customer by name once the name becomes known.

The support style this product follows: once the customer's name is known, the next reply
addresses them by it; after that only where a response itself says the name (the thanks after the
details, a greeting by name) or an action asks for it (`address_by_name=True`: the introduction of
a handoff, which opens a new part of the conversation). This is one rule for every reply, in both
languages and whatever produced it (a rule's response, the knowledge answer, the form): the reply
the bot writes first after the `customer_name` slot takes a new value starts with the name ("Вера,
вот что нашёл в справке…") unless it already says it. Replies later on are left alone.

Whether the name is due is read from the tracker Rasa hands to the generator: the name became
known at the latest change of the slot's value, and was used if a bot message since says it (the
replies of one action, made before any of them is in the tracker, are told apart in memory).
While the handoff form still asks for the name, the slot may hold the customer's raw answer ("не
скажу") that the form is about to refuse: no name is known then.

Responses are filled with the name as a person is addressed: "Андрей Кузнецов" → "Андрей",
"Галина Петровна" stays as it is, "Кузнецов Андрей" → "Андрей".

Named by module path in endpoints.yml (`nlg:`, bot/supervisor/rasa_files.py); Rasa keeps it on
every model it loads.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.common.facts.lexicon import first_names, is_known, parses
from bot.common.facts.name_cues import TITLES
from bot.common.facts.name_parts import is_initial
from bot.common.facts.translit import is_latin

NAME_SLOT = "customer_name"
FORM = "handoff_form"
REQUESTED_SLOT = "requested_slot"
NAME_ARGUMENT = "name"  # action_respond_by_name passes the name as {name}
# An action asks for its reply to address the customer, due or not (the handoff's introduction).
ADDRESS_ARGUMENT = "address_by_name"
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# "I'm", "I'll": an English reply starting with "I" keeps its capital after the name.
_ENGLISH_I = re.compile(r"^I(?:['’][a-z]+)?$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+(?:['’-][^\W\d_]+)*)")
MAX_REMEMBERED = 1000


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _grammemes(word: str) -> set[str]:
    found: set[str] = set()
    for reading in parses(word.lower())[:3]:
        found |= set(reading.tag.grammemes)
    return found


def _first_name_score(word: str) -> int:
    """How surely a word is a first name, 0 to 3: on natasha's list of first names, read first as
    one, read as one in the nominative singular. "Рамиль" scores above "Гусейнов" (a surname first,
    a name only as the plural of "Гусейн"); a Latin word, accented or not ("Ciarán Byrne"), is
    taken as it comes, first."""
    if is_latin(word):
        return 1
    readings = parses(word.lower())[:3]
    named = [p for p in readings if "Name" in p.tag.grammemes]
    top = readings[0].tag.grammemes if readings else set()
    return (
        (word.lower() in first_names())
        + ("Name" in top and "Surn" not in top)
        + any(p.tag.case == "nomn" and p.tag.number != "plur" for p in named)
    )


def address_form(name: str) -> str:
    """How a person is addressed: the first name, with the patronymic when given; a title with
    the surname ("Mr Thompson", "Dr Anna Rao" → "Dr Rao"), never the title alone."""
    words = name.split()
    if len(words) < 2:
        return name
    if words[0].rstrip(".").lower() in TITLES:
        return f"{words[0]} {words[-1]}"
    scores = [0 if is_initial(word) else _first_name_score(word) for word in words]
    if not any(scores):
        # "Кравец В. П.": the surname, since the initials say no first name
        return next((word for word in words if not is_initial(word)), words[0])
    index = scores.index(max(scores))
    word = words[index]
    after = words[index + 1] if index + 1 < len(words) else ""
    if after and not is_latin(after) and "Patr" in _grammemes(after):
        return f"{word} {after}"
    return word


def says_name(text: str, name: str) -> bool:
    """The first word of `name`, as a whole word of `text` (case-insensitive, ё = е)."""
    first = name.split()[0] if name.split() else ""
    if not first:
        return False
    return re.search(rf"(?<!\w){re.escape(_folded(first))}(?!\w)", _folded(text)) is not None


def _keeps_capital(word: str, after: str) -> bool:
    """A first word written with a capital for its own sake: "I", "LightMarket", "E-500",
    "Москва" (the likeliest reading of the word is a proper name; "К", "Об" are prepositions),
    "Лайтмаркет" (no dictionary word: a brand or a name)."""
    code = after[:1] == "-" or after[:1].isdigit()  # "E-500", "Т2"
    if _ENGLISH_I.match(word) or any(c.isupper() for c in word[1:]) or code:
        return True
    if word.isascii() or len(word) < 2:
        return False
    if not is_known(word.lower()):
        return True
    return bool(PROPER_GRAMMEMES & set(parses(word.lower())[0].tag.grammemes))


def addressed(text: str, name: str) -> str:
    """The reply starting with the name: "Вот что нашёл" → "Вера, вот что нашёл"."""
    match = _FIRST_WORD.match(text)
    if match and not _keeps_capital(match.group(1), text[match.end() :]):
        text = text[:1].lower() + text[1:]
    return f"{name}, {text}"


def known_name(tracker: DialogueStateTracker) -> str | None:
    """The customer's name, unless the form is still asking for it (see the module's docstring)."""
    name = tracker.get_slot(NAME_SLOT)
    if not isinstance(name, str) or not name.strip():
        return None
    asking = tracker.active_loop_name == FORM and tracker.get_slot(REQUESTED_SLOT) == NAME_SLOT
    return None if asking else name.strip()


def name_is_due(tracker: DialogueStateTracker, name: str, form: str) -> bool:
    """No bot message has said the name (as addressed: `form`) since the slot last took it."""
    value: Any = None
    since = 0
    for index, event in enumerate(tracker.events):
        if isinstance(event, SlotSet) and event.key == NAME_SLOT:
            if event.value != value and event.value == name:
                since = index
            value = event.value
    return not any(
        isinstance(event, BotUttered) and event.text and says_name(event.text, form)
        for event in list(tracker.events)[since:]
    )


class NameAddressing(TemplatedNaturalLanguageGenerator):
    """Rasa's templated responses, filled with the name as a person is addressed, the first one
    after the name becomes known starting with it."""

    def __init__(
        self,
        responses: dict[str, list[dict[str, Any]]] | None = None,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
    ) -> None:
        if responses is None:
            responses = domain.responses if domain is not None else {}
        super().__init__(responses)
        # Sender → (tracker, event count) of the latest reply that said the name: an action's
        # replies are all made from one tracker, before any of them is in its events.
        self._said: OrderedDict[str, tuple[int, int]] = OrderedDict()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        slots = tracker.current_slot_values()
        name = known_name(tracker)
        asked = bool(kwargs.pop(ADDRESS_ARGUMENT, False))
        if name is None:
            return self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        form = address_form(name)
        slots[NAME_SLOT] = form
        if kwargs.get(NAME_ARGUMENT) == name:
            kwargs[NAME_ARGUMENT] = form
        response = self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        text = response.get("text") if response else None
        if not isinstance(text, str) or not text.strip():
            return response
        if not asked and not self._due(tracker, name, form):
            return response
        if not says_name(text, form):
            response["text"] = addressed(text, form)
        self._remember(tracker)
        return response

    def _due(self, tracker: DialogueStateTracker, name: str, form: str) -> bool:
        if self._said.get(tracker.sender_id) == (id(tracker), len(tracker.events)):
            return False
        return name_is_due(tracker, name, form)

    def _remember(self, tracker: DialogueStateTracker) -> None:
        self._said[tracker.sender_id] = (id(tracker), len(tracker.events))
        self._said.move_to_end(tracker.sender_id)
        while len(self._said) > MAX_REMEMBERED:
            self._said.popitem(last=False)
