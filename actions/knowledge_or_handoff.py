"""`reply: action_handoff_unless_article`: a person is brought in (action_handoff_start, with the
intent's own introduction) unless a help article clearly answers the message first ("как удалить
аккаунт?" is answered; "удалите мои данные" and a legal threat go to a person)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_trigger import START_ACTION
from actions.knowledge_or_own import ArticleOrOwnReply


class ActionHandoffUnlessArticle(ArticleOrOwnReply):
    hands_over = True

    def name(self) -> str:
        return "action_handoff_unless_article"

    def own_reply(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        # No handoff_reason: action_handoff_start introduces it as if the intent came directly.
        return [FollowupAction(START_ACTION)]
