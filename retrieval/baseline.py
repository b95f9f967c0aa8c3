"""The plain baseline every search number is compared with: per article, 0.5 x the cosine of the
question's and the whole article's sentence vectors + 0.5 x the cosine of their character TF-IDF
vectors (2-5 character n-grams within words, sublinear term frequency), fitted on the articles.
No chunks, no calibration: `rank` has the shape `retrieval.evaluation.rank_all` expects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from retrieval.articles import Article, detect_language
from retrieval.encoder import Encoder
from retrieval.ranking import ArticleScore, drop_translations


@dataclass(frozen=True)
class BaselineRanking:
    ranked: tuple[ArticleScore, ...]


class BaselineSearch:
    def __init__(self, articles: list[Article], encoder: Encoder) -> None:
        self._encoder = encoder
        self._ids = [a.id for a in articles]
        texts = [f"{a.title}\n{a.body}" for a in articles]
        self._vectors = encoder.encode(texts)
        self._tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self._matrix = self._tfidf.fit_transform(texts)
        self._langs = {a.id: a.lang for a in articles}
        self._translations = {a.id: a.translation for a in articles if a.translation}

    def rank(self, text: str) -> BaselineRanking:
        dense = self._vectors @ self._encoder.encode([text])[0]
        chars = (self._matrix @ self._tfidf.transform([text]).T).toarray()[:, 0]
        fused = 0.5 * dense + 0.5 * chars
        ranked = [
            ArticleScore(self._ids[i], float(fused[i]), float(fused[i]), 0)
            for i in np.argsort(-fused, kind="stable")[:50].tolist()
        ]
        kept = drop_translations(ranked, self._translations, self._langs, detect_language(text))
        return BaselineRanking(tuple(kept))
