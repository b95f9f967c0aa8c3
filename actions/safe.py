"""The base of every custom action: an exception in one turn becomes a polite reply instead of
silence.

When an action raises, rasa-sdk answers Rasa with HTTP 500 and Rasa logs "Encountered an
exception while running action ... Bot will continue, but the actions events are lost": the
customer gets no reply to that message at all. `SafeAction` catches the exception at the edge,
logs it (no personal data: log records are masked, the conversation is a hash), says
`utter_action_failed` and returns no events, so the conversation goes on where it was.
"""

from __future__ import annotations

import functools
import inspect
import logging
from abc import ABCMeta, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.common.masking import conversation_ref

log = logging.getLogger(__name__)
FAILED_RESPONSE = "utter_action_failed"
Run = Callable[..., Any]


def _guarded(run: Run) -> Run:
    @functools.wraps(run)
    async def guarded(
        self: Action, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            result = run(self, dispatcher, tracker, domain)
            return list((await result if inspect.isawaitable(result) else result) or [])
        except Exception as error:
            log.exception(
                "action.failed action=%s conversation=%s error=%s",
                self.name(),
                conversation_ref(tracker.sender_id),
                type(error).__name__,
            )
            dispatcher.utter_message(response=FAILED_RESPONSE)
            return []

    guarded.safe = True  # type: ignore[attr-defined]
    return guarded


class SafeAction(Action, metaclass=ABCMeta):
    """Subclass this instead of `Action` (or next to `FormValidationAction`): its `run`, own or
    inherited, is guarded. Abstract, so rasa-sdk does not register the base itself."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not getattr(cls.run, "safe", False):
            cls.run = _guarded(cls.run)

    @abstractmethod
    def name(self) -> str: ...
