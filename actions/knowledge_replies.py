"""How the knowledge actions show things: an article card, article buttons, the button to a person,
a polite close; in the customer's language (the `language` slot)."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_answer import Article
from actions.message_kinds import Closing

CHOOSE_INTENT = "kb_choose"
BUTTON_TEXTS = {
    "ru": {
        "yes": "Да, помогло",
        "no": "Нет",
        "other": "Другие статьи",
        "none": "Ничего из этого",
        "human": "Позвать специалиста",
    },
    "en": {
        "yes": "Yes, it helped",
        "no": "No",
        "other": "Other articles",
        "none": "None of these",
        "human": "Talk to a person",
    },
}


def language_of(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if language in BUTTON_TEXTS else "ru"


def human_button(language: str) -> dict[str, str]:
    return {"title": BUTTON_TEXTS[language]["human"], "payload": "/request_human"}


def article_buttons(articles: Iterable[Article], language: str) -> list[dict[str, str]]:
    """One button per article, then "none of these" (a "no" to the whole choice)."""
    buttons = [
        {"title": a.title, "payload": f'/{CHOOSE_INTENT}{{"kb_article": "{a.id}"}}'}
        for a in articles
    ]
    return [*buttons, {"title": BUTTON_TEXTS[language]["none"], "payload": "/deny"}]


def utter_article(dispatcher: CollectingDispatcher, article: Article, language: str) -> None:
    response = "utter_kb_answer" if article.lang == language else "utter_kb_answer_other_language"
    dispatcher.utter_message(
        response=response,
        title=article.title,
        excerpt=article.excerpt,
        url=article.url,
        json_message={
            "type": "article",
            "id": article.id,
            "title": article.title,
            "excerpt": article.excerpt,
            "url": article.url,
            "lang": article.lang,
        },
    )


def closing_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, kind: Closing
) -> list[EventType]:
    """A thanks or goodbye that reached the knowledge action gets the reply of its intent, by
    name when the name is known, and nothing is left waiting for an answer."""
    name = tracker.get_slot("customer_name")
    if name:
        dispatcher.utter_message(response=f"utter_{kind}_named", name=name)
    else:
        dispatcher.utter_message(response=f"utter_{kind}")
    return [SlotSet("kb_awaiting_verdict", False), SlotSet("kb_candidates", None)]
