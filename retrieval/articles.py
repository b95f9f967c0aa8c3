"""Loads help articles: Markdown files with YAML front matter, or a JSONL corpus.

Bad files never stop a load by default: each is skipped and reported with its file and line.
In strict mode the same problems raise a RetrievalError listing all of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from retrieval.errors import RetrievalError
from retrieval.html_text import html_to_text, looks_like_html
from retrieval.language import guess_language

LANGUAGES = ("ru", "en")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
# A plain value with ": " inside ("title: Оплата: способы") is not valid YAML, yet help-center
# titles often have one: such values are read as quoted text.
PLAIN_WITH_COLON = re.compile(
    r"^([\w-]+):[ \t]+([^\s\"'\[{|>&*!%@`#-][^\n]*: [^\n]*)$", re.MULTILINE
)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    lang: str
    body: str
    url: str = ""
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    translation: str = ""
    source: str = ""

    @property
    def checksum(self) -> str:
        """Changes whenever anything that is encoded or shown changes."""
        payload = json.dumps(
            [self.id, self.title, self.lang, self.body, self.url, self.questions],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class LoadProblem:
    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a problem


def detect_language(text: str) -> str:
    return guess_language(text, "ru")


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return ()


def _article(data: dict[str, Any], body: str, source: str) -> Article | str:
    """An Article, or the reason it is not one."""
    article_id = str(data.get("id") or "").strip()
    title = str(data.get("title") or "").strip()
    if not article_id:
        return "missing 'id'"
    if not re.fullmatch(r"[\w.:-]{1,128}", article_id):
        return f"id {article_id!r} may use letters, digits, '-', '_', '.', ':' only"
    if not title:
        return "missing 'title'"
    if not body.strip():
        return "the article body is empty"
    lang = str(data.get("lang") or detect_language(title + " " + body)).strip()
    if lang not in LANGUAGES:
        return f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}"
    return Article(
        id=article_id,
        title=title,
        lang=lang,
        body=body.strip(),
        url=str(data.get("url") or ""),
        tags=_text_list(data.get("tags")),
        questions=_text_list(data.get("questions")),
        translation=str(data.get("translation") or ""),
        source=source,
    )


def _front_matter(text: str) -> Any:
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        quoted = PLAIN_WITH_COLON.sub(lambda m: f"{m[1]}: {json.dumps(m[2].strip())}", text)
        if quoted == text:
            raise
        return yaml.safe_load(quoted) or {}


def read_markdown(path: Path, result: LoadResult) -> None:
    source = str(path)
    raw = path.read_bytes()
    if b"\0" in raw[:4096]:
        result.problems.append(LoadProblem(source, "binary file, not a Markdown article"))
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        result.problems.append(LoadProblem(source, "not UTF-8 text; save it as UTF-8", line))
        return
    match = FRONT_MATTER.match(text)
    if not match:
        result.problems.append(
            LoadProblem(
                source, "no front matter: start with '---', the id/title/lang fields, then '---'", 1
            )
        )
        return
    try:
        data = _front_matter(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        result.problems.append(LoadProblem(source, f"broken front matter: {reason}", line))
        return
    if not isinstance(data, dict):
        result.problems.append(LoadProblem(source, "front matter must be key: value pairs", 2))
        return
    article = _article(data, text[match.end() :], source)
    if isinstance(article, str):
        result.problems.append(LoadProblem(source, article))
    else:
        result.articles.append(article)


# Fields of a JSONL line, first present wins: BEIR-style corpora ({"_id", "title", "text"}) and
# help-center FAQ exports ({"question", "answer"}, {"q", "a"}, title with body/content/answer).
# A pair's question is the article's title only. Also counting it as an example question (a
# `questions:` entry) raised no recall@1 on the validation halves (school export and provider
# equal, bank 0.885 against 0.893 with its titles read as questions) and cost the school export
# coverage: 0.597 against 0.625, at precision 0.867 against 0.851.
ID_FIELDS = ("id", "_id")
TITLE_FIELDS = ("title", "question", "q")
BODY_FIELDS = ("text", "body", "content", "answer", "a")
LANG_FIELDS = ("lang", "language")
URL_FIELDS = ("url", "link")


def _first(data: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((data[n] for n in names if data.get(n) not in (None, "")), None)


def derived_id(title: str, taken: set[str], line: int) -> str:
    """An id for a line without one: from its question, so it stays the same when other lines
    are added or moved; the line number is added only when the same question comes twice."""
    digest = hashlib.sha256(" ".join(title.lower().split()).encode()).hexdigest()[:12]
    article_id = f"q-{digest}"
    return article_id if article_id not in taken else f"{article_id}-{line}"


def _plain(text: str) -> str:
    return (html_to_text(text) if looks_like_html(text) else text).strip()


def _jsonl_fields(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The line's fields under the names `_article` reads, and its body as text."""
    body = _first(data, BODY_FIELDS)
    body = _plain("" if body is None else str(body))
    lang = _first(data, LANG_FIELDS)
    fields = {
        **data,
        "id": _first(data, ID_FIELDS),
        "title": _plain(str(_first(data, TITLE_FIELDS) or "")),
        "lang": str(lang).strip().lower()[:2] if lang else None,
        "url": _first(data, URL_FIELDS) or "",
    }
    return fields, body


