"""Article-level scoring (retrieval/scoring.py): title, body, whole article and words, with
`questions:` only a boost."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.articles import Article
from retrieval.chunker import Chunk
from retrieval.index import build_index
from retrieval.scoring import ArticleTable
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

SETTINGS = RetrievalSettings()


def _table_and_vectors() -> tuple[ArticleTable, np.ndarray]:
    """Two articles; vectors chosen by hand: dimension 0 is what the question is about."""
    articles = [
        Article(id="a", title="A", lang="ru", body="тело а", questions=("вопрос а",)),
        Article(id="b", title="B", lang="ru", body="тело б"),
    ]
    chunks = [
        Chunk("a", "title", "", "A"),
        Chunk("a", "question", "", "вопрос а"),
        Chunk("a", "body", "A", "тело а"),
        Chunk("a", "article", "", "A\nтело а"),
        Chunk("b", "title", "", "B"),
        Chunk("b", "body", "B", "тело б"),
        Chunk("b", "article", "", "B\nтело б"),
    ]
    vectors = np.zeros((len(chunks), 4), dtype=np.float32)
    vectors[:, 1] = 1.0
    return ArticleTable(articles, chunks), vectors


def _score(table, vectors, settings=SETTINGS):
    query = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
    lexical = np.zeros(2)
    return table.score(
        np.array([0, 1]), vectors, query, lexical, table.chunk_lexical([]), 0.0, settings
    )


def test_fused_score_is_the_weighted_sum_of_the_article_signals():
    table, vectors = _table_and_vectors()
    vectors[4, 0], vectors[5, 0], vectors[6, 0] = 0.4, 0.6, 0.5  # b's title, body, article
    scored = _score(table, vectors)
    expected = 0.5 * 0.4 + 1.5 * 0.6 + 2.0 * 0.5
    assert np.isclose(scored.fused[1], expected)
    assert scored.best_chunks[1] == 5  # b's body chunk
    assert scored.agreement[1] == 3  # title, body and article signals all rank b first


def test_a_question_counts_as_a_title_and_boosts_only_when_close():
    table, vectors = _table_and_vectors()
    vectors[1, 0] = 0.5  # a's question, below question_boost_above
    base = _score(table, vectors).fused[0]
    assert np.isclose(base, 0.5 * 0.5)
    vectors[1, 0] = 0.9
    boosted = _score(table, vectors).fused[0]
    assert np.isclose(boosted, 0.5 * 0.9 + 2.0 * (0.9 - 0.6))


def test_words_count_only_as_far_as_the_help_center_knows_them():
    table, _ = _table_and_vectors()
    assert table.coverage([]) == 0.0
    assert table.coverage(["тел", "неизвестн"]) == 0.5


GIFT_WRAP = """---
id: gift-wrap-ru
title: Подарочная упаковка заказа
lang: ru
---
Любой заказ можно упаковать как подарок: выберите «Подарочная упаковка» при оформлении.

## Сколько стоит
Подарочная упаковка стоит 150 ₽ за посылку.

## Открытка
К упаковке можно добавить открытку с вашим текстом.
"""

DELIVERY = """---
id: delivery-ru
title: Сроки и стоимость доставки
lang: ru
questions:
  - сколько стоит доставка
  - цена доставки
  - доставка платная
---
Доставка бесплатная для заказов от 3 000 ₽, для заказов дешевле — 299 ₽.

## Сроки
Курьер привезёт заказ за 1–3 дня.
"""


def test_an_article_without_questions_beats_one_whose_questions_share_a_word(
    tmp_path: Path, real_encoder
):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "gift.md").write_text(GIFT_WRAP, encoding="utf-8")
    (kb / "delivery.md").write_text(DELIVERY, encoding="utf-8")
    from retrieval.articles import load_articles

    build_index(load_articles(kb).articles, real_encoder, tmp_path / "index", 600, 120, 20_000)
    search = KbSearch.open(real_encoder, RetrievalSettings(index_dir=tmp_path / "index"))
    for question in ("сколько стоит подарочная упаковка", "можно упаковать заказ как подарок?"):
        assert search.rank(question).ranked[0].article_id == "gift-wrap-ru", question
