"""`reply: action_respond_unless_article`: the intent's own response (by name when the name is
known and the intent has `named_responses`) unless a help article clearly answers the message
first; a greeting or small talk that is not a question never waits for a search."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_or_own import ArticleOrOwnReply
from actions.respond_by_name import utter_by_name


class ActionRespondUnlessArticle(ArticleOrOwnReply):
    def name(self) -> str:
        return "action_respond_unless_article"

    def own_reply(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        utter_by_name(dispatcher, tracker, domain)
        return []
