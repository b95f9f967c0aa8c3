"""The ensemble's regression scores single messages without copying its coefficients, and gives
exactly the probabilities scikit-learn gives with the fitted layout; its features are exactly the
ones Rasa's own feature combination builds."""

from __future__ import annotations

import copy

import numpy as np
import scipy.sparse
import scipy.sparse.linalg
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from bot.rasa_server.nlu.intent_ensemble import DENSE_SCALE, for_single_messages, sentence_features


def fitted_regression() -> tuple[LogisticRegression, scipy.sparse.csr_matrix]:
    rng = np.random.default_rng(7)
    features = scipy.sparse.random(120, 400, density=0.05, format="csr", random_state=7)
    labels = rng.choice(["greet", "order_status", "refund_status", "thanks"], size=120)
    return LogisticRegression(C=30.0, max_iter=3000).fit(features, labels), features


def test_probabilities_are_unchanged_for_every_message() -> None:
    fitted, features = fitted_regression()
    reordered = for_single_messages(copy.deepcopy(fitted))
    for row in range(features.shape[0]):
        message = features[row]
        assert np.array_equal(reordered.predict_proba(message), fitted.predict_proba(message))
    assert list(reordered.classes_) == list(fitted.classes_)


def test_scoring_layout_needs_no_copy() -> None:
    fitted, _ = fitted_regression()
    assert not fitted.coef_.T.flags.c_contiguous  # what scipy would copy on every message
    assert for_single_messages(fitted).coef_.T.flags.c_contiguous


def message_with_features(seed: int) -> Message:
    """Features as the pipeline leaves them: word and character counts per token and for the
    sentence (scipy COO, as CountVectorsFeaturizer stores them) and the 512-d sentence vector."""
    rng = np.random.default_rng(seed)
    message = Message(data={TEXT: "где мой заказ"})
    for origin, width in (("words", 300), ("chars", 2000)):
        for kind, rows in ((FEATURE_TYPE_SEQUENCE, 3), (FEATURE_TYPE_SENTENCE, 1)):
            counts = scipy.sparse.random(rows, width, density=0.02, random_state=seed, format="coo")
            counts.data = np.round(counts.data * 3) + 1
            message.add_features(Features(counts, kind, TEXT, origin))
    vector = rng.normal(size=(1, 512)).astype(np.float32)
    message.add_features(Features(vector, FEATURE_TYPE_SENTENCE, TEXT, "sentence_encoder"))
    return message


def reference_features(message: Message) -> scipy.sparse.csr_matrix:
    """The ensemble's features built through Rasa's own feature combination."""
    sparse = message.get_sparse_features(TEXT)[1]
    dense = message.get_dense_features(TEXT)[1]
    counts = scipy.sparse.csr_matrix(sparse.features, dtype=np.float64)
    counts = counts / scipy.sparse.linalg.norm(counts)
    scaled = scipy.sparse.csr_matrix(np.asarray(dense.features) * DENSE_SCALE)
    return scipy.sparse.hstack([counts, scaled]).tocsr()


def test_sentence_features_equal_rasas_own_combination() -> None:
    for seed in range(5):
        message = message_with_features(seed)
        ours, reference = sentence_features(message), reference_features(message)
        assert ours.shape == reference.shape == (1, 2300 + 512)
        assert (ours != reference).nnz == 0


def test_a_message_without_counts_or_vector() -> None:
    assert sentence_features(Message(data={TEXT: "привет"})) is None
