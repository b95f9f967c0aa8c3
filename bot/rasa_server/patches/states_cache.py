"""The dialogue states of a conversation computed once per prediction instead of twice.

To predict the next action, RulePolicy looks for a rule twice, first with the text of the latest
message and then with its intent, and each look computes `DialogueStateTracker.past_states` anew
by replaying the whole conversation (0.2 ms for a short one, growing with its length). The states
depend only on the tracker's events, the domain and the call's options, so the last result is
kept and handed out again while the same tracker has the same events; each caller gets its own
copy of the state dictionaries, which the featurizer edits in place. Installed by
the registry (`patches/registry.py`) in the Rasa server only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

RASA_PAST_STATES = DialogueStateTracker.past_states


@dataclass
class LastStates:
    """The latest `past_states` result and what it was computed from (held, so never reused)."""

    key: tuple[Any, ...] | None = None
    states: list[State] = field(default_factory=list)


_last_states = LastStates()


def past_states(
    tracker: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """Replaces `DialogueStateTracker.past_states`."""
    events = tracker.events
    last_event = events[-1] if events else None
    key = (
        tracker,
        len(events),
        last_event,
        domain,
        omit_unset_slots,
        ignore_rule_only_turns,
        rule_only_data,
    )
    kept = _last_states
    if kept.key is None or not same_key(kept.key, key):
        kept.states = RASA_PAST_STATES(
            tracker, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data
        )
        kept.key = key
    return copied(kept.states)


def same_key(kept: tuple[Any, ...], key: tuple[Any, ...]) -> bool:
    """Same tracker, last event and domain by identity; same count and options by value
    (RulePolicy builds its `rule_only_data` afresh for every call, equal each time)."""
    tracker, count, last, domain, *options = key
    return (
        kept[0] is tracker
        and kept[1] == count
        and kept[2] is last
        and kept[3] is domain
        and list(kept[4:]) == options
    )


def copied(states: list[State]) -> list[State]:
    """A copy down to the sub-state dictionaries, whose values (strings, tuples) are immutable."""
    return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]
