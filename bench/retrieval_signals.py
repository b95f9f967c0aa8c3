"""The search's separate signals for every article, per validation question and per pseudo-question
of a help center, saved so that combinations and answer rules can be compared without encoding
anything again (bench/retrieval_loco.py reads them).

    python -m bench.retrieval_signals [--centers demo provider ...] [--out DIR]

Each help center is built as `bench.retrieval own` builds it (the demo one without `questions:`),
with the second encoder, and every question is fully scored (no gate). Only validation halves are
read: test halves are never saved here. Besides the calibration's pseudo-questions (titles,
headings), harder ones are saved (`harder_questions`; bench/retrieval_pseudo.py compares them).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.cli import command_parser
from retrieval.articles import Article, load_articles, without_questions
from retrieval.calibration import pseudo_queries
from retrieval.encoder import load_encoder
from retrieval.evaluation import load_queries
from retrieval.excerpt import headed_sentences
from retrieval.index import build_with_settings
from retrieval.lexical import tokens
from retrieval.searchable import Searchable
from retrieval.service import KbSearch
from retrieval.settings import ROOT, RetrievalSettings

HELPCENTERS = ROOT / "bench/data/helpcenters"
OUT = ROOT / ".data/bench/signals"


@dataclass(frozen=True)
class Center:
    name: str
    kb: Path
    val: Path
    strip_questions: bool = False


def centers() -> dict[str, Center]:
    """Every help center with a validation half: the demo one without `questions:` and each
    folder of bench/data/helpcenters (a JSONL export where the folder has faq.jsonl)."""
    found = {"demo": Center("demo", ROOT / "knowledge", ROOT / "bench/data/kb_val.jsonl", True)}
    for folder in sorted(p for p in HELPCENTERS.iterdir() if (p / "queries_val.jsonl").exists()):
        kb = folder / "faq.jsonl" if (folder / "faq.jsonl").exists() else folder
        found[folder.name] = Center(folder.name, kb, folder / "queries_val.jsonl")
    return found


def _stack(rows: list[dict[str, np.ndarray]], names: list[str]) -> np.ndarray:
    """(questions, articles, signals) in the order of `names`."""
    return np.stack([np.stack([row[n] for n in names], axis=-1) for row in rows])


def harder_questions(
    articles: list[Article], rarity: Callable[[str], float]
) -> list[tuple[str, str, str]]:
    """(article id, kind, text) of questions harder than titles and headings, per article: its
    first body sentence ("sentence"), its title without its rarest word ("title-less"), and its
    first heading with the rarest words of that section's first sentence ("mixed")."""
    result = []
    for article in articles:
        headed = headed_sentences(article.body)
        if headed:
            result.append((article.id, "sentence", headed[0][1]))
        words = article.title.split()
        if len(words) > 2:
            rarest = max(range(len(words)), key=lambda k: rarity(words[k]))
            result.append(
                (article.id, "title-less", " ".join(w for k, w in enumerate(words) if k != rarest))
            )
        sections = [(h, s) for h, s in headed if h and h != article.title]
        if sections:
            heading, sentence = sections[0]
            rare = sorted(dict.fromkeys(sentence.split()), key=rarity, reverse=True)[:3]
            result.append((article.id, "mixed", f"{heading} {' '.join(rare)}"))
    return result


def dump(center: Center, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        settings = RetrievalSettings(index_dir=Path(folder), path=center.kb)
        encoder = load_encoder(settings.encoder)
        articles = load_articles(center.kb).articles
        if center.strip_questions:
            articles = without_questions(articles)
        build_with_settings(articles, encoder, settings)
        search = KbSearch.open(encoder, settings, gate=False)
        queries = load_queries(center.val)
        every: np.ndarray | None = None
        rows, langs, expected = [], [], []
        searchable: Searchable | None = None
        for query in queries:
            ranked = search.rank(query.text)
            searchable = ranked.searchable
            if searchable.companion is None:
                raise SystemExit("The second encoder is not available: nothing to compare.")
            table = searchable.table
            every = np.arange(len(table.ids))
            second = searchable.companion.queries([ranked.text])[0]
            signals = table.signals(ranked.text, ranked.query_vector, second)
            rows.append(table.terms(every, searchable.loaded.vectors, signals)[0])
            langs.append(ranked.query_lang)
            expected.append("|".join(sorted(query.expected)))
        assert searchable is not None and searchable.companion is not None and every is not None
        pseudo_rows, sources, pseudo_langs = [], [], []
        asked = searchable.loaded.companion_queries
        for article_id, lang, text, row in pseudo_queries(searchable):
            signals = searchable.table.signals(
                text, searchable.loaded.vectors[row], asked[row] if asked is not None else None
            )
            pseudo_rows.append(searchable.table.terms(every, searchable.loaded.vectors, signals)[0])
            sources.append(article_id)
            pseudo_langs.append(lang)
        table = searchable.table
        listed = [searchable.loaded.articles[i] for i in table.ids]

        def rarity(word: str) -> float:
            found = tokens(word)
            return table.lexical.idf(found[0]) if found else 0.0

        harder = harder_questions(listed, rarity)
        texts = [text for _, _, text in harder]
        first = encoder.encode(texts)
        second_vectors = searchable.companion.queries(texts)
        hard_rows = [
            table.terms(every, searchable.loaded.vectors, table.signals(t, v, w))[0]
            for t, v, w in zip(texts, first, second_vectors, strict=True)
        ]
        names = sorted(rows[0])
        path = out / f"{center.name}.npz"
        out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            names=np.array(names),
            ids=np.array(searchable.table.ids),
            article_langs=np.array([searchable.langs[i] for i in searchable.table.ids]),
            translation=searchable.table.translation,
            queries=_stack(rows, names),
            query_langs=np.array(langs),
            expected=np.array(expected),
            pseudo=_stack(pseudo_rows, names),
            pseudo_sources=np.array(sources),
            pseudo_langs=np.array(pseudo_langs),
            hard=_stack(hard_rows, names),
            hard_sources=np.array([a for a, _, _ in harder]),
            hard_kinds=np.array([k for _, k, _ in harder]),
            calibration_names=np.array(sorted(search.calibration)),
            calibration_values=np.array(
                [search.calibration[k] for k in sorted(search.calibration)]
            ),
        )
        return path


def main(argv: list[str] | None = None) -> int:
    parser = command_parser("bench.retrieval_signals", __doc__)
    known = centers()
    parser.add_argument("--centers", nargs="+", choices=sorted(known), default=sorted(known))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for name in args.centers:
        print(dump(known[name], args.out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
