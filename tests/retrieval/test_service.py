from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.articles import load_articles
from retrieval.errors import RetrievalError
from retrieval.index import build_index
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings


def make_search(kb: Path, index: Path, encoder, **overrides) -> KbSearch:
    settings = RetrievalSettings(path=kb, index_dir=index, reload_check_seconds=0, **overrides)
    build_index(load_articles(kb).articles, encoder, index, 600, 120, 20_000)
    return KbSearch.open(encoder, settings)


def test_real_encoder_answers_russian_and_english(kb_folder, tmp_path, real_encoder):
    search = make_search(kb_folder, tmp_path / "index", real_encoder)
    russian = search.search("здравствуйте, не могу зайти в личный кабинет")
    assert russian.ranked[0].article_id == "login-ru"
    english = search.search("i cannot log into my account")
    assert english.ranked[0].article_id == "login-en"
    code = search.search("что значит Е-203")
    assert code.ranked[0].article_id == "e203-ru"
    answered = search.search("не могу войти в личный кабинет")
    assert answered.outcome in ("answer", "clarify")
    best = answered.candidates[0]
    assert best.url == "https://help.example/ru/login" and best.excerpt
    assert len(best.excerpt) <= 400


def test_nonsense_abstains(kb_folder, tmp_path, real_encoder):
    search = make_search(kb_folder, tmp_path / "index", real_encoder)
    result = search.search("какая погода будет завтра в париже")
    assert result.outcome == "abstain" and not result.candidates


def test_empty_and_huge_queries(kb_folder, tmp_path, hashing_encoder):
    search = make_search(kb_folder, tmp_path / "index", hashing_encoder)
    with pytest.raises(RetrievalError, match="empty"):
        search.search("   ")
    hashing_encoder.encoded.clear()
    result = search.search("вернут деньги " * 5000)
    assert result.ranked[0].article_id == "refund-ru"
    assert hashing_encoder.encoded and all(len(t) <= 1000 for t in hashing_encoder.encoded)


def test_hot_reload_serves_the_new_build(kb_folder, tmp_path, hashing_encoder):
    index = tmp_path / "index"
    search = make_search(kb_folder, index, hashing_encoder)
    first = search.build
    (kb_folder / "ru" / "new.md").write_text(
        "---\nid: gift-ru\ntitle: Подарочные карты\nlang: ru\n---\nКарты от 1000 рублей.\n", "utf-8"
    )
    build_index(load_articles(kb_folder).articles, hashing_encoder, index, 600, 120, 20_000)
    assert search.reload_if_changed(force=True)
    assert search.build != first and "gift-ru" in search.articles


def test_broken_new_build_keeps_the_old_one_serving(kb_folder, tmp_path, hashing_encoder):
    index = tmp_path / "index"
    search = make_search(kb_folder, index, hashing_encoder)
    before = search.build
    build_index(load_articles(kb_folder).articles, hashing_encoder, index, 600, 120, 20_000)
    newest = (index / "current").resolve()
    (newest / "vectors.npy").write_bytes(b"garbage")
    assert not search.reload_if_changed(force=True)
    assert search.build == before
    assert search.search("когда вернут деньги").ranked


def test_warmed_articles_answer_with_one_encoder_call(kb_folder, tmp_path, hashing_encoder):
    search = make_search(kb_folder, tmp_path / "index", hashing_encoder)
    total = len(search.articles)
    assert search.warm_excerpts(limit=1) == 1
    assert search.warm_excerpts(limit=total) == total - 1
    hashing_encoder.encoded.clear()
    result = search.search("когда вернут деньги на карту")
    assert result.candidates and all(c.excerpt for c in result.candidates)
    assert hashing_encoder.encoded == ["когда вернут деньги на карту"]


def test_an_article_the_search_did_not_show_reuses_the_searchs_vector_of_the_question(
    kb_folder, tmp_path, hashing_encoder
):
    search = make_search(kb_folder, tmp_path / "index", hashing_encoder)
    search.warm_excerpts(limit=len(search.articles))
    question = "когда вернут деньги на карту"
    result = search.search(question)
    other = next(i for i in search.articles if i not in {c.article_id for c in result.candidates})
    hashing_encoder.encoded.clear()
    reused = search.article(other, question, result.question)
    assert hashing_encoder.encoded == []
    assert reused == search.article(other, question)  # encoded again: the same excerpt
    assert hashing_encoder.encoded == [question]
    search.article(other, "другой вопрос", result.question)  # not its vector: encoded
    assert hashing_encoder.encoded == [question, "другой вопрос"]
