"""The plain baseline bench.retrieval prints beside ours."""

from __future__ import annotations

import numpy as np

from retrieval.articles import Article
from retrieval.baseline import BaselineSearch

ARTICLES = [
    Article(id="delivery", title="Доставка", lang="ru", body="Курьер привезёт заказ за 3 дня."),
    Article(id="refund", title="Возврат", lang="ru", body="Деньги вернутся на карту."),
]


def test_half_sentence_vector_half_character_tfidf(hashing_encoder):
    search = BaselineSearch(ARTICLES, hashing_encoder)
    ranked = search.rank("дастовка курьером").ranked  # a typo only characters can match
    assert ranked[0].article_id == "delivery"
    dense = hashing_encoder.encode(["Доставка\nКурьер привезёт заказ за 3 дня."])[0]
    question = hashing_encoder.encode(["дастовка курьером"])[0]
    chars = (ranked[0].fused - 0.5 * float(dense @ question)) / 0.5
    assert 0 < chars <= 1
    assert np.isclose(ranked[0].score, ranked[0].fused)
