"""Starts the Rasa server: `python -m bot.rasa_server run ...` takes the arguments of `rasa run`.

Changes to hot paths of Rasa 3.6, the last open-source release (no upstream fix will come), found
by profiling `bench.latency`; each keeps Rasa's results and errors exactly:
- The model's graph runs node by node without dask's scheduler (bot/graph_runner.py).
- DIET calls its compiled TensorFlow function directly (bot/diet_predict.py), and without
  transformer layers (config.yml) its intent scores are computed with numpy from its own weights
  (bot/diet_intents.py): the same intents and rankings, the confidences equal to float32 rounding.
- Sparse features of the featurizers are joined without scipy's block stacking
  (bot/sparse_features.py).
- Slots are copied directly rather than through `copy.copy`'s generic protocol; each tracker Rasa
  builds copies them all (bot/slot_copy.py).
- RulePolicy's two looks for a rule per prediction (by the message's text, then by its intent)
  share one replay of the conversation into dialogue states (bot/states_cache.py).
- Calls to the action server reuse one kept-alive HTTP session, closed at the server's shutdown,
  and their bodies are written by ujson (bot/endpoint_sessions.py).
- Rasa checks every action server reply with `jsonschema.validate`, which first validates the
  schema itself against the JSON Schema meta-schema, on every call: about 20 ms per custom action
  with jsonschema 4.17, a third of Rasa's time per message. Here the validators are built once and
  each event is checked against its own type's schema only, slot events (nine in ten) by their
  schema's four checks written out (bot/action_reply_schema.py); a reply that fails goes through
  Rasa's own check, so the error and its message stay Rasa's.
- Reading a conversation from the tracker store looks up each event's class by walking every
  subclass of `Event` (`Event.resolve_by_type`): about 4 ms per message. Here the classes are
  looked up in a table built once; a name not in the table goes to Rasa's own lookup.
And one change to what is sent: every call to the action server carries the whole domain, 130 KB
of JSON of which 126 KB are the texts of the responses, serialised by Rasa and parsed by the action
server on each customer message (1.4 ms). The action server never renders a response (an action
names it and Rasa renders it) and only asks whether one exists, so it gets each response's name
with no variants; everything else in the domain (slots, forms, intents) is sent as is. The latest
message also carries the sentence vector the NLU made of it, so the search need not encode it again.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel

from bot import diet_intents, slot_copy, states_cache
from bot.action_reply_schema import reply_is_valid
from bot.diet_predict import predict_compiled
from bot.endpoint_sessions import close_kept_sessions, session_for
from bot.graph_runner import run_in_order
from bot.sparse_features import combine_sparse_features
from retrieval.known_vector import KNOWN_VECTOR_KEY, recent_vectors

RASA_VALIDATE = RemoteAction._validate_action_result
RASA_RESOLVE = Event.resolve_by_type
RASA_CALL_FORMAT = RemoteAction._action_call_format


def validate_action_reply(action: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with validators built once (a reply they refuse gets
    Rasa's own check and so Rasa's error)."""
    return reply_is_valid(result) or bool(RASA_VALIDATE(action, result))


@functools.cache
def event_classes() -> dict[str, type[Event]]:
    """Event type name → class; the first in Rasa's order wins, as in its own lookup."""
    classes: dict[str, type[Event]] = {}
    for event_class in all_subclasses(Event):
        classes.setdefault(event_class.type_name, event_class)
    return classes


def resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """`Event.resolve_by_type` through a table built once."""
    known = event_classes().get(type_name)
    return known if known is not None else RASA_RESOLVE(type_name, default)


def domain_for_actions(domain: dict[str, Any]) -> dict[str, Any]:
    """The domain with each response's name and no variants: what the action server uses."""
    responses = domain.get("responses")
    if not isinstance(responses, dict):
        return domain
    return {**domain, "responses": {name: [] for name in responses}}


class DomainForActions:
    """Trimmed once per domain object (Rasa hashes a domain by its fingerprint: too slow per
    call); a model loaded while running brings a new domain object and so a new trim."""

    def __init__(self) -> None:
        self._domain: Domain | None = None
        self._trimmed: dict[str, Any] = {}

    def __call__(self, domain: Domain) -> dict[str, Any]:
        if domain is not self._domain:
            self._trimmed = domain_for_actions(domain.as_dict())
            self._domain = domain
        return self._trimmed


_domain_for_actions = DomainForActions()


def action_call_format(
    action: RemoteAction, tracker: DialogueStateTracker, domain: Domain
) -> dict[str, Any]:
    """`RemoteAction._action_call_format` with the response texts left out of the domain and the
    NLU's sentence vector of the latest message added (retrieval/known_vector.py)."""
    body = RASA_CALL_FORMAT(action, tracker, domain)
    if "domain" in body:
        body["domain"] = _domain_for_actions(domain)
    latest = body["tracker"].get("latest_message") or {}
    known = recent_vectors.recall(latest.get("text"))
    if known is not None:  # copies: the tracker's own parse data stays as stored
        latest = {**latest, KNOWN_VECTOR_KEY: known.to_json()}
        body["tracker"] = {**body["tracker"], "latest_message": latest}
    return body


@functools.cache
def rasa_close_resources() -> Callable[[Any, Any], Awaitable[None]]:
    """Rasa's own shutdown listener, looked up once and before `install` replaces it (its module
    imports Rasa's whole server, which only the server needs)."""
    import rasa.core.run

    return rasa.core.run.close_resources


async def close_resources(app: Any, loop: Any) -> None:
    """Rasa's shutdown (event broker, lock store), then the kept sessions to the action server."""
    await rasa_close_resources()(app, loop)
    await close_kept_sessions()


def install() -> None:
    import rasa.core.run

    rasa_close_resources()
    DaskGraphRunner.run = run_in_order  # type: ignore[method-assign]
    RasaModel._rasa_predict = predict_compiled  # type: ignore[method-assign]
    diet_intents.install()
    Features._combine_sparse_features = combine_sparse_features  # type: ignore[method-assign]
    slot_copy.install()
    states_cache.install()
    EndpointConfig.session = session_for  # type: ignore[method-assign]
    rasa.core.run.close_resources = close_resources
    RemoteAction._validate_action_result = validate_action_reply  # type: ignore[method-assign]
    RemoteAction._action_call_format = action_call_format  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_event_type)  # type: ignore[method-assign]


def main() -> None:
    from rasa.__main__ import main as rasa_main

    install()
    rasa_main()


if __name__ == "__main__":
    main()
