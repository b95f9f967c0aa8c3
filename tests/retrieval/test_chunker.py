from __future__ import annotations

from retrieval.articles import Article
from retrieval.chunker import chunk_article, sections, window


def test_sections_follow_headings():
    body = "Intro line.\n\n## First\nOne.\nStill one.\n\nTwo.\n## Second\nThree."
    assert sections(body) == [
        ("", ["Intro line."]),
        ("First", ["One. Still one.", "Two."]),
        ("Second", ["Three."]),
    ]


def test_window_packs_and_overlaps_long_text():
    words = " ".join(f"w{i}" for i in range(200))
    pieces = window([words], size=100, overlap=20)
    assert all(len(p) <= 100 for p in pieces)
    assert len(pieces) > 5
    first_tail = pieces[0].split()[-1]
    assert first_tail in pieces[1].split()[:5]


def test_chunks_keep_article_and_heading():
    article = Article(
        id="a", title="Title", lang="en", body="## Steps\nDo this.", questions=("how to do it",)
    )
    chunks = chunk_article(article, size=600, overlap=100)
    assert [(c.kind, c.heading, c.text) for c in chunks] == [
        ("title", "", "Title"),
        ("question", "", "how to do it"),
        ("body", "Steps", "Do this."),
        ("article", "", "Title\n## Steps\nDo this."),
        ("heading", "", "Steps"),
    ]
    assert chunks[2].encoded_text == "Steps. Do this."
    assert {c.article_id for c in chunks} == {"a"}
