"""Article-level scoring (retrieval/scoring.py): title, body, whole article and words, with
`questions:` only a boost; with a second encoder, its cosines and the character TF-IDF."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.articles import Article
from retrieval.chars import CharModel
from retrieval.chunker import Chunk
from retrieval.index import build_index
from retrieval.lexical import tokens
from retrieval.scoring import COMPANION_FLOOR, FULL, PLAIN, ArticleTable, QuerySignals
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

ARTICLES = [
    Article(id="a", title="A", lang="ru", body="тело а", questions=("вопрос а",)),
    Article(id="b", title="B", lang="ru", body="тело б"),
]
CHUNKS = [
    Chunk("a", "title", "", "A"),
    Chunk("a", "question", "", "вопрос а"),
    Chunk("a", "body", "A", "тело а"),
    Chunk("a", "article", "", "A\nтело а"),
    Chunk("b", "title", "", "B"),
    Chunk("b", "body", "B", "тело б"),
    Chunk("b", "article", "", "B\nтело б"),
]


def _table_and_vectors(chars=None, second=None) -> tuple[ArticleTable, np.ndarray]:
    """Two articles; vectors chosen by hand: dimension 0 is what the question is about."""
    vectors = np.zeros((len(CHUNKS), 4), dtype=np.float32)
    vectors[:, 1] = 1.0
    return ArticleTable(ARTICLES, CHUNKS, chars, second), vectors


QUERY = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)


def _score(table, vectors, companion_vector=None, chars=None):
    signals = QuerySignals(
        QUERY, np.zeros(2), table.chunk_lexical([]), 0.0, companion_vector, chars
    )
    return table.score(np.array([0, 1]), vectors, signals)


def test_fused_score_is_the_weighted_sum_of_the_article_signals():
    table, vectors = _table_and_vectors()
    assert table.weights is PLAIN
    vectors[4, 0], vectors[5, 0], vectors[6, 0] = 0.4, 0.6, 0.5  # b's title, body, article
    scored = _score(table, vectors)
    expected = PLAIN.title * 0.4 + PLAIN.body * 0.6 + PLAIN.article * 0.5
    assert np.isclose(scored.fused[1], expected)
    assert scored.best_chunks[1] == 5  # b's body chunk
    assert scored.agreement[1] == 3  # title, body and article signals all rank b first


def test_a_question_counts_as_a_title_and_boosts_only_when_close():
    table, vectors = _table_and_vectors()
    vectors[1, 0] = 0.5  # a's question, below question_boost_above
    base = _score(table, vectors).fused[0]
    assert np.isclose(base, PLAIN.title * 0.5)
    vectors[1, 0] = 0.9
    boosted = _score(table, vectors).fused[0]
    assert np.isclose(boosted, PLAIN.title * 0.9 + PLAIN.question_boost * (0.9 - 0.6))


def test_the_second_encoder_and_characters_add_to_the_fused_score():
    second = np.zeros((7, 2), dtype=np.float32)
    second[:, 1] = 1.0
    second[5, :] = [0.9, np.sqrt(1 - 0.81)]  # b's body chunk
    second[6, :] = [0.85, np.sqrt(1 - 0.85**2)]  # b's whole article
    table, vectors = _table_and_vectors(CharModel.fit(["A тело а", "B тело б"]), second)
    assert table.weights is FULL
    plain = _score(table, vectors).fused[1]  # no second vector: scored as PLAIN
    full = _score(table, vectors, np.array([1.0, 0.0], np.float32), np.array([0.0, 0.5]))
    extra = (
        FULL.chars * 0.5
        + FULL.companion_article * (0.85 - COMPANION_FLOOR)
        + FULL.companion_body * (0.9 - COMPANION_FLOOR)
    )
    assert np.isclose(plain, 0.0)
    assert np.isclose(full.fused[1], extra, atol=1e-5)
    assert full.agreement[1] == 2  # the characters and the second encoder's article cosine


def test_the_second_encoders_terms_added_to_a_first_pass_are_the_full_score_to_the_bit():
    rng = np.random.default_rng(7)
    second = rng.normal(size=(7, 3)).astype(np.float32)
    table, vectors = _table_and_vectors(CharModel.fit(["A тело а", "B тело б"]), second)
    vectors[:, 0] = rng.uniform(0.1, 0.9, size=7)
    chars = np.array([0.3, 0.2])
    for companion in rng.normal(size=(5, 3)).astype(np.float32):
        first = _score(table, vectors, None, chars)
        full = _score(table, vectors, companion, chars)
        completed = table.with_companion(first, companion)
        assert completed.fused.tobytes() == full.fused.tobytes()
        assert np.array_equal(completed.agreement, full.agreement)
        assert np.array_equal(completed.best_chunks, full.best_chunks)


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


PAIR = [
    Article(
        id="inst-ru", title="Рассрочка", lang="ru", body="покупка частями", translation="inst-en"
    ),
    Article(
        id="inst-en", title="Instalments", lang="en", body="installment plan", translation="inst-ru"
    ),
    Article(id="cash-ru", title="Наличные", lang="ru", body="оплата при получении"),
]
PAIR_CHUNKS = [
    Chunk("inst-ru", "body", "Рассрочка", "покупка частями"),
    Chunk("inst-en", "body", "Instalments", "installment plan"),
    Chunk("cash-ru", "body", "Наличные", "оплата при получении"),
]


def test_an_article_counts_the_words_its_translation_matched():
    """A Russian question with an English word ("есть installment или оплата частями?") has its
    words split over the two articles of a pair: each counts what either matched."""
    table = ArticleTable(PAIR, PAIR_CHUNKS)
    signals = QuerySignals(
        np.zeros(4, dtype=np.float32),
        np.zeros(3),
        table.chunk_lexical(tokens("есть installment?")),
        1.0,
    )
    terms, _ = table.terms(np.array([0, 1, 2]), np.zeros((3, 4), dtype=np.float32), signals)
    words = terms["chunk_words"]
    assert words[1] > 0
    assert words[0] == words[1]
    assert words[2] == 0
