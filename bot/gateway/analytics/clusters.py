"""Unanswered questions grouped by meaning, so the biggest gaps in the content show first.

Greedy threshold clustering: each question joins the most similar group when the cosine
similarity to the group's centre reaches the threshold, else starts a group. One pass, O(n·k),
fast enough for the few thousand latest questions the desk looks at.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.encoder import Encoder

DEFAULT_THRESHOLD = 0.65
MAX_EXAMPLES = 5
MAX_CONVERSATIONS = 3


@dataclass(frozen=True)
class Cluster:
    """`count` questions asked about one thing; `examples` are the most frequent wordings and
    `conversations` some of the conversations they were asked in."""

    count: int
    examples: tuple[str, ...]
    conversations: tuple[str, ...] = ()


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def cluster_questions(
    questions: Sequence[str],
    encoder: Encoder,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 20,
    sources: Sequence[str] | None = None,
) -> list[Cluster]:
    """The `limit` largest groups, largest first. The same wording asked twice is encoded once.
    `sources` names the conversation of each question (same order), newest first."""
    wordings: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    asked_in: dict[str, list[str]] = {}
    for index, question in enumerate(questions):
        key = _key(question)
        if key:
            wordings[key] += 1
            first_seen.setdefault(key, question.strip())
            if sources is not None and sources[index] not in asked_in.setdefault(key, []):
                asked_in[key].append(sources[index])
    keys = [key for key, _ in wordings.most_common()]
    if not keys:
        return []
    vectors = encoder.encode([first_seen[key] for key in keys])
    groups = _group(np.asarray(vectors, dtype=np.float32), threshold)
    clusters = []
    for members in groups:
        counts = sorted(((wordings[keys[i]], i) for i in members), key=lambda c: (-c[0], c[1]))
        examples = tuple(first_seen[keys[i]] for _, i in counts[:MAX_EXAMPLES])
        conversations: list[str] = []
        for _, i in counts:
            for conversation in asked_in.get(keys[i], []):
                if conversation not in conversations and len(conversations) < MAX_CONVERSATIONS:
                    conversations.append(conversation)
        clusters.append(Cluster(sum(c for c, _ in counts), examples, tuple(conversations)))
    clusters.sort(key=lambda c: -c.count)
    return clusters[:limit]


def _group(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Indices grouped; `vectors` are L2-normalised, most frequent wording first."""
    centres = np.zeros((0, vectors.shape[1]), dtype=np.float32)
    sums: list[np.ndarray] = []
    groups: list[list[int]] = []
    for index, vector in enumerate(vectors):
        if groups:
            similarities = centres @ vector
            best = int(np.argmax(similarities))
            if similarities[best] >= threshold:
                groups[best].append(index)
                sums[best] = sums[best] + vector
                centres[best] = sums[best] / max(float(np.linalg.norm(sums[best])), 1e-9)
                continue
        groups.append([index])
        sums.append(vector.copy())
        centres = np.vstack([centres, vector[None, :]])
    return groups
