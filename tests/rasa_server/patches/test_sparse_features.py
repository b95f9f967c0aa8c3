"""The direct join of sparse features gives exactly what Rasa's scipy.sparse.hstack gives, and
leaves everything else (other formats, dtypes, mismatched rows) to Rasa's own join."""

from __future__ import annotations

import copy
import warnings

import numpy as np
import pytest
import scipy.sparse

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from rasa.shared.nlu.training_data.features import Features

from bot.rasa_server.patches import sparse_features


def sparse(rows: int, columns: int, seed: int, dtype: type = np.float64, form: str = "coo"):
    matrix = scipy.sparse.random(rows, columns, density=0.05, random_state=seed, format=form)
    return matrix.astype(dtype)


def joined_both_ways(left, right) -> tuple[Features, Features]:
    ours = Features(left, "sequence", "text", "a")
    rasas = copy.deepcopy(ours)
    sparse_features.combine_sparse_features(ours, Features(right, "sequence", "text", "b"))
    sparse_features.RASA_COMBINE_SPARSE(rasas, Features(right, "sequence", "text", "b"))
    return ours, rasas


def assert_same(ours: Features, rasas: Features) -> None:
    a, b = ours.features, rasas.features
    assert type(a) is type(b)
    assert a.shape == b.shape and a.dtype == b.dtype
    assert a.row.dtype == b.row.dtype and a.col.dtype == b.col.dtype
    assert np.array_equal(a.row, b.row) and np.array_equal(a.col, b.col)
    assert np.array_equal(a.data, b.data)


@pytest.mark.parametrize("rows", [1, 4, 30])
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_coo_matrices_join_exactly_as_scipy_joins_them(rows: int, dtype: type):
    ours, rasas = joined_both_ways(sparse(rows, 300, 1, dtype), sparse(rows, 5000, 2, dtype))
    assert_same(ours, rasas)
    assert ours.fingerprint() == rasas.fingerprint()


def test_an_empty_matrix_joins_too():
    empty = scipy.sparse.coo_matrix((3, 10))
    assert_same(*joined_both_ways(empty, sparse(3, 20, 3)))
    assert_same(*joined_both_ways(sparse(3, 20, 3), empty))


def test_joining_three_in_a_row_matches():
    ours = Features(sparse(5, 100, 4), "sentence", "text", "a")
    rasas = copy.deepcopy(ours)
    for seed, width in [(5, 40), (6, 900)]:
        extra = sparse(5, width, seed)
        sparse_features.combine_sparse_features(ours, Features(extra, "sentence", "text", "b"))
        sparse_features.RASA_COMBINE_SPARSE(rasas, Features(extra, "sentence", "text", "b"))
    assert_same(ours, rasas)


@pytest.mark.parametrize(
    "left, right",
    [
        (np.float64, np.int64),
        (np.int64, np.float64),
        (np.float32, np.int64),
        (np.float32, np.float64),
    ],
)
def test_mixed_dtypes_are_upcast_as_scipy_upcasts_them(left: type, right: type):
    ours, rasas = joined_both_ways(sparse(3, 50, 11, left), sparse(3, 70, 12, right))
    assert_same(ours, rasas)


def test_other_formats_go_to_rasas_join():
    ours, rasas = joined_both_ways(sparse(2, 10, 7, form="csr"), sparse(2, 10, 8))
    assert np.array_equal(ours.features.toarray(), rasas.features.toarray())
    assert ours.features.dtype == rasas.features.dtype


def test_mismatched_rows_raise_rasas_error():
    features = Features(sparse(2, 10, 9), "sequence", "text", "a")
    with pytest.raises(ValueError, match="sequence dimensions do not match"):
        sparse_features.combine_sparse_features(
            features, Features(sparse(3, 10, 10), "sequence", "text", "b")
        )
