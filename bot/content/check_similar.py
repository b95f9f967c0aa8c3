"""Near-duplicate examples across intents: two intents that share a wording confuse the model.

Exact duplicates are already a build error; this finds the ones that differ by a word or a typo,
using the same multilingual encoder as the NLU, so "close" means close to the model too.
"""

from __future__ import annotations

import numpy as np

from bot.common.build.errors import ContentProblem
from bot.common.build.intent_files import Content, line_of, plain_text
from retrieval.encoder import Encoder

DEFAULT_THRESHOLD = 0.95
MAX_PER_INTENT_PAIR = 3


def near_duplicates(
    content: Content, encoder: Encoder, threshold: float = DEFAULT_THRESHOLD
) -> list[ContentProblem]:
    """Pairs of examples from different intents with cosine similarity at or above `threshold`."""
    owners, texts = [], []
    for intent in content.intents:
        for examples in intent.examples.values():
            for example in examples:
                owners.append(intent)
                texts.append(example)
    if not texts:
        return []
    vectors = encoder.encode([plain_text(t) for t in texts])
    similarity = vectors @ vectors.T
    intent_ids = np.array([id(o) for o in owners])
    across = intent_ids[:, None] != intent_ids[None, :]
    rows, cols = np.nonzero(np.triu(similarity >= threshold, k=1) & across)
    reported: dict[tuple[str, str], int] = {}
    problems = []
    for i, j in sorted(zip(rows.tolist(), cols.tolist(), strict=True), key=lambda p: p[::-1]):
        first, second = owners[i], owners[j]
        pair = (first.name, second.name)
        reported[pair] = reported.get(pair, 0) + 1
        if reported[pair] > MAX_PER_INTENT_PAIR:
            continue
        problems.append(
            ContentProblem(
                second.path,
                f"example {texts[j]!r} is almost the same as {texts[i]!r} in intent "
                f"{first.name!r} (similarity {similarity[i, j]:.2f})",
                line_of(second.path.read_text(encoding="utf-8"), texts[j]),
                f"reword one of them or keep it in one intent only ({first.path.name})",
            )
        )
    return problems
