"""DIET's intent scores with numpy, when its text side is only dense layers.

config.yml runs DIET without transformer layers (the sentence encoder already gives context), so
the intent of a message depends on its sentence-level features alone: the sparse ones through a
dense layer, joined with the sentence vector, through DIET's dense layers and its embedding, then
compared with the intents' embeddings. That is four small matrix products; asking TensorFlow for
them costs about 3 ms of a message's 9 ms NLU (building Rasa's model data, converting a dozen
tensors, TensorFlow's dispatch). Here numpy computes them from DIET's own trained weights and the
intent embeddings DIET computed when it was loaded, so the scores are DIET's to float32 rounding
(tests compare both over every test example). Any other DIET (transformer layers, entity
recognition, diagnostic data, cosine or other confidences, a response selector, features the
model was not trained on) goes to Rasa's own path. Installed by the registry
(`patches/registry.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import tensorflow as tf
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import (
    ENTITY_RECOGNITION,
    FEATURIZERS,
    INNER,
    INTENT_CLASSIFICATION,
    LABEL,
    SENTENCE,
    SOFTMAX,
)
from rasa.utils.tensorflow.layers import DenseForSparse, Ffnn, RandomlyConnectedDense
from rasa.utils.tensorflow.rasa_layers import (
    ConcatenateSparseDenseFeatures,
    RasaFeatureCombiningLayer,
    RasaSequenceLayer,
)
from scipy.special import erf

from bot.rasa_server.nlu.sentence_level import joined_row_entries, sentence_level_features

RASA_PREDICT = DIETClassifier._predict
PATH_KEY = "_numpy_intent_path"
UNIFY_SENTENCE = f"unify_dims_before_seq_sent_concat.{SENTENCE}"


class NotEligible(Exception):
    """This DIET computes something the numpy path does not; Rasa's path is used."""


def gelu(x: np.ndarray) -> np.ndarray:
    """TensorFlow's exact (erf) GELU, which DIET's hidden layers use."""
    return 0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0))))


@dataclass(frozen=True)
class Layer:
    kernel: np.ndarray
    bias: np.ndarray | None
    activated: bool

    @classmethod
    def of(cls, dense: Any) -> Layer:
        """A Keras Dense (or Rasa's masked subclass) as arrays; only GELU or no activation."""
        activation = getattr(dense, "activation", None)
        linear = activation is None or getattr(activation, "__name__", "") == "linear"
        if not linear and activation is not tf.nn.gelu:
            raise NotEligible(f"activation {activation!r}")
        kernel = dense.kernel.numpy()
        mask = getattr(dense, "kernel_mask", None)
        if isinstance(dense, RandomlyConnectedDense) and mask is not None:
            kernel = kernel * mask.numpy()
        bias = dense.bias.numpy() if dense.use_bias else None
        return cls(kernel.astype(np.float32), bias, not linear)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        y = x @ self.kernel
        if self.bias is not None:
            y += self.bias
        return gelu(y) if self.activated else y


def _ffnn_layers(ffnn: Ffnn) -> list[Layer]:
    """The dense layers of an Ffnn; its dropout does nothing at prediction."""
    return [
        Layer.of(layer) for layer in ffnn._ffn_layers if isinstance(layer, RandomlyConnectedDense)
    ]


