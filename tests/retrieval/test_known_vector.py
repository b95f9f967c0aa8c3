"""The NLU's vector of a question is used by the search only when it is the search's own encoder's
vector of exactly the text searched; then the results are the same as encoding again."""

from __future__ import annotations

import numpy as np
import pytest
from test_service import make_search

from retrieval.known_vector import KnownVector, RecentVectors

QUESTION = "не могу войти в личный кабинет"


def test_a_vector_survives_its_trip_as_json_bit_for_bit():
    vector = np.random.default_rng(3).normal(size=512).astype(np.float32)
    again = KnownVector.from_json(KnownVector("usem3", QUESTION, vector).to_json())
    assert again is not None and again.encoder == "usem3" and again.text == QUESTION
    assert again.vector.dtype == np.float32 and np.array_equal(again.vector, vector)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "AAAA",
        {"encoder": "usem3", "text": QUESTION},
        {"encoder": "usem3", "text": QUESTION, "float32": "not base64!"},
        {"encoder": "usem3", "text": QUESTION, "float32": "AAAAAAA="},  # 5 bytes
        {"encoder": "usem3", "text": QUESTION, "float32": ""},
        {"encoder": 7, "text": QUESTION, "float32": "AAAAAA=="},
        KnownVector("usem3", QUESTION, np.array([np.nan, 1.0], np.float32)).to_json(),
    ],
)
def test_anything_malformed_is_no_vector(value):
    assert KnownVector.from_json(value) is None


def test_recent_vectors_are_bounded_and_recalled_by_text():
    recent = RecentVectors(size=2)
    for number, text in enumerate(("один", "два", "три")):
        recent.remember(text, KnownVector("usem3", text, np.full(4, number, np.float32)))
    assert recent.recall("один") is None
    assert recent.recall("три").vector.tolist() == [2.0] * 4
    assert recent.recall(None) is None and recent.recall(["три"]) is None


def test_the_search_uses_a_matching_vector_and_ranks_the_same(kb_folder, tmp_path, hashing_encoder):
    search = make_search(kb_folder, tmp_path / "index", hashing_encoder)
    encoded = search.search(QUESTION)
    vector = hashing_encoder.encode([QUESTION])[0]
    hashing_encoder.encoded.clear()
    known = search.search(QUESTION, known=KnownVector(hashing_encoder.name, QUESTION, vector))
    assert QUESTION not in hashing_encoder.encoded  # the question was not encoded again
    assert known.ranked == encoded.ranked and known.outcome == encoded.outcome
    assert [c.article_id for c in known.candidates] == [c.article_id for c in encoded.candidates]


@pytest.mark.parametrize(
    "known",
    [
        KnownVector("another-model", QUESTION, np.ones(64, np.float32)),
        KnownVector("same", "другой вопрос", np.ones(64, np.float32)),
        KnownVector("same", QUESTION, np.ones(3, np.float32)),
    ],
)
def test_a_vector_of_another_encoder_text_or_size_is_not_used(
    kb_folder, tmp_path, hashing_encoder, known
):
    search = make_search(kb_folder, tmp_path / "index", hashing_encoder)
    if known.encoder == "same":
        known = KnownVector(hashing_encoder.name, known.text, known.vector)
    expected = search.search(QUESTION)
    hashing_encoder.encoded.clear()
    assert search.search(QUESTION, known=known).ranked == expected.ranked
    assert QUESTION in hashing_encoder.encoded
