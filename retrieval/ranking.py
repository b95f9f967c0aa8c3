"""Hybrid ranking: dense and lexical scores per chunk, aggregated per article, calibrated, then
turned into one of three outcomes. Pure functions over arrays, so they are easy to test."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from retrieval.settings import RetrievalSettings

Outcome = Literal["answer", "clarify", "abstain"]


@dataclass(frozen=True)
class ArticleScore:
    article_id: str
    score: float
    fused: float
    best_chunk: int


def fuse(
    dense: np.ndarray, lexical: np.ndarray, is_title: np.ndarray, settings: RetrievalSettings
) -> np.ndarray:
    """Cosine plus a saturating BM25 term: lexical evidence helps but never swamps meaning."""
    saturated = lexical / (lexical + settings.lexical_saturation)
    weight = np.where(is_title, settings.title_weight, 1.0)
    return settings.dense_weight * dense * weight + settings.lexical_weight * saturated


def calibrate(fused: float, settings: RetrievalSettings) -> float:
    return 1.0 / (
        1.0 + math.exp(-settings.calibration_slope * (fused - settings.calibration_midpoint))
    )


def aggregate(
    chunk_ids: np.ndarray,
    fused: np.ndarray,
    chunk_articles: list[str],
    article_langs: dict[str, str],
    query_lang: str,
    settings: RetrievalSettings,
) -> list[ArticleScore]:
    """Best chunk plus a share of the second best per article; optional same-language bonus."""
    per_article: dict[str, list[tuple[float, int]]] = {}
    for chunk_id, score in zip(chunk_ids.tolist(), fused.tolist(), strict=True):
        per_article.setdefault(chunk_articles[chunk_id], []).append((score, chunk_id))
    scored = []
    for article_id, hits in per_article.items():
        hits.sort(reverse=True)
        score = hits[0][0] + (settings.second_chunk_weight * hits[1][0] if len(hits) > 1 else 0)
        if article_langs.get(article_id) == query_lang:
            score += settings.same_language_bonus
        scored.append((score, article_id, hits[0][1]))
    scored.sort(reverse=True)
    return [ArticleScore(a, calibrate(s, settings), s, c) for s, a, c in scored]


def drop_translations(
    ranked: list[ArticleScore],
    translations: dict[str, str],
    article_langs: dict[str, str],
    query_lang: str,
) -> list[ArticleScore]:
    """When an article and its translation both rank, keep the one in the customer's language."""
    kept: list[ArticleScore] = []
    ids = {r.article_id for r in ranked}
    for item in ranked:
        other = translations.get(item.article_id)
        if other in ids and article_langs.get(item.article_id) != query_lang:
            continue
        kept.append(item)
    return kept


def decide(
    ranked: list[ArticleScore], settings: RetrievalSettings
) -> tuple[Outcome, list[ArticleScore]]:
    """answer: one clear winner; clarify: up to three close candidates; abstain: nothing good."""
    if not ranked or ranked[0].score < settings.clarify_threshold:
        return "abstain", []
    top = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if top.score >= settings.answer_threshold and top.score - second >= settings.answer_margin:
        return "answer", [top]
    close = [
        r
        for r in ranked[:3]
        if r.score >= settings.clarify_threshold and top.score - r.score <= settings.clarify_window
    ]
    if len(close) == 1 and top.score >= settings.answer_threshold:
        return "answer", [top]
    return "clarify", close
