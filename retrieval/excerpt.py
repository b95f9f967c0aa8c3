"""Picks the 1-3 sentences of an article that answer the question best."""

from __future__ import annotations

import re

import numpy as np

from retrieval.chunker import sections
from retrieval.encoder import Encoder

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(A-ZА-ЯЁ0-9])")
MAX_EXCERPT_CHARS = 400
LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def sentences(body: str) -> list[str]:
    result = []
    for _, paragraphs in sections(body):
        for paragraph in paragraphs:
            for sentence in SENTENCE_END.split(paragraph):
                cleaned = LIST_MARK.sub("", sentence.replace("**", "")).strip()
                if len(cleaned) > 15:
                    result.append(cleaned)
    return result


def best_excerpt(question: str, body: str, encoder: Encoder) -> str:
    """The best sentence plus its neighbours while they fit, in the article's order."""
    candidates = sentences(body)
    if not candidates:
        return body.strip()[:MAX_EXCERPT_CHARS]
    vectors = encoder.encode([question, *candidates])
    similarity = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarity))
    chosen = [best]
    for neighbour in (best + 1, best - 1):
        if not 0 <= neighbour < len(candidates) or len(chosen) >= 3:
            continue
        length = sum(len(candidates[i]) for i in chosen) + len(candidates[neighbour])
        if length <= MAX_EXCERPT_CHARS and similarity[neighbour] > similarity[best] - 0.25:
            chosen.append(neighbour)
    text = " ".join(candidates[i] for i in sorted(chosen))
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"
