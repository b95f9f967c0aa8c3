"""Retrieval settings: one frozen dataclass, built from a mapping (environment or test values)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrieval.encoder import DEFAULT_ENCODER
from retrieval.errors import RetrievalError

PREFIX = "ASSISTANT_KB_"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RetrievalSettings:
    path: Path = ROOT / "knowledge"
    index_dir: Path = ROOT / ".data" / "kb-index"
    encoder: str = DEFAULT_ENCODER
    # Ranking: fused = dense_weight * cosine + lexical_weight * bm25 / (bm25 + lexical_saturation)
    dense_weight: float = 1.0
    lexical_weight: float = 0.5
    lexical_saturation: float = 6.0
    # A title is short and generic: its match counts a little less than a question's or a body's.
    title_weight: float = 0.8
    # An article whose second-best chunk also matches is more likely the right one.
    second_chunk_weight: float = 0.3
    # Calibration: score = 1 / (1 + exp(-calibration_slope * (fused - calibration_midpoint))).
    # These values and the thresholds below were chosen by `python -m retrieval eval --val
    # bench/data/kb_val.jsonl` on the validation queries, never on the test queries.
    calibration_slope: float = 16.678
    calibration_midpoint: float = 1.0478
    # Outcomes on calibrated scores.
    answer_threshold: float = 0.85
    clarify_threshold: float = 0.55
    answer_margin: float = 0.04
    clarify_window: float = 0.15
    same_language_bonus: float = 0.0
    candidate_chunks: int = 100
    approximate_above: int = 20_000
    chunk_chars: int = 600
    chunk_overlap: int = 120
    max_query_chars: int = 1000
    reload_check_seconds: float = 5.0

    def __post_init__(self) -> None:
        positive = (
            "dense_weight",
            "lexical_saturation",
            "calibration_slope",
            "chunk_chars",
            "max_query_chars",
            "candidate_chunks",
            "approximate_above",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise RetrievalError(f"{PREFIX}{name.upper()} must be positive.")
        for name in ("answer_threshold", "clarify_threshold"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise RetrievalError(f"{PREFIX}{name.upper()} must be between 0 and 1.")
        if self.clarify_threshold > self.answer_threshold:
            raise RetrievalError(
                f"{PREFIX}CLARIFY_THRESHOLD ({self.clarify_threshold}) must not exceed "
                f"{PREFIX}ANSWER_THRESHOLD ({self.answer_threshold})."
            )
        if not 0 <= self.chunk_overlap < self.chunk_chars:
            raise RetrievalError(f"{PREFIX}CHUNK_OVERLAP must be >= 0 and below CHUNK_CHARS.")

    def replace(self, **changes: Any) -> RetrievalSettings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> RetrievalSettings:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, raw in values.items():
            if not key.startswith(PREFIX):
                continue
            name = key[len(PREFIX) :].lower()
            if name not in fields:
                known = ", ".join(PREFIX + n.upper() for n in fields)
                raise RetrievalError(f"Unknown setting {key}. Known: {known}.")
            kind = str(fields[name].type)
            try:
                kwargs[name] = {"int": int, "float": float, "Path": Path}.get(kind, str)(raw)
            except ValueError:
                raise RetrievalError(f"{key} must be a {kind}, got {raw!r}.") from None
        return cls(**kwargs)
