"""Every speed patch to Rasa 3.6, by name, behind one switch (`ASSISTANT_RASA_PATCHES`).

Rasa Open Source 3.6 is frozen, so its hot paths are replaced here rather than upstream. Each patch
names the Rasa attributes it replaces; `install` keeps the originals and `uninstall` puts them back,
so a test (or a stock run with `none`) always sees Rasa's own code. A Rasa other than the version
the patches were written for gets none of them: their equivalence to Rasa's code was checked on it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("rasa_server.patches")
WRITTEN_FOR = "3.6.21"
MISSING = object()  # an attribute Rasa does not define (Slot.__copy__): removed on uninstall


class PatchError(ValueError):
    """The switch names a patch that does not exist; the message lists the ones that do."""


@dataclass(frozen=True)
class Replacement:
    owner: Any
    attribute: str
    value: Any


@dataclass(frozen=True)
class Patch:
    name: str
    why: str
    replacements: Callable[[], tuple[Replacement, ...]]  # built on demand: imports Rasa's modules
    rasa_version: str = WRITTEN_FOR


_originals: dict[tuple[int, str], tuple[Any, str, Any]] = {}


def _replacements_graph_runner() -> tuple[Replacement, ...]:
    from rasa.engine.runner.dask import DaskGraphRunner

    from bot.rasa_server.patches.graph_runner import run_in_order

    return (Replacement(DaskGraphRunner, "run", run_in_order),)


def _replacements_diet_intents() -> tuple[Replacement, ...]:
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    from bot.rasa_server.patches.diet_intents import predict

    return (Replacement(DIETClassifier, "_predict", predict),)


def _replacements_sparse_features() -> tuple[Replacement, ...]:
    from rasa.shared.nlu.training_data.features import Features

    from bot.rasa_server.patches.sparse_features import combine_sparse_features

    return (Replacement(Features, "_combine_sparse_features", combine_sparse_features),)


def _replacements_slot_copy() -> tuple[Replacement, ...]:
    from rasa.shared.core.slots import Slot

    from bot.rasa_server.patches.slot_copy import copy_slot

    return (Replacement(Slot, "__copy__", copy_slot),)


def _replacements_states_cache() -> tuple[Replacement, ...]:
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_server.patches.states_cache import past_states

    return (Replacement(DialogueStateTracker, "past_states", past_states),)


def _replacements_endpoint_sessions() -> tuple[Replacement, ...]:
    import rasa.core.run
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_server.patches.endpoint_sessions import (
        close_resources,
        rasa_close_resources,
        session_for,
    )

    rasa_close_resources()  # Rasa's own listener, looked up before it is replaced
    return (
        Replacement(EndpointConfig, "session", session_for),
        Replacement(rasa.core.run, "close_resources", close_resources),
    )


def _replacements_action_calls() -> tuple[Replacement, ...]:
    from rasa.core.actions.action import RemoteAction

    from bot.rasa_server.patches.action_calls import action_call_format, validate_action_reply

    return (
        Replacement(RemoteAction, "_validate_action_result", validate_action_reply),
        Replacement(RemoteAction, "_action_call_format", action_call_format),
    )


def _replacements_event_types() -> tuple[Replacement, ...]:
    from rasa.shared.core.events import Event

    from bot.rasa_server.patches.event_types import resolve_event_type

    return (Replacement(Event, "resolve_by_type", staticmethod(resolve_event_type)),)


def _replacements_frozen_heap() -> tuple[Replacement, ...]:
    from rasa.core.agent import Agent

    from bot.rasa_server.patches.frozen_heap import load_model

    return (Replacement(Agent, "load_model", load_model),)


PATCHES = (
    Patch(
        "graph_runner",
        "runs the model's graph node by node without dask",
        _replacements_graph_runner,
    ),
    Patch(
        "diet_intents",
        "DIET's intent scores by numpy from its own weights",
        _replacements_diet_intents,
    ),
    Patch(
        "sparse_features",
        "sparse features joined without scipy's block stacking",
        _replacements_sparse_features,
    ),
    Patch(
        "slot_copy", "slots copied without copy.copy's generic protocol", _replacements_slot_copy
    ),
    Patch(
        "states_cache",
        "RulePolicy's two looks share one replay",
        _replacements_states_cache,
    ),
    Patch(
        "endpoint_sessions", "one kept-alive session per endpoint", _replacements_endpoint_sessions
    ),
    Patch(
        "action_calls",
        "replies checked by prebuilt validators; lean call bodies",
        _replacements_action_calls,
    ),
    Patch(
        "event_types",
        "event classes from a table built once",
        _replacements_event_types,
    ),
    Patch(
        "frozen_heap",
        "the loaded model's objects left out of garbage collection",
        _replacements_frozen_heap,
    ),
)
NAMES = tuple(patch.name for patch in PATCHES)


def select(switch: str) -> tuple[Patch, ...]:
    """`all`, `none` or comma-separated names, `all` among them → the patches, in registry
    order."""
    value = switch.strip()
    if value == "none" or not value:
        return ()
    wanted = {name.strip() for name in value.split(",") if name.strip()}
    if "all" in wanted:
        wanted |= set(NAMES)
        wanted.discard("all")
    unknown = sorted(wanted - set(NAMES))
    if unknown:
        raise PatchError(
            f"ASSISTANT_RASA_PATCHES: unknown patch {', '.join(unknown)}; "
            f"known: all, none, {', '.join(NAMES)}."
        )
    return tuple(patch for patch in PATCHES if patch.name in wanted)


@functools.cache
def rasa_version() -> str:
    import rasa

    return str(rasa.__version__)


def install(patches: Iterable[Patch]) -> list[str]:
    """Installs the patches written for the running Rasa; returns the names installed."""
    chosen = list(patches)
    if chosen and rasa_version() != WRITTEN_FOR:
        log.warning(
            "rasa_server.patches.refused rasa=%s written_for=%s: running stock Rasa",
            rasa_version(),
            WRITTEN_FOR,
        )
        return []
    for patch in chosen:
        for item in patch.replacements():
            key = (id(item.owner), item.attribute)
            if key not in _originals:
                original = item.owner.__dict__.get(item.attribute, MISSING)
                _originals[key] = (item.owner, item.attribute, original)
            setattr(item.owner, item.attribute, item.value)
    names = [patch.name for patch in chosen]
    log.info("rasa_server.patches.installed names=%s", ",".join(names) or "none")
    return names


def uninstall() -> None:
    """Puts back every attribute a patch replaced (Rasa's own code again)."""
    for owner, attribute, original in _originals.values():
        if original is MISSING:
            if attribute in owner.__dict__:
                delattr(owner, attribute)
        else:
            setattr(owner, attribute, original)
    _originals.clear()


def targets() -> list[tuple[Any, str]]:
    """Every (owner, attribute) any patch replaces: what a test snapshots and restores."""
    return [(r.owner, r.attribute) for patch in PATCHES for r in patch.replacements()]
