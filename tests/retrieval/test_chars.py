"""The character TF-IDF fitted per index (retrieval/chars.py): the baseline's measure, stored."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from retrieval.chars import CharModel

TEXTS = [
    "Роутер мигает красным\nПроверьте кабель и перезагрузите роутер.",
    "Смена тарифа\nТариф меняется в личном кабинете с первого числа.",
    "Обещанный платёж\nВключите обещанный платёж на три дня.",
]


def test_scores_match_the_character_tfidf_of_the_plain_baseline():
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    matrix = reference.fit_transform(TEXTS)
    model = CharModel.fit(TEXTS)
    for question in ("роутер мигает", "как сменить тарифф", "обещаный платеж"):
        expected = (matrix @ reference.transform([question]).T).toarray().ravel()
        assert np.allclose(model.scores(question), expected, atol=1e-4), question


def test_an_unknown_question_scores_nothing_and_the_model_round_trips(tmp_path):
    model = CharModel.fit(TEXTS)
    assert not model.scores("zzzz qqqq").any()
    model.save(tmp_path)
    loaded = CharModel.load(tmp_path)
    assert loaded is not None
    assert np.allclose(loaded.scores("роутер мигает"), model.scores("роутер мигает"))
    assert CharModel.load(tmp_path / "missing") is None


def test_scores_are_the_sparse_product_of_the_weighted_rows_to_the_last_bit():
    """A question is scored as one dense row; the values are those of the sparse product of the
    stored rows with the question's weighted row, summed in the same order."""
    from retrieval.chars import _weighted

    model = CharModel.fit(TEXTS * 3 + ["Тариф «Домашний»: 500 ₽ в месяц, 100 Мбит/с"])
    for question in ("роутер мигает", "тариф 500 ₽", "Tarif smenit", "", "обещанный платёж"):
        query = _weighted(model._hasher.transform([question]), model._idf)
        sparse = np.asarray((model._rows @ query.T).todense(), dtype=np.float32).ravel()
        scores = model.scores(question)
        assert scores.dtype == np.float32
        assert np.array_equal(scores, sparse), question
