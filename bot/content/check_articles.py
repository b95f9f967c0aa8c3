"""Checks of the help articles in `knowledge/`: front matter, ids, links and translations.

Markdown articles and JSONL exports of question/answer pairs are both checked: the search loads
both, so a content owner must hear about a bad line in either.

The search skips a bad article and keeps going (the bot must keep serving); the check is where a
content owner learns why an article never shows up, with the file, the line and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.common.build.errors import ContentProblem
from bot.common.build.intent_files import line_of
from retrieval.articles import FRONT_MATTER, Article, LoadResult, read_jsonl, read_markdown

# The loader already rejects a missing id or title; it guesses a missing lang, which it should not.
REQUIRED = ("lang",)
LIST_FIELDS = ("tags", "questions")
MARKDOWN_LINK = re.compile(r"\]\(\s*(https?://[^)\s]+)")


def article_files(folder: Path) -> list[Path]:
    """The files the search loads: Markdown articles (not READMEs) and JSONL exports; a help
    center may also be one JSONL file."""
    if folder.is_file():
        return [folder]
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and (
            (p.suffix.lower() == ".md" and p.name.lower() != "readme.md")
            or p.suffix.lower() == ".jsonl"
        )
    )


def _source_file(article: Article) -> tuple[Path, int | None]:
    """A JSONL article's source is `file:line`; a Markdown article's is its file."""
    path, _, line = article.source.rpartition(":")
    if path and line.isdigit() and Path(path).suffix.lower() == ".jsonl":
        return Path(path), int(line)
    return Path(article.source), None


def _front_matter_problems(path: Path) -> list[ContentProblem]:
    """What the loader tolerates but a content owner should fix: missing or mistyped fields."""
    text = path.read_text(encoding="utf-8", errors="replace")
    match = FRONT_MATTER.match(text)
    try:
        data = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return []  # the loader reports the syntax error with its line
    if not isinstance(data, dict):
        return []
    problems = []
    for name in REQUIRED:
        if not str(data.get(name) or "").strip():
            problems.append(
                ContentProblem(path, f"front matter has no '{name}'", 2, f"add '{name}: ...'")
            )
    for name in LIST_FIELDS:
        if name in data and not isinstance(data[name], list):
            problems.append(
                ContentProblem(
                    path,
                    f"'{name}' must be a list",
                    line_of(text, f"{name}:"),
                    f"write '{name}: [a, b]' or one '- item' per line",
                )
            )
    url = str(data.get("url") or "")
    if url and urlsplit(url).scheme not in ("http", "https"):
        problems.append(
            ContentProblem(path, f"url {url!r} is not a web address", line_of(text, "url:"))
        )
    return problems


def _line(path: Path, jsonl_line: int | None, needle: str) -> int | None:
    """A JSONL article's own line, else the Markdown file's line holding `needle`: the file is
    read only for a problem to point at, never once per line of an export."""
    return jsonl_line or line_of(path.read_text(encoding="utf-8"), needle)


def _normal_url(url: str) -> str:
    return url.split("#")[0].rstrip("/")


def _link_problems(articles: list[Article]) -> list[ContentProblem]:
    """Links to our own help site must point to an article; `translation` must name one."""
    ids = {a.id: a for a in articles}
    translated = any(a.translation for a in articles)
    urls = {_normal_url(a.url) for a in articles if a.url}
    hosts = {urlsplit(a.url).netloc for a in articles if a.url}
    problems = []
    for article in articles:
        path, jsonl_line = _source_file(article)
        for link in MARKDOWN_LINK.findall(article.body):
            if urlsplit(link).netloc in hosts and _normal_url(link) not in urls:
                problems.append(
                    ContentProblem(
                        path,
                        f"link to a missing article: {link}",
                        _line(path, jsonl_line, link),
                        "fix the address or add the article it points to",
                    )
                )
        if article.translation and article.translation not in ids:
            problems.append(
                ContentProblem(
                    path,
                    f"translation {article.translation!r} is not the id of any article",
                    _line(path, jsonl_line, "translation:"),
                    "use the id of the article in the other language, or remove the line",
                )
            )
        elif not article.translation and translated:
            other = "en" if article.lang == "ru" else "ru"
            problems.append(
                ContentProblem(
                    path,
                    f"the article exists only in {article.lang}",
                    jsonl_line,
                    f"add the {other} version and link both with 'translation:'",
                    severity="warning",
                )
            )
    return problems


def _one_language_problems(articles: list[Article], folder: Path) -> list[ContentProblem]:
    """A help center kept in one language (most exports) is one warning, not one per article."""
    languages = sorted({a.lang for a in articles})
    if any(a.translation for a in articles) or len(languages) != 1:
        return []
    only = languages[0]
    other = "en" if only == "ru" else "ru"
    return [
        ContentProblem(
            folder,
            f"every article is in {only} only: a question in {other} is answered from "
            f"{only} articles or not at all",
            None,
            f"add {other} versions linked with 'translation:' if customers write in {other}",
            severity="warning",
        )
    ]


def article_problems(folder: Path) -> list[ContentProblem]:
    """Every problem in the articles; one-language articles are warnings, the rest errors."""
    loaded = LoadResult()
    problems: list[ContentProblem] = []
    first_source: dict[str, str] = {}
    if not folder.exists():
        return [ContentProblem(folder, "the help center does not exist", hint="check the path")]
    kept: list[Article] = []
    for path in article_files(folder):
        before = len(loaded.articles)
        is_export = path.suffix.lower() == ".jsonl"
        if is_export:
            read_jsonl(path, loaded, beside_articles=True)
        else:
            read_markdown(path, loaded)
        problems.extend(
            ContentProblem(path, p.message, p.line, "see the format in docs/content-guide.md")
            for p in loaded.problems
        )
        problems.extend(ContentProblem(path, note, severity="warning") for note in loaded.notes)
        if not is_export:
            problems.extend(_front_matter_problems(path))
        loaded.problems.clear()
        loaded.notes.clear()
        for article in loaded.articles[before:]:
            source, jsonl_line = _source_file(article)
            if article.id in first_source:
                problems.append(
                    ContentProblem(
                        source,
                        f"duplicate id {article.id!r} (also in {first_source[article.id]})",
                        _line(source, jsonl_line, "id:"),
                        "give each article its own id",
                    )
                )
            else:
                first_source[article.id] = str(source)
                kept.append(article)
    return problems + _link_problems(kept) + _one_language_problems(kept, folder)
