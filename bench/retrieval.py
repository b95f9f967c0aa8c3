"""Knowledge-base search quality and speed.

    python -m bench.retrieval own [--strip-questions] [--kb K --queries Q --val V] [--json]
    python -m bench.retrieval beir DIR [--half val|test] [--json]   BEIR-style (XQuAD ru/en)
    python -m bench.retrieval scale [--chunks N]    a synthetic knowledge base of N chunks

`--no-companion` (own, beir) scores without the second encoder (retrieval/companion.py), as a
help center above its size limit or a machine without it is scored. With it, `companion_gate`
compares, on the validation queries, the search as served (the second encoder asked only where
the first pass does not decide: retrieval/companion_gate.py) with the second encoder always asked:
the share of questions it skips, the share whose outcome (answered article / clarify / abstain)
differs, and the metrics with and without the gate.

`own` reports the eval on the test file at the index's built-in thresholds and at thresholds
chosen on the validation file (never on the test file), the time a question takes (encode, search
and rank; p50 and p95 over the test file), beside the plain baseline of
retrieval/baseline.py (0.5 USE cosine + 0.5 character TF-IDF cosine per article) at thresholds
chosen on the validation file the same way; `--strip-questions` removes every `questions:` list.
`beir` reports recall@1, recall@5 and MRR for RU→RU, EN→EN and EN→RU (English questions, Russian
passages), ours and the baseline's; `--half val` is the half to tune on, `--half test` the other.
`scale` reports build time, query latency (encode + search + rank), the latency of a
whole answer with its excerpt (an article seen for the first time: its sentences are encoded),
and index size.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.cli import command_parser
from bench.stack import percentile
from retrieval.articles import Article, load_articles, without_questions
from retrieval.baseline import BaselineSearch
from retrieval.chunker import chunk_article
from retrieval.encoder import load_encoder
from retrieval.evaluation import Query, Ranked, choose_thresholds, load_queries, metrics, rank_all
from retrieval.index import build_with_settings
from retrieval.ranking import decide
from retrieval.service import KbSearch, RankedQuery
from retrieval.settings import ROOT, RetrievalSettings

PAIRS = (("ru", "ru"), ("en", "en"), ("en", "ru"))


SHOWN = ("recall@1", "recall@5", "mrr", "coverage", "answer_precision", "abstain_recall")


def _settings(index: Path, companion: bool, **values: Any) -> RetrievalSettings:
    settings = RetrievalSettings(index_dir=index, **values)
    return settings if companion else settings.replace(companion_encoder="none")


def own(
    kb: Path, test: Path, val: Path, strip_questions: bool = False, companion: bool = True
) -> dict[str, Any]:
    """Ours at the index's built-in thresholds and at thresholds chosen on `val`; the plain
    baseline (retrieval/baseline.py) at thresholds chosen on `val` the same way."""
    with tempfile.TemporaryDirectory() as folder:
        settings = _settings(Path(folder), companion, path=kb)
        encoder = load_encoder(settings.encoder)
        loaded = load_articles(kb)
        for note in loaded.notes:
            print(note, file=sys.stderr)
        articles = loaded.articles
        if strip_questions:
            articles = without_questions(articles)
        report = build_with_settings(articles, encoder, settings)
        search = KbSearch.open(encoder, settings)
        test_queries, val_queries = load_queries(test), load_queries(val)
        ours = rank_all(search, test_queries)
        timings = _question_ms(search, [q.text for q in test_queries])
        chosen = choose_thresholds(rank_all(search, val_queries), search.settings)
        baseline = BaselineSearch(articles, encoder)
        base_chosen = choose_thresholds(rank_all(baseline, val_queries), settings)
        base = metrics(rank_all(baseline, test_queries), base_chosen)
        return {
            "ours_at_built_in": metrics(ours, search.settings),
            "ours_at_chosen_on_val": metrics(ours, chosen),
            "baseline_at_chosen_on_val": base,
            "scoring": {
                "second_encoder": search.companion or "none",
                "build_seconds": round(report.seconds, 1),
                "question_ms_p50": round(percentile(timings, 0.5), 1),
                "question_ms_p95": round(percentile(timings, 0.95), 1),
            },
            "built_in_calibration": dict(search.calibration),
            "warnings": search.warnings,
            **_gate_effect(encoder, settings, val_queries, search),
        }


GATE_SHOWN = ("recall@1", "coverage", "answer_precision", "abstain_recall")


def _gate_effect(
    encoder: Any, settings: RetrievalSettings, queries: list[Query], search: KbSearch
) -> dict[str, Any]:
    """The gate against the second encoder always asked, on `queries`; {} without it."""
    if not search.companion:
        return {}
    always = KbSearch.open(encoder, settings, gate=False)
    pairs = [(q, search.rank(q.text), always.rank(q.text)) for q in queries]
    with_gate = metrics([Ranked(q, on.ranked[:10]) for q, on, _ in pairs], search.settings)
    without = metrics([Ranked(q, off.ranked[:10]) for q, _, off in pairs], search.settings)
    differ = sum(_outcome(on) != _outcome(off) for _, on, off in pairs)
    shown = {f"{n} with / without": f"{with_gate[n]} / {without[n]}" for n in GATE_SHOWN}
    return {
        "companion_gate": {
            "questions": len(pairs),
            "skipped": round(sum(on.gated for _, on, _ in pairs) / len(pairs), 4),
            "outcomes_differ": round(differ / len(pairs), 4),
            **shown,
        }
    }


def _outcome(ranked: RankedQuery) -> tuple[str, str]:
    """Answer (with its article), clarify or abstain."""
    verdict, chosen = decide(list(ranked.ranked), ranked.settings)
    return verdict, chosen[0].article_id if verdict == "answer" else ""


def _question_ms(search: KbSearch, texts: list[str]) -> list[float]:
    """Milliseconds per question (encode with both encoders, search, rank), one at a time."""
    result = []
    for text in texts:
        started = time.perf_counter()
        search.rank(text)
        result.append((time.perf_counter() - started) * 1000)
    return result


def side_by_side(result: dict[str, Any]) -> list[str]:
    """The three columns of `own` as one table."""
    columns = [k for k in result if k.startswith(("ours_", "baseline_"))]
    lines = [f"{'':<18}" + "".join(f"{c:>28}" for c in columns)]
    for name in (*SHOWN, "answers", "queries", "null_queries"):
        lines.append(f"{name:<18}" + "".join(f"{result[c][name]:>28}" for c in columns))
    return lines


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _recall(ranked_ids: list[list[str]], expected: list[set[str]]) -> dict[str, float]:
    hits1 = hits5 = 0
    reciprocal = 0.0
    for ranked, wanted in zip(ranked_ids, expected, strict=True):
        hits1 += bool(ranked) and ranked[0] in wanted
        hits5 += any(r in wanted for r in ranked[:5])
        rank = next((n for n, r in enumerate(ranked, 1) if r in wanted), None)
        reciprocal += 1 / rank if rank else 0.0
    count = len(expected)
    return {
        "queries": count,
        "recall@1": round(hits1 / count, 4),
        "recall@5": round(hits5 / count, 4),
        "mrr": round(reciprocal / count, 4),
    }


def beir(folder: Path, half: str = "all", companion: bool = True) -> dict[str, Any]:
    """`half`: "val" (every other query by sorted id, from the first: the half to tune on),
    "test" (the other half) or "all"."""
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
        chosen = sorted(qrels)
        if half != "all":
            chosen = chosen[0 if half == "val" else 1 :: 2]
        expected = [qrels[q] for q in chosen]
        with tempfile.TemporaryDirectory() as index:
            settings = _settings(Path(index), companion)
            build_with_settings(corpus, encoder, settings)
            search = KbSearch.open(encoder, settings)
            ours = [[r.article_id for r in search.rank(queries[q]).ranked[:10]] for q in chosen]
            asked = [Query(queries[q], frozenset(qrels[q])) for q in chosen]
            gate = _gate_effect(encoder, settings, asked, search) if half == "val" else {}
        baseline = BaselineSearch(corpus, encoder)
        plain = [[r.article_id for r in baseline.rank(queries[q]).ranked[:10]] for q in chosen]
        pair = f"{query_lang}->{corpus_lang}"
        results[pair] = {**_recall(ours, expected), **gate.get("companion_gate", {})}
        results[f"{pair} baseline"] = _recall(plain, expected)
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
        "second_encoder": report.companion or "none",
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
    parser = command_parser("bench.retrieval", __doc__)
    sub = parser.add_subparsers(dest="mode", required=True)
    own_parser = sub.add_parser("own")
    own_parser.add_argument("--kb", type=Path, default=ROOT / "knowledge")
    own_parser.add_argument("--queries", type=Path, default=ROOT / "bench/data/kb_test.jsonl")
    own_parser.add_argument("--val", type=Path, default=ROOT / "bench/data/kb_val.jsonl")
    own_parser.add_argument(
        "--strip-questions", action="store_true", help="remove every `questions:` list first"
    )
    beir_parser = sub.add_parser("beir")
    beir_parser.add_argument("folder", type=Path)
    beir_parser.add_argument(
        "--half", choices=("all", "val", "test"), default="all", help="tune on val only"
    )
    scale_parser = sub.add_parser("scale")
    scale_parser.add_argument("--chunks", type=int, default=100_000)
    scale_parser.add_argument("--queries", type=int, default=300)
    for sub_parser in (own_parser, beir_parser, scale_parser):
        sub_parser.add_argument("--json", action="store_true")
    for sub_parser in (own_parser, beir_parser):
        sub_parser.add_argument(
            "--no-companion", action="store_true", help="score without the second encoder"
        )
    args = parser.parse_args(argv)
    if args.mode == "own":
        result = own(args.kb, args.queries, args.val, args.strip_questions, not args.no_companion)
    elif args.mode == "beir":
        result = beir(args.folder, args.half, not args.no_companion)
    else:
        if args.chunks < 10 or args.queries < 1:
            parser.error("--chunks must be at least 10 and --queries at least 1")
        result = scale(args.chunks, args.queries)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.mode == "own":
        print("\n".join(side_by_side(result)))
        result = {k: v for k, v in result.items() if not k.startswith(("ours_", "baseline_"))}
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
