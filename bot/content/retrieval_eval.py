"""Search quality on the project's test queries, at the thresholds the bot runs with: the index's
built-in calibration (retrieval/calibration.py) unless a threshold is set explicitly.

The index is built in a temporary folder, so the served index is never touched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from retrieval.articles import load_articles
from retrieval.encoder import Encoder
from retrieval.evaluation import load_queries, metrics, rank_all
from retrieval.index import build_with_settings
from retrieval.ranking import decide
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

KEPT_METRICS = ("recall@1", "recall@5", "mrr", "answer_precision", "abstain_recall")


def evaluate(kb: Path, queries: Path, encoder: Encoder) -> dict[str, Any]:
    """Headline metrics and, per query, whether it is handled right (right article first, or an
    abstention when nothing should answer)."""
    test = load_queries(queries)
    with tempfile.TemporaryDirectory() as folder:
        configured = RetrievalSettings.from_mapping(os.environ)
        configured = configured.replace(path=kb, index_dir=Path(folder))
        build_with_settings(load_articles(kb).articles, encoder, configured)
        search = KbSearch.open(encoder, configured)
        settings = search.settings  # what the bot runs with
        results = rank_all(search, test)
    per_query = {}
    for item in results:
        if item.query.expected:
            right = bool(item.ranked) and item.ranked[0].article_id in item.query.expected
        else:
            right = decide(list(item.ranked), settings)[0] == "abstain"
        per_query[item.query.text] = right
    summary = metrics(results, settings)
    return {"metrics": {k: summary[k] for k in KEPT_METRICS}, "per_query": per_query}