@dataclass(frozen=True)
class IntentPath:
    """DIET's computation from a message's sentence features to its intent confidences."""

    inputs: tuple[tuple[bool, int], ...]  # per sentence feature the model takes: sparse?, units
    sparse_to_dense: Layer | None
    layers: tuple[Layer, ...]
    labels: np.ndarray  # the intents' embeddings, (intents, embedding dimension)

    @classmethod
    def of(cls, classifier: DIETClassifier) -> IntentPath:
        model = classifier.model
        config = classifier.component_config
        if type(model) is not DIET or not config[INTENT_CLASSIFICATION]:
            raise NotEligible("not an intent-only DIET")
        if config[ENTITY_RECOGNITION] or model.all_labels_embed is None:
            raise NotEligible("entities or labels not prepared")
        sequence_layer = model._tf_layers.get(f"sequence_layer.{TEXT}")
        if not isinstance(sequence_layer, RasaSequenceLayer) or sequence_layer._has_transformer:
            raise NotEligible("transformer layers")
        combining = sequence_layer._tf_layers[RasaSequenceLayer.FEATURE_COMBINING]
        if not isinstance(combining, RasaFeatureCombiningLayer):
            raise NotEligible("unknown feature combining")
        signature = model.data_signature.get(TEXT, {}).get(SENTENCE) or []
        inputs = tuple((bool(s.is_sparse), int(s.units)) for s in signature)
        if not inputs or [sparse for sparse, _ in inputs].count(True) > 1:
            raise NotEligible("no sentence features, or several sparse ones")
        if [sparse for sparse, _ in inputs].count(False) > 1:
            raise NotEligible("several dense sentence features")
        concat = combining._tf_layers.get(f"sparse_dense.{SENTENCE}")
        if not isinstance(concat, ConcatenateSparseDenseFeatures):
            raise NotEligible("unknown sparse and dense joining")
        to_dense = concat._tf_layers.get(ConcatenateSparseDenseFeatures.SPARSE_TO_DENSE)
        if any(sparse for sparse, _ in inputs) and not isinstance(to_dense, DenseForSparse):
            raise NotEligible("sparse features without their dense layer")
        layers: list[Layer] = []
        if UNIFY_SENTENCE in combining._tf_layers:
            layers += _ffnn_layers(combining._tf_layers[UNIFY_SENTENCE])
        layers += _ffnn_layers(sequence_layer._tf_layers[RasaSequenceLayer.FFNN])
        layers.append(Layer.of(model._tf_layers[f"embed.{TEXT}"]._dense))
        loss = model._tf_layers[f"loss.{LABEL}"]
        if loss.similarity_type != INNER or loss.model_confidence != SOFTMAX:
            raise NotEligible("similarity or confidence other than inner product and softmax")
        return cls(
            inputs=inputs,
            sparse_to_dense=Layer.of(to_dense) if to_dense is not None else None,
            layers=tuple(layers),
            labels=np.asarray(model.all_labels_embed, dtype=np.float32),
        )

    def scores(self, message: Message, featurizers: list[str]) -> np.ndarray | None:
        """Confidences (1, intents) from the message's sentence features; None when they are
        not what the model was trained on (Rasa's path then decides)."""
        sparse, dense = sentence_level_features(message, featurizers)
        kinds = {is_sparse for is_sparse, _ in self.inputs}
        if (sparse and True not in kinds) or (dense and False not in kinds):
            return None  # features the model never saw: Rasa's path gives Rasa's error
        parts = []
        for is_sparse, units in self.inputs:
            part = self._sparse_part(sparse, units) if is_sparse else dense_part(dense, units)
            if part is None:
                return None
            parts.append(part)
        x = np.concatenate(parts, axis=-1) if len(parts) > 1 else parts[0]
        for layer in self.layers:
            x = layer(x)
        similarities = x @ self.labels.T
        similarities -= similarities.max(axis=-1, keepdims=True)
        exp = np.exp(similarities)
        return exp / exp.sum(axis=-1, keepdims=True)

    def _sparse_part(self, pieces: list[Any], units: int) -> np.ndarray | None:
        """The sparse pieces as Rasa joins them (side by side, in order), through the dense layer:
        only the kernel's rows of the columns present are read."""
        if not pieces or any(piece.shape[0] != 1 for piece in pieces):
            return None
        values, columns, width = joined_row_entries(pieces)
        if width != units:
            return None
        assert self.sparse_to_dense is not None
        out = (values.astype(np.float32) @ self.sparse_to_dense.kernel[columns])[None, :]
        if self.sparse_to_dense.bias is not None:
            out += self.sparse_to_dense.bias
        return out


def dense_part(pieces: list[Any], units: int) -> np.ndarray | None:
    if not pieces or any(np.ndim(p) != 2 or len(p) != 1 for p in pieces):
        return None
    row = np.concatenate(pieces, axis=-1) if len(pieces) > 1 else pieces[0]
    return np.asarray(row, dtype=np.float32) if row.shape[1] == units else None


def intent_path(classifier: DIETClassifier) -> IntentPath | None:
    """The classifier's numpy path, worked out once per loaded model; None if not eligible."""
    cached = classifier.__dict__.get(PATH_KEY)
    if cached is None or cached[0] is not classifier.model:
        try:
            path: IntentPath | None = IntentPath.of(classifier)
        except NotEligible:
            path = None
        classifier.__dict__[PATH_KEY] = cached = (classifier.model, path)
    return cached[1]


def predict(classifier: DIETClassifier, message: Any) -> dict[str, Any] | None:
    """`DIETClassifier._predict`, through numpy where `IntentPath` covers the model."""
    if classifier.model is None or classifier._execution_context.should_add_diagnostic_data:
        return RASA_PREDICT(classifier, message)
    path = intent_path(classifier)
    if path is None:
        return RASA_PREDICT(classifier, message)
    scores = path.scores(message, classifier.component_config.get(FEATURIZERS) or [])
    return RASA_PREDICT(classifier, message) if scores is None else {"i_scores": scores}
