"""Splits articles into chunks by headings and paragraphs, with overlap.

Besides body chunks (each led by its section's heading), an article's title, each of its optional
example questions, the whole article (title and body as one text) and each distinct section
heading become chunks of their own; retrieval/scoring.py combines them per article, and the
built-in calibration asks the titles, headings and questions as questions
(retrieval/calibration.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from retrieval.articles import Article

ChunkKind = Literal["title", "question", "body", "article", "heading"]
HEADING = re.compile(r"^#{1,6}\s+(.*)$")


@dataclass(frozen=True)
class Chunk:
    article_id: str
    kind: ChunkKind
    heading: str
    text: str

    @property
    def encoded_text(self) -> str:
        """Body chunks carry their heading: it names what the paragraph is about."""
        return f"{self.heading}. {self.text}" if self.kind == "body" and self.heading else self.text


def sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) in order; text before the first heading has an empty heading."""
    result: list[tuple[str, list[str]]] = [("", [])]
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result[-1][1].append(" ".join(paragraph).strip())
            paragraph.clear()

    for line in body.splitlines():
        match = HEADING.match(line.strip())
        if match:
            flush()
            result.append((match.group(1).strip(), []))
        elif line.strip():
            paragraph.append(line.strip())
        else:
            flush()
    flush()
    return [(h, ps) for h, ps in result if ps]


def window(paragraphs: list[str], size: int, overlap: int) -> list[str]:
    """Pack paragraphs into pieces of about `size` characters; long ones are cut with overlap."""
    pieces: list[str] = []
    current = ""
    for paragraph in paragraphs:
        while len(paragraph) > size:
            cut = paragraph.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            if current:
                pieces.append(current)
                current = ""
            pieces.append(paragraph[:cut].strip())
            paragraph = paragraph[max(cut - overlap, 1) :].strip()
        if current and len(current) + len(paragraph) + 1 > size:
            pieces.append(current)
            tail = current[-overlap:] if overlap else ""
            tail = tail[tail.find(" ") + 1 :] if " " in tail else tail
            current = f"{tail} {paragraph}".strip() if tail else paragraph
        else:
            current = f"{current} {paragraph}".strip()
    if current:
        pieces.append(current)
    return pieces


def chunk_article(article: Article, size: int, overlap: int) -> list[Chunk]:
    chunks = [Chunk(article.id, "title", "", article.title)]
    chunks += [Chunk(article.id, "question", "", q) for q in article.questions]
    for heading, paragraphs in sections(article.body):
        for piece in window(paragraphs, size, overlap):
            chunks.append(Chunk(article.id, "body", heading or article.title, piece))
    chunks.append(Chunk(article.id, "article", "", f"{article.title}\n{article.body}"))
    headings = dict.fromkeys(h for h, _ in sections(article.body) if h and h != article.title)
    chunks += [Chunk(article.id, "heading", "", h) for h in headings]
    return chunks
