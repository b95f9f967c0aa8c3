"""HTML of an exported help-center answer reduced to the Markdown-like text the chunker reads.

FAQ exports often keep answers as HTML (`<p>`, `<br>`, lists, headings, entities). The search
encodes text, so tags go; block elements become paragraph breaks, headings become `##` lines
(the chunker's sections) and list items `- ` lines, so the answer keeps its structure.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
BLOCKS = frozenset(
    "p div br hr ul ol table tr section article blockquote pre dl dt dd figure".split()  # noqa: SIM905
)
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
SKIPPED = frozenset(("script", "style", "head", "template"))


def looks_like_html(text: str) -> bool:
    return bool(TAG.search(text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        elif tag in HEADINGS:
            self.parts.append("\n\n## ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in BLOCKS or tag in ("td", "th"):
            self.parts.append("\n\n" if tag in BLOCKS else " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in HEADINGS or tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Plain text with paragraphs, `##` headings and `- ` list items; entities decoded."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"^(##|-)\s*$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
