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
