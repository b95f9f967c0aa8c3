"""What people read instead of ids, from the project's own files: help-article titles and links
(the help center the article search reads), intent descriptions and topics (intents/*.yml), and
the NLU fallback threshold (config.yml). Read again only when one of those files changed; a file
that cannot be read is skipped, and its ids are shown as they are."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from retrieval.articles import load_articles
from retrieval.errors import RetrievalError

log = logging.getLogger("gateway")
DEFAULT_FALLBACK_THRESHOLD = 0.3
CHECK_EVERY_SECONDS = 5.0
# Topics whose intents neither ask for nor give support answers (intents/README.md).
NON_SUPPORT_TOPICS = frozenset({"smalltalk", "process"})
# Replies that hand the conversation to a person (the second one unless an article answers).
HANDOFF_REPLIES = frozenset({"action_handoff_start", "action_handoff_unless_article"})


@dataclass(frozen=True)
class ArticleName:
    title: str
    url: str
    lang: str


@dataclass(frozen=True)
class IntentInfo:
    description: str
    topic: str
    reply: str
    example: dict[str, str] = field(default_factory=dict)  # the first example per language

    @property
    def answers_support_question(self) -> bool:
        """A confident reply to this intent is an answer on a support topic."""
        return self.topic not in NON_SUPPORT_TOPICS and self.reply not in HANDOFF_REPLIES


@dataclass(frozen=True)
class Catalogue:
    articles: dict[str, ArticleName] = field(default_factory=dict)
    intents: dict[str, IntentInfo] = field(default_factory=dict)
    fallback_threshold: float = DEFAULT_FALLBACK_THRESHOLD

    def article(self, article_id: str) -> dict[str, Any]:
        name = self.articles.get(article_id)
        if name is None:
            return {"article": article_id, "title": None, "url": None, "lang": None}
        return {"article": article_id, "title": name.title, "url": name.url, "lang": name.lang}

    def intent(self, intent: str) -> dict[str, Any]:
        info = self.intents.get(intent)
        if info is None:
            return {"intent": intent, "description": None, "topic": None, "example": {}}
        return {
            "intent": intent,
            "description": info.description,
            "topic": info.topic,
            "example": info.example,
        }


def _yaml(path: Path, loader: Any = yaml.SafeLoader) -> Any:
    """BaseLoader keeps every value a string: an example "yes" stays "yes", not True."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        log.warning("gateway.analytics.unreadable file=%s error=%s", path, type(error).__name__)
        return None


def _articles(knowledge: Path) -> dict[str, ArticleName]:
    """The help center's titles and links, read as the article search reads them (a folder of
    Markdown articles or a JSONL file); an unreadable help center leaves the ids as they are."""
    try:
        loaded = load_articles(knowledge)
    except (RetrievalError, OSError) as error:
        log.warning("gateway.analytics.no_articles path=%s error=%s", knowledge, error)
        return {}
    return {a.id: ArticleName(a.title, a.url, a.lang) for a in loaded.articles}


def _first_examples(examples: Any) -> dict[str, str]:
    if not isinstance(examples, dict):
        return {}
    first = {}
    for language, texts in examples.items():
        if isinstance(texts, list) and texts:
            first[str(language)] = re.sub(r"\[([^\]]+)\]\([a-z_]+\)", r"\1", str(texts[0]))
    return first


def _intents(folder: Path) -> dict[str, IntentInfo]:
    found: dict[str, IntentInfo] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        data = _yaml(path, yaml.BaseLoader)
        if isinstance(data, dict) and isinstance(data.get("intent"), str):
            found[data["intent"]] = IntentInfo(
                description=str(data.get("description") or "").strip(),
                topic=str(data.get("topic") or ""),
                reply=str(data.get("reply") or ""),
                example=_first_examples(data.get("examples")),
            )
    return found


def _fallback_threshold(config: Path) -> float:
    data = _yaml(config) if config.is_file() else None
    pipeline = data.get("pipeline") if isinstance(data, dict) else None
    for step in pipeline if isinstance(pipeline, list) else []:
        if isinstance(step, dict) and step.get("name") == "FallbackClassifier":
            threshold = step.get("threshold", DEFAULT_FALLBACK_THRESHOLD)
            if isinstance(threshold, (int, float)) and 0 <= threshold <= 1:
                return float(threshold)
    return DEFAULT_FALLBACK_THRESHOLD


class ContentNames:
    """The catalogue of one project folder; `get()` is blocking (file reads): call it from a
    worker thread."""

    def __init__(self, root: Path, knowledge: Path | None = None) -> None:
        self._root = root
        self._knowledge = knowledge or root / "knowledge"
        self._lock = threading.Lock()
        self._signature: tuple[tuple[str, int], ...] | None = None
        self._catalogue = Catalogue()
        self._checked = 0.0

    def _files(self) -> list[Path]:
        knowledge, intents = self._knowledge, self._root / "intents"
        files = [self._root / "config.yml", knowledge]
        files += sorted(knowledge.rglob("*.md")) if knowledge.is_dir() else []
        files += sorted(intents.glob("*.yml")) if intents.is_dir() else []
        return files

    def _current_signature(self) -> tuple[tuple[str, int], ...]:
        signature = []
        for path in self._files():
            try:
                signature.append((str(path), path.stat().st_mtime_ns))
            except OSError:
                continue
        return tuple(signature)

    def get(self) -> Catalogue:
        with self._lock:
            if (
                self._signature is not None
                and time.monotonic() - self._checked < CHECK_EVERY_SECONDS
            ):
                return self._catalogue
            self._checked = time.monotonic()
            signature = self._current_signature()
            if signature != self._signature:
                self._catalogue = Catalogue(
                    articles=_articles(self._knowledge),
                    intents=_intents(self._root / "intents"),
                    fallback_threshold=_fallback_threshold(self._root / "config.yml"),
                )
                self._signature = signature
            return self._catalogue


_BY_ROOT: dict[tuple[Path, Path | None], ContentNames] = {}
_BY_ROOT_LOCK = threading.Lock()


def content_names(root: Path, knowledge: Path | None = None) -> ContentNames:
    """One catalogue per project folder, shared by the requests of a gateway."""
    with _BY_ROOT_LOCK:
        return _BY_ROOT.setdefault((root, knowledge), ContentNames(root, knowledge))
