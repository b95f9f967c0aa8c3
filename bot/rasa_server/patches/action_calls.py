"""Rasa's calls to the action server: each reply checked by validators built once, and the body
sent without the response texts but with the sentence vector the NLU made of the latest message.

Rasa checks every action server reply with `jsonschema.validate`, which first validates the schema
itself against the meta-schema, on every call (a third of Rasa's time per message); here a reply
that fails the prebuilt validators goes through Rasa's own check, so the error stays Rasa's. Every
call carries the whole domain, of which nearly all is response texts the action server never
renders (an action names a response and Rasa renders it): it gets each response's name only.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_server.patches.action_reply_schema import reply_is_valid
from retrieval.known_vector import KNOWN_VECTOR_KEY, recent_vectors

RASA_VALIDATE = RemoteAction._validate_action_result
RASA_CALL_FORMAT = RemoteAction._action_call_format


def validate_action_reply(action: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with validators built once (a reply they refuse gets
    Rasa's own check and so Rasa's error)."""
    return reply_is_valid(result) or bool(RASA_VALIDATE(action, result))


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
    if known is not None:
        # copies: the tracker's own parse data stays as stored
        latest = {**latest, KNOWN_VECTOR_KEY: known.to_json()}
        body["tracker"] = {**body["tracker"], "latest_message": latest}
    return body
