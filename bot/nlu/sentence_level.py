"""A message's sentence-level text features, the sparse and the dense ones apart.

In the order Rasa joins them (`Message.get_sparse_features`, `get_dense_features`), without the
deep copies and the joins of the larger token-level features that those calls also make.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message


def sentence_level_features(
    message: Message, featurizers: Collection[str] = ()
) -> tuple[list[Any], list[Any]]:
    """(sparse matrices, dense arrays) of the text's sentence-level features, each one row;
    only those of `featurizers` when it names any, as in Rasa."""
    sparse, dense = [], []
    for features in message.features:
        if features.attribute != TEXT or features.type != FEATURE_TYPE_SENTENCE:
            continue
        if featurizers and features.origin not in featurizers:
            continue
        (sparse if features.is_sparse() else dense).append(features.features)
    return sparse, dense
