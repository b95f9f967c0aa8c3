"""Character n-gram TF-IDF of whole articles (title and body): the signal that lets a plain
baseline (retrieval/baseline.py) find articles from misspelt, shortened or inflected words that
stemmed BM25 misses ("инет", "роутер мигает").

Fitted per index when it is built (the inverse document frequencies of the help center's own
articles) and stored with it (`chars.npz`). Character 2-5-grams within words, sublinear term
frequency, hashed into 2^20 columns, so nothing but the weights and the article rows is kept.
Used with the second encoder (retrieval/scoring.py FULL), for help centers up to
`companion_max_chunks` chunks: at 100 000 chunks the rows took 250 MB and 9 ms a question.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

FEATURES = 2**20
FILE = "chars.npz"


def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 5),
        n_features=FEATURES,
        alternate_sign=False,
        norm=None,
    )


def _tf_idf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf x idf; n-grams no article has weigh nothing."""
    result = counts.astype(np.float32).tocsr()
    result.data = (1.0 + np.log(result.data)) * idf[result.indices]
    return result


def _inverse_norms(weighted: sp.csr_matrix) -> np.ndarray:
    """1 / the L2 norm of each row (0 for an empty row)."""
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    return np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0).astype(np.float32)


def _weighted(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf x idf, each row L2-normalised."""
    result = _tf_idf(counts, idf)
    return sp.csr_matrix(sp.diags(_inverse_norms(result)) @ result, dtype=np.float32)


class CharModel:
    def __init__(self, idf: np.ndarray, rows: sp.csr_matrix) -> None:
        self._idf = idf
        self._rows = rows
        self._hasher = _hasher()

    @classmethod
    def fit(cls, texts: Sequence[str]) -> CharModel:
        counts = _hasher().transform(list(texts)).tocsc()
        frequency = np.diff(counts.indptr)
        idf = np.zeros(FEATURES, dtype=np.float32)
        seen = frequency > 0
        # scikit-learn's smoothed idf: log((1 + n) / (1 + df)) + 1
        idf[seen] = np.log((1 + len(texts)) / (1 + frequency[seen])) + 1.0
        return cls(idf, _weighted(counts.tocsr(), idf))

    def scores(self, text: str) -> np.ndarray:
        """Cosine of the question with every article, in the order they were fitted.

        The question is one dense row: a sparse product with its 2^20 columns (`_weighted`, then
        rows @ question.T) allocated work arrays of that size twice and took about 3 ms; this
        takes about 0.3 ms, with the same float32 values (each article's sum in the same order)."""
        query = _tf_idf(self._hasher.transform([text]), self._idf)
        dense = np.zeros(self._rows.shape[1], dtype=np.float32)
        dense[query.indices] = query.data * _inverse_norms(query)[0]
        return np.asarray(self._rows @ dense, dtype=np.float32).ravel()

    def save(self, folder: Path) -> None:
        seen = np.flatnonzero(self._idf)
        np.savez(
            folder / FILE,
            data=self._rows.data,
            indices=self._rows.indices,
            indptr=self._rows.indptr,
            shape=np.array(self._rows.shape),
            idf_index=seen.astype(np.int32),
            idf_value=self._idf[seen],
        )

    @classmethod
    def load(cls, folder: Path) -> CharModel | None:
        path = folder / FILE
        if not path.exists():
            return None
        with np.load(path) as stored:
            rows = sp.csr_matrix(
                (stored["data"], stored["indices"], stored["indptr"]),
                shape=tuple(stored["shape"]),
            )
            idf = np.zeros(FEATURES, dtype=np.float32)
            idf[stored["idf_index"]] = stored["idf_value"]
        return cls(idf, rows)
