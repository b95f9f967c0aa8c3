"""`python -m bot.content why` (bot/content/why.py) and the retrieval eval of the content check
at the thresholds the bot runs with (bot/content/retrieval_eval.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.content import retrieval_eval, why
from bot.content.__main__ import main
from retrieval import companion as companions
from retrieval.articles import load_articles
from retrieval.index import build_with_settings
from retrieval.ranking import decide
from retrieval.service import KbSearch
from retrieval.settings import DEFAULTS, RetrievalSettings
from tests.content.conftest import TrigramEncoder

GIFT_WRAP = """---
id: gift-wrap-ru
title: Подарочная упаковка заказа
lang: ru
---
Любой заказ можно упаковать как подарок: выберите «Подарочная упаковка» при оформлении.

## Сколько стоит
Подарочная упаковка стоит 150 ₽ за посылку.
"""

DELIVERY = """---
id: delivery-ru
title: Сроки и стоимость доставки
lang: ru
---
Доставка бесплатная для заказов от 3 000 ₽, для заказов дешевле — 299 ₽.

## Сроки
Курьер привезёт заказ за 1–3 дня.
"""

OTHERS = {
    "refund": ("Возврат денег", "Деньги вернутся на карту за 10 дней после приёмки возврата."),
    "password": ("Сброс пароля", "Нажмите «Забыли пароль» на странице входа."),
    "bonus": ("Бонусные баллы", "Баллы начисляются после получения заказа."),
    "receipt": ("Чек об оплате", "Чек приходит на почту после оплаты."),
}


@pytest.fixture(autouse=True)
def no_companion(monkeypatch):
    monkeypatch.setattr(companions, "load_companion", lambda name="": None)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "gift.md").write_text(GIFT_WRAP, encoding="utf-8")
    (folder / "delivery.md").write_text(DELIVERY, encoding="utf-8")
    for name, (title, body) in OTHERS.items():
        text = f"---\nid: {name}-ru\ntitle: {title}\nlang: ru\n---\n{body}\n\n## Ещё\n{title}.\n"
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def open_search(kb: Path, tmp_path: Path) -> KbSearch:
    settings = RetrievalSettings(path=kb, index_dir=tmp_path / "index")
    encoder = TrigramEncoder()
    build_with_settings(load_articles(kb).articles, encoder, settings)
    return KbSearch.open(encoder, settings)


def parse(text: str) -> dict:
    return {
        "intent": {"name": "order_status", "confidence": 0.7},
        "intent_ranking": [
            {"name": "order_status", "confidence": 0.7},
            {"name": "ask_help_article", "confidence": 0.2},
        ],
    }


def test_intents_articles_and_the_outcome_at_the_thresholds_in_force(kb, tmp_path):
    search = open_search(kb, tmp_path)
    replies = {"order_status": "stock reply", "ask_help_article": "searches the help articles"}
    found = why.explain("сколько стоит подарочная упаковка", search, parse, replies)
    assert found.intents[0] == ("order_status", 0.7, "stock reply")
    assert found.articles[0]["id"] == "gift-wrap-ru"
    assert found.articles[0]["score"] >= found.articles[1]["score"]
    ranked = search.rank("сколько стоит подарочная упаковка")
    outcome, chosen = decide(list(ranked.ranked), search.settings)
    assert (found.outcome, found.chosen) == (outcome, [c.article_id for c in chosen])
    assert found.thresholds["clarify"] == search.settings.clarify_threshold
    text = why.as_text(found)
    assert "order_status  (stock reply)" in text
    assert "1. " in text and "gift-wrap-ru" in text and f"Search outcome: {outcome}" in text


def test_the_command_line_without_the_intent_model(kb, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(why, "load_encoder", lambda name: TrigramEncoder())
    monkeypatch.setenv("ASSISTANT_KB_INDEX_DIR", str(tmp_path / "served"))
    monkeypatch.delenv("ASSISTANT_KB_PATH", raising=False)
    code = main(["why", "сколько стоит подарочная упаковка", "--root", str(tmp_path),
                 "--no-intents"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Intents" not in out and "gift-wrap-ru" in out and "Search outcome: " in out
    assert "built from" in out  # no served index: one built for the question
    assert not (tmp_path / "served").exists()  # and the served one left alone
    assert main(["why", "--root", str(tmp_path), "--no-intents"]) == 2


def test_the_newest_model_is_the_one_asked(tmp_path):
    assert why.newest_model(tmp_path) is None
    old, new = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    new.write_bytes(b"")
    old.write_bytes(b"")
    os.utime(new, (time.time() + 10, time.time() + 10))
    assert why.newest_model(tmp_path) == new


def test_the_content_check_measures_at_the_built_in_calibration(kb, tmp_path, monkeypatch):
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"query": "сколько стоит подарочная упаковка", "expected": "gift-wrap-ru"}\n'
        '{"query": "как починить пылесос", "expected": null}\n',
        encoding="utf-8",
    )
    used = []
    original = retrieval_eval.metrics

    def recording(results, settings):
        used.append(settings)
        return original(results, settings)

    monkeypatch.setattr(retrieval_eval, "metrics", recording)
    result = retrieval_eval.evaluate(kb, queries, TrigramEncoder())
    assert result["metrics"]["recall@1"] == 1.0
    (settings,) = used
    assert settings.calibration_slope != DEFAULTS["calibration_slope"]  # measured by the build


def test_the_choice_between_an_intents_own_reply_and_the_article(kb, tmp_path):
    search = open_search(kb, tmp_path)
    own = why.REPLY_NAMES["action_handoff_unless_article"]
    replies = {"order_status": own, "ask_help_article": "searches the help articles"}
    question = "сколько стоит подарочная упаковка"
    found = why.explain(question, search, parse, replies)
    expected = "the article" if found.outcome == "answer" else "the intent's own reply"
    assert found.precedence == expected
    assert f"Intent or article (actions/knowledge_precedence.py): {expected}" in why.as_text(found)

    def confident(text: str) -> dict:
        return {"intent_ranking": [{"name": "order_status", "confidence": 0.95}]}

    stock = {**replies, "order_status": why.REPLY_NAMES["action_respond_unless_article"]}
    request = why.explain("подарочная упаковка", search, confident, stock)
    assert request.precedence == "the intent's own reply"  # a confident request: no article
    # a reply that brings in a person gives way to an article the search is sure of
    handed = why.explain("подарочная упаковка", search, confident, replies)
    sure = "the article" if handed.outcome == "answer" else "the intent's own reply"
    assert handed.precedence == sure
    plain = why.explain(question, search, parse, {"order_status": "stock reply"})
    assert plain.precedence == ""


def test_the_bots_choice_follows_where_the_nlu_placed_the_question(kb, tmp_path):
    from actions.knowledge_provider import RetrievalKnowledgeBase

    search = open_search(kb, tmp_path)
    answers = RetrievalKnowledgeBase(search, TrigramEncoder(), None)
    question = "сколько стоит подарочная упаковка"
    on_topic = why.explain(question, search, parse, {}, answers)
    assert on_topic.choice == "answer → gift-wrap-ru (the NLU's placing: topic)"
    assert f"The bot's choice, as a first question: {on_topic.choice}" in why.as_text(on_topic)

    def off_topic(text: str) -> dict:
        return {"intent_ranking": [{"name": "out_of_scope", "confidence": 0.95}]}

    sure = why.explain(question, search, off_topic, {}, answers)
    assert sure.choice == "answer → gift-wrap-ru (the NLU's placing: off_topic)", "a sure search"
    outside = why.explain("какая завтра погода в москве", search, off_topic, {}, answers)
    assert outside.choice == "abstain (the NLU's placing: off_topic)"
    assert why.explain(question, search, parse, {}).choice == "", "no search as the bot's: none"


def test_the_search_reads_the_question_as_the_bot_does(kb, tmp_path):
    """Russian typed in Latin letters is respelled and a request to switch language left out
    before the search, as actions/answer_from_knowledge.py does, and the text searched is shown."""
    search = open_search(kb, tmp_path)
    found = why.explain("skolko stoit podarochnaya upakovka", search)
    assert found.searched.startswith("сколько стоит подарочная упаковка")
    assert found.articles[0]["id"] == "gift-wrap-ru"
    assert f"Searched as: {found.searched}" in why.as_text(found)
    assert why.explain("сколько стоит подарочная упаковка", search).searched == ""
    english = why.explain("can we talk in English? сколько стоит подарочная упаковка", search)
    assert english.searched == "сколько стоит подарочная упаковка"
