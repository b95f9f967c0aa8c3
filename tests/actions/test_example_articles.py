"""The intents' examples labelled with their articles (actions/example_articles.py)."""

from __future__ import annotations

import numpy as np

from actions.example_articles import ExampleArticles

VECTORS = {
    "где мой заказ": [1.0, 0.0, 0.0],
    "когда привезут заказ": [0.9, 0.1, 0.0],
    "статус заказа": [0.95, 0.05, 0.0],
    "трек номер заказа": [0.8, 0.2, 0.0],
    "посоветуйте ноутбук": [0.0, 0.0, 1.0],
    "какой телефон купить": [0.0, 0.1, 0.99],
    "гарантия на ноутбук": [0.0, 0.9, 0.3],
}
LABELS = {
    "где мой заказ": {"order-status-ru", "order-status-en"},
    "когда привезут заказ": {"order-status-ru", "order-status-en"},
    "статус заказа": {"order-status-ru", "order-status-en"},
    "трек номер заказа": {"tracking-ru", "tracking-en"},
    "посоветуйте ноутбук": set(),
    "какой телефон купить": set(),
    "гарантия на ноутбук": {"warranty-ru"},
}
INTENTS = {
    "order_status": ["где мой заказ", "когда привезут заказ", "статус заказа", "трек номер заказа"],
    "product_info": ["посоветуйте ноутбук", "какой телефон купить", "гарантия на ноутбук"],
}


def unit(values: list[float]) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def built() -> ExampleArticles:
    pairs = [(intent, text) for intent, texts in INTENTS.items() for text in texts]
    return ExampleArticles.build(
        pairs,
        lambda texts: np.stack([unit(VECTORS[t]) for t in texts]),
        lambda text, vector: frozenset(LABELS[text]),
    )


def test_an_intents_articles_are_those_of_many_of_its_examples():
    examples = built()
    assert len(examples) == 7
    assert examples.supported("order_status") == {"order-status-ru", "order-status-en"}
    assert examples.supported("unknown") == frozenset()


def test_a_question_like_examples_without_an_article_has_none():
    examples = built()
    assert examples.opinion(unit([0.0, 0.05, 1.0]), "product_info") == frozenset()
    assert examples.opinion(unit([0.0, 1.0, 0.2]), "product_info") is None  # warranty: no share
    assert examples.opinion(unit([1.0, 0.0, 0.0]), "order_status") == {
        "order-status-ru",
        "order-status-en",
    }
    assert examples.opinion(None, "order_status") == {"order-status-ru", "order-status-en"}
    assert examples.opinion(unit([1.0, 0.0, 0.0]), "greet") is None
