"""The intent's only article (actions/knowledge_provider.py), in the question's language."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from actions.knowledge_provider import RetrievalKnowledgeBase


def provider(**langs: str) -> RetrievalKnowledgeBase:
    articles = {i.replace("_", "-"): SimpleNamespace(lang=lang) for i, lang in langs.items()}
    search: Any = SimpleNamespace(articles=articles)
    return RetrievalKnowledgeBase(search)


def test_an_intent_answered_by_one_article_has_it_in_the_questions_language():
    kb = provider(contacts_ru="ru", contacts_en="en")
    both = frozenset({"contacts-ru", "contacts-en"})
    assert kb._only_article(both, "ru") == "contacts-ru"
    assert kb._only_article(both, "en") == "contacts-en"


def test_an_intent_of_several_articles_or_none_has_no_only_article():
    kb = provider(a_ru="ru", b_ru="ru")
    assert kb._only_article(frozenset({"a-ru", "b-ru"}), "ru") is None
    assert kb._only_article(frozenset(), "ru") is None
    assert kb._only_article(frozenset({"gone-ru"}), "ru") is None


def test_an_article_is_named_by_its_title_tags_and_id_for_the_handoffs_topic():
    """actions/handoff_topic.py reads the topic from these words: a title that names none
    ("Товар оказался бракованным или сломался") has tags that do."""
    faulty = SimpleNamespace(title="Товар оказался бракованным", tags=("возврат", "брак"))
    kb = RetrievalKnowledgeBase(SimpleNamespace(articles={"faulty-goods-ru": faulty}))  # type: ignore[arg-type]
    assert kb.naming("faulty-goods-ru") == "Товар оказался бракованным возврат брак faulty-goods-ru"
    assert kb.naming("gone-ru") == "gone-ru"
