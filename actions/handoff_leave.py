"""The customer leaves the handoff form: calls it off, or asks a real question in the middle.

handoff_form's validation decides (actions/handoff_form.py) and hands the turn over to one of
these actions, rejecting the form's own turn, so that a turn that ends the handoff does not count
as one that runs it:

- `action_handoff_cancel`: "отмена", "ой, уже не надо, передумала", "nevermind, found it
  myself": the form ends without a case, and the customer is told the bot is still there;
- `action_handoff_question`: "а пароль как сменить?": answered the way the question's intent is
  answered anywhere else (its own reply, by name, or from the help articles), then the form goes
  on with the question it was asking, as a support specialist would come back to the request
  after a question on the side ("а вы до скольки работаете?" at the contact question). The form
  says so, and that "отмена" ends it; no "did this help?" is asked in the middle of it. When
  there is no answer to give (a choice of articles, nothing found), or the pause was the problem
  a customer tells where a fact was asked, when the bot began the handoff on a complaint and an
  article answers it ("курьер опять не приехал" at the name question), the form ends and a
  person is offered again with one button that brings it back; the problem stays known, so a
  handoff asked for again does not ask it.

Either way what the customer said about themselves (name, contact, order number, app version) is
kept, so a handoff asked for again never asks it twice; when the form ends, the case being written
up is dropped, except, after a question, the problem it is about.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_from_knowledge import ActionAnswerFromKnowledge
from actions.handoff_form import (
    BACK_TO_FORM_RESPONSE,
    CANCEL_ACTION,
    PAUSED_SLOT,
    QUESTION_ACTION,
    RESUME_SLOT,
)
from actions.handoff_problem import PROBLEM_SLOT
from actions.handoff_submit import fresh_start
from actions.respond_by_name import ActionRespondByName
from actions.safe import SafeAction
from bot.common.build.intent_files import load_content
from bot.common.settings import Settings

CANCELLED_RESPONSE = "utter_handoff_cancelled"
OFFER_RESPONSE = "utter_handoff_offer_again"
VERDICT_QUESTION = "utter_kb_ask_helpful"
FORM = "handoff_form"
LISTEN = "action_listen"
# Replies of intents that hand over to a person (intents/*.yml `reply:`).
HANDOFF_REPLIES = ("action_handoff",)


@functools.cache
def intent_replies() -> dict[str, str]:
    """Intent name → how it is answered (`reply:` of its file: respond, knowledge, ...)."""
    root = Settings.from_mapping(os.environ).root
    return {intent.name: intent.reply for intent in load_content(root / "intents").intents}


def form_left() -> list[EventType]:
    """The form ends; the case being written up is dropped, the customer's facts are kept."""
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        *fresh_start(),
        SlotSet(PAUSED_SLOT, None),
        SlotSet(RESUME_SLOT, None),
    ]


def answered_with_article(events: list[EventType]) -> bool:
    """The help articles gave one answer (rather than a choice or nothing): it waits for a
    verdict."""
    return any(
        e.get("event") == "slot" and e.get("name") == "kb_awaiting_verdict" and e.get("value")
        for e in events
    )


def without_verdict(events: list[EventType]) -> list[EventType]:
    """The answer's events, no longer waiting for "did this help?": the form asks next."""
    return [
        SlotSet("kb_awaiting_verdict", False)
        if e.get("event") == "slot" and e.get("name") == "kb_awaiting_verdict"
        else e
        for e in events
    ]


class ActionHandoffCancel(SafeAction):
    def name(self) -> str:
        return CANCEL_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response=CANCELLED_RESPONSE)
        return [*form_left(), FollowupAction(LISTEN)]


class ActionHandoffQuestion(SafeAction):
    def __init__(
        self,
        replies: dict[str, str] | None = None,
        knowledge: ActionAnswerFromKnowledge | None = None,
    ) -> None:
        self._replies = replies
        self._knowledge = knowledge

    def name(self) -> str:
        return QUESTION_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        replies = self._replies if self._replies is not None else intent_replies()
        reply = replies.get(intent, "knowledge")
        if reply.startswith(HANDOFF_REPLIES):
            # a question the NLU read as a complaint, asked in the form: the help articles answer
            # it, a person is already being offered
            reply = "knowledge"
        said = CollectingDispatcher()
        answered: list[EventType] = []
        if reply == "knowledge":
            knowledge = self._knowledge or ActionAnswerFromKnowledge()
            answered = await knowledge.run(said, tracker, domain)
        elif reply == "respond_by_name":
            answered = await ActionRespondByName().run(said, tracker, domain)
        elif f"utter_{intent}" in domain.get("responses", {}):
            said.utter_message(response=f"utter_{intent}")
        if any(event.get("event") == "followup" for event in answered):
            dispatcher.messages.extend(said.messages)
            return [*self._left(tracker), *answered]  # the answer hands over itself (angry)
        resume_at = tracker.get_slot(RESUME_SLOT)
        if resume_at and (reply != "knowledge" or answered_with_article(answered)):
            # the question was answered: the form goes on with the question it was asking (it
            # runs after this action without reading the message again, as after any detour)
            dispatcher.messages.extend(
                m for m in said.messages if m.get("response") != VERDICT_QUESTION
            )
            dispatcher.utter_message(response=BACK_TO_FORM_RESPONSE)
            return [
                *without_verdict(answered),
                SlotSet(PAUSED_SLOT, None),
                SlotSet(RESUME_SLOT, None),
                FollowupAction(FORM),
            ]
        dispatcher.messages.extend(said.messages)
        dispatcher.utter_message(response=OFFER_RESPONSE)
        return [*self._left(tracker), *answered, FollowupAction(LISTEN)]

    @staticmethod
    def _left(tracker: Tracker) -> list[EventType]:
        """The form ends, keeping the problem the case was about."""
        return [*form_left(), SlotSet(PROBLEM_SLOT, tracker.get_slot(PROBLEM_SLOT))]
