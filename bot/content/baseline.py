"""The recorded quality baseline and the comparison that fails the check when quality fell.

A change may cost a little (one held-out example is several points for a small intent), so only
a fall of more than `margin` in a headline number fails; the intents and queries that got worse
are always listed, so the content owner sees where to look.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MARGIN = 0.02


@dataclass
class Comparison:
    failures: list[str] = field(default_factory=list)
    worse_intents: list[str] = field(default_factory=list)
    worse_queries: list[str] = field(default_factory=list)


def record(path: Path, evals: dict[str, Any]) -> None:
    kept = {
        "intents": {k: evals["intents"][k] for k in ("accuracy", "per_intent")},
        "retrieval": evals["retrieval"],
    }
    path.write_text(
        json.dumps(kept, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def load(path: Path) -> dict[str, Any] | None:
    """The baseline, or None when none was recorded; a broken file is an error, not a pass."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"intents", "retrieval"} <= set(data):
            raise ValueError("needs 'intents' and 'retrieval'")
        return data
    except ValueError as error:
        raise ValueError(
            f"{path} is not a valid baseline ({error}); record one with --record-baseline"
        ) from None


def _fell(name: str, old: float, new: float, margin: float) -> str | None:
    if any(not isinstance(v, (int, float)) or math.isnan(v) for v in (old, new)):
        return None
    if new < old - margin:
        return f"{name} fell from {old:.3f} to {new:.3f} (allowed: {margin:.3f} below the baseline)"
    return None


def compare(current: dict[str, Any], baseline: dict[str, Any], margin: float) -> Comparison:
    result = Comparison()
    pairs = [
        (f"intent accuracy ({lang})", old, current["intents"]["accuracy"].get(lang, 0.0))
        for lang, old in baseline["intents"]["accuracy"].items()
    ] + [
        (f"search {name}", old, current["retrieval"]["metrics"].get(name, 0.0))
        for name, old in baseline["retrieval"]["metrics"].items()
    ]
    result.failures = [m for m in (_fell(n, o, c, margin) for n, o, c in pairs) if m]
    now = current["intents"]["per_intent"]
    result.worse_intents = [
        f"{name}: {old:.2f} -> {now[name]:.2f}"
        for name, old in sorted(baseline["intents"]["per_intent"].items())
        if name in now and now[name] < old
    ]
    queries = current["retrieval"]["per_query"]
    result.worse_queries = [
        text
        for text, was_right in baseline["retrieval"]["per_query"].items()
        if was_right and queries.get(text) is False
    ]
    return result
