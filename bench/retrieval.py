"""Knowledge-base search quality and speed.

    python -m bench.retrieval own [--json]          the project's articles and query files
    python -m bench.retrieval beir DIR [--json]    BEIR-style corpus/queries/qrels (XQuAD ru/en)
    python -m bench.retrieval scale [--chunks N]    a synthetic knowledge base of N chunks

`own` reports the eval at the thresholds chosen on the validation file (never on the test file).
`beir` reports recall@1, recall@5 and MRR for RU→RU, EN→EN and EN→RU (English questions, Russian
passages). `scale` reports build time, query latency (encode + search + rank), the latency of a
whole answer with its excerpt (an article seen for the first time: its sentences are encoded),
and index size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stack import percentile
from retrieval.articles import Article, load_articles
from retrieval.chunker import chunk_article
from retrieval.encoder import load_encoder
from retrieval.evaluation import choose_thresholds, load_queries, metrics, rank_all
from retrieval.index import build_with_settings
from retrieval.service import KbSearch
from retrieval.settings import ROOT, RetrievalSettings

PAIRS = (("ru", "ru"), ("en", "en"), ("en", "ru"))


def own(kb: Path, test: Path, val: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = RetrievalSettings(path=kb, index_dir=Path(folder))
        encoder = load_encoder(settings.encoder)
        build_with_settings(load_articles(kb).articles, encoder, settings)
        search = KbSearch.open(encoder, settings)
        chosen = choose_thresholds(rank_all(search, load_queries(val)), settings)
        return {
            "at_configured": metrics(rank_all(search, load_queries(test)), settings),
            "at_chosen_on_val": metrics(rank_all(search, load_queries(test)), chosen),
        }


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def beir(folder: Path) -> dict[str, Any]:
    encoder = load_encoder()
    results: dict[str, Any] = {}
    for query_lang, corpus_lang in PAIRS:
        corpus = [
            Article(
                id=d["_id"],
                title=d.get("title", "").replace("_", " "),
                lang=corpus_lang,
                body=d["text"],
            )
            for d in _jsonl(folder / f"corpus.{corpus_lang}.jsonl")
        ]
        queries = {q["_id"]: q["text"] for q in _jsonl(folder / f"queries.{query_lang}.jsonl")}
        qrels: dict[str, set[str]] = {}
        for line in (folder / f"qrels.{corpus_lang}.tsv").read_text("utf-8").splitlines()[1:]:
            query_id, corpus_id, *_ = line.split("\t")
            qrels.setdefault(query_id, set()).add(corpus_id)
        with tempfile.TemporaryDirectory() as index:
            settings = RetrievalSettings(index_dir=Path(index))
            build_with_settings(corpus, encoder, settings)
            search = KbSearch.open(encoder, settings)
            hits1 = hits5 = 0
            reciprocal = 0.0
            for query_id, expected in qrels.items():
                ranked = [r.article_id for r in search.rank(queries[query_id]).ranked[:10]]
                hits1 += bool(ranked) and ranked[0] in expected
                hits5 += any(r in expected for r in ranked[:5])
                rank = next((n for n, r in enumerate(ranked, 1) if r in expected), None)
                reciprocal += 1 / rank if rank else 0.0
        count = len(qrels)
        results[f"{query_lang}->{corpus_lang}"] = {
            "queries": count,
            "recall@1": round(hits1 / count, 4),
            "recall@5": round(hits5 / count, 4),
            "mrr": round(reciprocal / count, 4),
        }
    return results


def synthetic_articles(chunks: int, settings: RetrievalSettings, seed: int = 0) -> list[Article]:
    """Articles recombined from the project's own sentences until they make `chunks` chunks."""
    sentences = [
        s
        for a in load_articles(ROOT / "knowledge").articles
        for s in a.body.replace("\n", " ").split(". ")
        if len(s) > 30
    ]
    rng = random.Random(seed)
    articles: list[Article] = []
    total = 0
    while total < chunks:
        number = len(articles)
        paragraphs = ["## Раздел\n" + ". ".join(rng.sample(sentences, 4)) + "." for _ in range(6)]
        article = Article(
            id=f"synthetic-{number}",
            title=f"Статья {number}",
            lang="ru",
            body="\n\n".join(paragraphs),
        )
        articles.append(article)
        total += len(chunk_article(article, settings.chunk_chars, settings.chunk_overlap))
    return articles


def resident_mb() -> float:
    """Memory the process holds now (not its peak, which the index build already set)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def scale(chunks: int, queries: int) -> dict[str, Any]:
    encoder = load_encoder()
    with tempfile.TemporaryDirectory() as folder:
        settings = RetrievalSettings(index_dir=Path(folder), chunk_chars=300, chunk_overlap=0)
        articles = synthetic_articles(chunks, settings)
        report = build_with_settings(articles, encoder, settings)
        before = resident_mb()
        started = time.monotonic()
        search = KbSearch.open(encoder, settings)
        load_seconds = time.monotonic() - started
        memory_mb = resident_mb() - before
        texts = [a.body.split(". ")[1][:120] for a in articles[:queries]]
        query_ms, answer_ms = [], []
        for text in texts:
            started = time.perf_counter()
            search.rank(text)
            ranked_at = time.perf_counter()
            search.search(text)
            query_ms.append((ranked_at - started) * 1000)
            answer_ms.append((time.perf_counter() - ranked_at) * 1000)
        disk_mb = sum(p.stat().st_size for p in report.folder.iterdir()) / 2**20
    return {
        "chunks": report.chunks,
        "articles": report.articles,
        "index_type": report.index_type,
        "build_seconds": round(report.seconds, 1),
        "load_seconds": round(load_seconds, 1),
        "query_ms_p50": round(percentile(query_ms, 0.5), 1),
        "query_ms_p95": round(percentile(query_ms, 0.95), 1),
        "answer_with_excerpt_ms_p50": round(percentile(answer_ms, 0.5), 1),
        "answer_with_excerpt_ms_p95": round(percentile(answer_ms, 0.95), 1),
        "index_disk_mb": round(disk_mb, 1),
        "index_memory_mb": round(memory_mb, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.retrieval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="mode", required=True)
    own_parser = sub.add_parser("own")
    own_parser.add_argument("--kb", type=Path, default=ROOT / "knowledge")
    own_parser.add_argument("--queries", type=Path, default=ROOT / "bench/data/kb_test.jsonl")
    own_parser.add_argument("--val", type=Path, default=ROOT / "bench/data/kb_val.jsonl")
    beir_parser = sub.add_parser("beir")
    beir_parser.add_argument("folder", type=Path)
    scale_parser = sub.add_parser("scale")
    scale_parser.add_argument("--chunks", type=int, default=100_000)
    scale_parser.add_argument("--queries", type=int, default=300)
    for sub_parser in (own_parser, beir_parser, scale_parser):
        sub_parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.mode == "own":
        result = own(args.kb, args.queries, args.val)
    elif args.mode == "beir":
        result = beir(args.folder)
    else:
        if args.chunks < 10 or args.queries < 1:
            parser.error("--chunks must be at least 10 and --queries at least 1")
        result = scale(args.chunks, args.queries)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for name, number in value.items():
                print(f"  {name:<30} {number}")
        else:
            print(f"{key:<26} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
