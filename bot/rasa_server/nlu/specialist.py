"""A second opinion from a single-language sentence encoder, asked only when the ranking is unsure.

The multilingual encoder serves every language; an encoder trained on one language knows that
language's paraphrases better (BANKING77 at 10 examples per intent: 0.824 with the multilingual
encoder alone). It also takes several times as long per message, so the IntentEnsemble asks it
only about messages written in its languages whose combined confidence is below
`below_confidence`: a logistic regression over its vector alone, trained on the examples in its
languages, and its probabilities averaged with the ensemble's. Confident messages never wait for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.linear_model import LogisticRegression

from bot.rasa_server.nlu.language_detector import detect_language
from retrieval.encoder import Encoder, load_encoder

log = logging.getLogger(__name__)
KNOWN_LANGUAGES = frozenset({"ru", "en"})
# The weight of the specialist's probabilities against the ensemble's when it is asked.
SHARE = 0.5
# The vectors have norm 1; scaled as the ensemble scales the multilingual one, so that the same
# regularisation strength (C) suits both regressions.
VECTOR_SCALE = 2.0
SETTINGS_KEYS = frozenset({"encoder", "languages", "below_confidence"})


@dataclass(frozen=True)
class SpecialistSettings:
    encoder: str
    languages: frozenset[str]
    below_confidence: float

    @classmethod
    def from_config(cls, value: Any) -> SpecialistSettings | None:
        """The `specialist` setting of the IntentEnsemble; None (the default) turns it off."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValueError(
                "'specialist' must be a mapping with 'encoder', 'languages' and "
                f"'below_confidence', got {value!r}."
            )
        unknown = set(value) - SETTINGS_KEYS
        if unknown:
            raise ValueError(f"'specialist' has unknown keys: {', '.join(sorted(unknown))}.")
        encoder, languages = value.get("encoder"), value.get("languages")
        below = value.get("below_confidence")
        if not isinstance(encoder, str) or not encoder.strip():
            raise ValueError(
                f"'specialist.encoder' must name a sentence-transformers model, got {encoder!r}."
            )
        if (
            not isinstance(languages, list)
            or not languages
            or not set(languages) <= KNOWN_LANGUAGES
        ):
            raise ValueError(
                f"'specialist.languages' must list some of {sorted(KNOWN_LANGUAGES)}, "
                f"got {languages!r}."
            )
        if isinstance(below, bool) or not isinstance(below, (int, float)) or not 0 < below <= 1:
            raise ValueError(
                f"'specialist.below_confidence' must be a number above 0 and at most 1, "
                f"got {below!r}."
            )
        return cls(encoder.strip(), frozenset(languages), float(below))


class Specialist:
    """The single-language encoder, its regression's training and its opinion on a message."""

    def __init__(self, settings: SpecialistSettings, encoder: Encoder | None = None) -> None:
        """Loads the encoder now, with the model, so that no customer waits for its loading."""
        self.settings = settings
        self.encoder = encoder or load_encoder(settings.encoder)

    def speaks(self, text: str) -> bool:
        return detect_language(text) in self.settings.languages

    def asked_for(self, text: str, confidence: float) -> bool:
        return confidence < self.settings.below_confidence and self.speaks(text)

    def trained(
        self, texts: Sequence[str], labels: Sequence[str], c: float
    ) -> LogisticRegression | None:
        """A regression over the vectors of the examples in its languages; None when those
        examples name fewer than two intents (nothing to choose between)."""
        spoken = [i for i, text in enumerate(texts) if self.speaks(text)]
        if len({labels[i] for i in spoken}) < 2:
            log.warning("nlu.specialist.skipped reason=fewer than two intents in its languages")
            return None
        started = time.monotonic()
        vectors = self.encoder.encode([texts[i] for i in spoken]) * VECTOR_SCALE
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit(vectors, [labels[i] for i in spoken])
        log.info(
            "nlu.specialist.trained examples=%d seconds=%.1f",
            len(spoken),
            time.monotonic() - started,
        )
        return model

    def second_opinion(
        self, model: LogisticRegression, text: str, ranking: dict[str, float]
    ) -> list[tuple[str, float]]:
        """The ensemble's `ranking` averaged with the regression's probabilities for `text`.

        An intent with no examples in the specialist's languages has no opinion to average with
        and keeps the ensemble's score, so an intent written only in Russian is not pushed down.
        """
        vector = self.encoder.encode([text]) * VECTOR_SCALE
        opinion = dict(zip(model.classes_, model.predict_proba(vector)[0].tolist(), strict=True))
        mixed = {
            name: (1 - SHARE) * score + SHARE * opinion[name] if name in opinion else score
            for name, score in ranking.items()
        }
        return sorted(mixed.items(), key=lambda item: item[1], reverse=True)
