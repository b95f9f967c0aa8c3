"""Checks of the help articles in `knowledge/`: front matter, ids, links and translations.

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
from retrieval.articles import FRONT_MATTER, Article, LoadResult, read_markdown

# The loader already rejects a missing id or title; it guesses a missing lang, which it should not.
REQUIRED = ("lang",)
LIST_FIELDS = ("tags", "questions")
MARKDOWN_LINK = re.compile(r"\]\(\s*(https?://[^)\s]+)")


def article_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() == ".md" and p.name.lower() != "readme.md"
    )


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


def _normal_url(url: str) -> str:
    return url.split("#")[0].rstrip("/")


def _link_problems(articles: list[Article]) -> list[ContentProblem]:
    """Links to our own help site must point to an article; `translation` must name one."""
    ids = {a.id: a for a in articles}
    urls = {_normal_url(a.url) for a in articles if a.url}
    hosts = {urlsplit(a.url).netloc for a in articles if a.url}
    problems = []
    for article in articles:
        path = Path(article.source)
        text = path.read_text(encoding="utf-8")
        for link in MARKDOWN_LINK.findall(article.body):
            if urlsplit(link).netloc in hosts and _normal_url(link) not in urls:
                problems.append(
                    ContentProblem(
                        path,
                        f"link to a missing article: {link}",
                        line_of(text, link),
                        "fix the address or add the article it points to",
                    )
                )
        if article.translation and article.translation not in ids:
            problems.append(
                ContentProblem(
                    path,
                    f"translation {article.translation!r} is not the id of any article",
                    line_of(text, "translation:"),
                    "use the id of the article in the other language, or remove the line",
                )
            )
        elif not article.translation:
            other = "en" if article.lang == "ru" else "ru"
            problems.append(
                ContentProblem(
                    path,
                    f"the article exists only in {article.lang}",
                    None,
                    f"add the {other} version and link both with 'translation:'",
                    severity="warning",
                )
            )
    return problems


def article_problems(folder: Path) -> list[ContentProblem]:
    """Every problem in the articles; one-language articles are warnings, the rest errors."""
    loaded = LoadResult()
    problems: list[ContentProblem] = []
    first_source: dict[str, str] = {}
    for path in article_files(folder):
        before = len(loaded.articles)
        read_markdown(path, loaded)
        problems.extend(
            ContentProblem(path, p.message, p.line, "see the format in docs/content-guide.md")
            for p in loaded.problems
        )
        loaded.problems.clear()
        problems.extend(_front_matter_problems(path))
        if len(loaded.articles) == before:
            continue
        article = loaded.articles[-1]
        if article.id in first_source:
            loaded.articles.pop()
            problems.append(
                ContentProblem(
                    path,
                    f"duplicate id {article.id!r} (also in {first_source[article.id]})",
                    line_of(path.read_text(encoding="utf-8"), "id:"),
                    "give each article its own id",
                )
            )
        else:
            first_source[article.id] = str(path)
    return problems + _link_problems(loaded.articles)
