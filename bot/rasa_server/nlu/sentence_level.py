"""A message's sentence-level text features, the sparse and the dense ones apart.

In the order Rasa joins them (`Message.get_sparse_features`, `get_dense_features`), without the
deep copies and the joins of the larger token-level features that those calls also make.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import scipy.sparse
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


def joined_row_entries(rows: list[Any]) -> tuple[np.ndarray, np.ndarray, int]:
    """Values and columns of one-row sparse matrices joined side by side, as Rasa joins them
    (each row's columns shifted past the rows before it), and the joined width. `rows` is not
    empty."""
    values, columns, offset = [], [], 0
    for row in rows:
        coo = row if scipy.sparse.isspmatrix_coo(row) else scipy.sparse.coo_matrix(row)
        values.append(coo.data.astype(np.float64))
        columns.append(coo.col.astype(np.int64) + offset)
        offset += coo.shape[1]
    return np.concatenate(values), np.concatenate(columns), offset