def is_query_file(first: dict[str, Any]) -> bool:
    """Evaluation queries ({"query", "expected"}) kept beside an export are not articles."""
    return "query" in first and not any(n in first for n in TITLE_FIELDS + BODY_FIELDS)


def read_jsonl(path: Path, result: LoadResult, beside_articles: bool = False) -> None:
    """One article a line; lines without an id get one derived from their question.
    `beside_articles`: the file is in a help-center folder, where a file of evaluation queries
    is skipped quietly rather than reported."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        result.problems.append(LoadProblem(str(path), "not UTF-8 text"))
        return
    taken: set[str] = set()
    derived = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            result.problems.append(LoadProblem(str(path), "not a JSON object", number))
            continue
        if not taken and is_query_file(data):
            if not beside_articles:
                result.problems.append(
                    LoadProblem(str(path), "evaluation queries (query/expected), not articles")
                )
            return
        fields, body = _jsonl_fields(data)
        if not fields["title"]:
            names = "/".join(TITLE_FIELDS)
            result.problems.append(
                LoadProblem(str(path), f"no question or title ({names})", number)
            )
            continue
        if fields["id"] is None:
            fields["id"] = derived_id(fields["title"], taken, number)
            derived += 1
        article = _article(fields, body, f"{path}:{number}")
        if isinstance(article, str):
            result.problems.append(LoadProblem(str(path), article, number))
        else:
            taken.add(article.id)
            result.articles.append(article)
    if derived:
        result.notes.append(
            f"{path}: {derived} line{'s' if derived != 1 else ''} without an id: ids derived "
            "from the question (q-<hash>); add an `id` field to keep links and analytics stable "
            "when a question is reworded"
        )


def without_questions(articles: list[Article]) -> list[Article]:
    """The articles with every `questions:` list removed: how a help center without hand-written
    customer questions is searched (`--strip-questions` of `retrieval eval` and the bench)."""
    return [dataclasses.replace(a, questions=()) for a in articles]


def load_articles(path: Path, strict: bool = False) -> LoadResult:
    """Load a folder of `*.md` articles and JSONL exports (recursively) or one JSONL file."""
    result = LoadResult()
    if not path.exists():
        raise RetrievalError(f"Knowledge base {path} does not exist.")
    if path.is_file():
        read_jsonl(path, result)
    else:
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if file.suffix.lower() == ".md" and file.name.lower() != "readme.md":
                read_markdown(file, result)
            elif file.suffix.lower() == ".jsonl":
                read_jsonl(file, result, beside_articles=True)
    _drop_duplicates(result)
    if strict and result.problems:
        raise RetrievalError(
            "The knowledge base has problems:\n" + "\n".join(f"  {p}" for p in result.problems)
        )
    return result


def _drop_duplicates(result: LoadResult) -> None:
    """A duplicate id would make answers ambiguous: keep the first, report the rest."""
    seen: dict[str, Article] = {}
    kept = []
    for article in result.articles:
        first = seen.get(article.id)
        if first is not None:
            result.problems.append(
                LoadProblem(article.source, f"duplicate id {article.id!r} (also in {first.source})")
            )
            continue
        seen[article.id] = article
        kept.append(article)
    result.articles = kept
