from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.articles import load_articles
from retrieval.errors import RetrievalError


def test_loads_markdown_articles(kb_folder: Path):
    result = load_articles(kb_folder)
    assert not result.problems
    by_id = {a.id: a for a in result.articles}
    assert set(by_id) == {"login-ru", "login-en", "refund-ru", "e203-ru"}
    assert by_id["login-ru"].questions == (
        "не могу войти в личный кабинет",
        "пишет неверный пароль",
    )
    assert by_id["login-ru"].translation == "login-en"


def test_bad_files_are_skipped_and_named(kb_folder: Path):
    (kb_folder / "broken.md").write_text("---\nid: x\ntitle: [unclosed\n---\nbody\n", "utf-8")
    (kb_folder / "zz-dup.md").write_text(
        "---\nid: refund-ru\ntitle: Копия\nlang: ru\n---\nтекст\n", "utf-8"
    )
    (kb_folder / "empty.md").write_text("---\nid: empty\ntitle: Пусто\nlang: ru\n---\n\n", "utf-8")
    (kb_folder / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01")
    (kb_folder / "latin1.md").write_bytes("---\nid: l\ntitle: Ça\n---\ncafé".encode("latin-1"))
    (kb_folder / "nofront.md").write_text("just text", "utf-8")
    result = load_articles(kb_folder)
    problems = {Path(p.source).name: (p.message, p.line) for p in result.problems}
    assert problems["broken.md"][0].startswith("broken front matter") and problems["broken.md"][1]
    assert "duplicate id 'refund-ru'" in problems["zz-dup.md"][0]
    assert problems["empty.md"][0] == "the article body is empty"
    assert "binary" in problems["binary.md"][0]
    assert "not UTF-8" in problems["latin1.md"][0]
    assert "no front matter" in problems["nofront.md"][0]
    assert len(result.articles) == 4
    with pytest.raises(RetrievalError, match=r"broken\.md"):
        load_articles(kb_folder, strict=True)


def test_jsonl_corpus_with_bad_lines(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "a", "title": "Доставка", "text": "Курьер привезёт за 1-3 дня."}\n'
        "not json\n"
        '{"id": "b", "title": "Delivery", "text": ""}\n'
        '{"_id": "c", "title": "Returns", "text": "Return within 14 days.", "url": "u"}\n',
        encoding="utf-8",
    )
    result = load_articles(corpus)
    assert [(a.id, a.lang) for a in result.articles] == [("a", "ru"), ("c", "en")]
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "not a JSON object"),
        (3, "the article body is empty"),
    ]


def test_a_title_with_a_colon_is_read_as_text(tmp_path: Path):
    (tmp_path / "fraud.md").write_text(
        "---\nid: fraud-ru\ntitle: Мошенники: звонки и SMS\nlang: ru\ntags: [a, b]\n---\nТекст.\n",
        "utf-8",
    )
    result = load_articles(tmp_path)
    assert not result.problems
    assert result.articles[0].title == "Мошенники: звонки и SMS"
    assert result.articles[0].tags == ("a", "b")


def test_faq_export_shapes_are_read(tmp_path: Path):
    corpus = tmp_path / "faq.jsonl"
    lines = [
        {"question": "Как вернуть товар?", "answer": "<p>Оформите возврат&nbsp;в заказе.</p>"},
        {"q": "How long is delivery?", "a": "One to three days."},
        {"id": 7, "title": "Оплата", "content": "Картой или наличными.", "language": "ru-RU"},
        {"question": "Где мой заказ?", "body": "Статус — в разделе «Заказы».", "link": "u"},
        {"question": "Как вернуть товар?", "answer": "Второй ответ на тот же вопрос."},
    ]
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    result = load_articles(corpus)
    assert not result.problems
    articles = result.articles
    assert [a.title for a in articles][:2] == ["Как вернуть товар?", "How long is delivery?"]
    assert articles[0].body == "Оформите возврат в заказе."
    assert [a.lang for a in articles] == ["ru", "en", "ru", "ru", "ru"]
    assert articles[2].id == "7" and articles[3].url == "u"
    assert articles[0].id.startswith("q-") and articles[4].id == f"{articles[0].id}-5"
    assert "4 lines without an id" in result.notes[0]


def test_derived_ids_do_not_depend_on_the_line(tmp_path: Path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    pair = json.dumps({"question": "Как сменить пароль?", "answer": "В профиле."})
    other = json.dumps({"question": "Как удалить аккаунт?", "answer": "Напишите нам."})
    first.write_text(f"{pair}\n{other}\n", "utf-8")
    second.write_text(f"{other}\n\n{pair}\n", "utf-8")
    ids = {a.title: a.id for a in load_articles(first).articles}
    assert ids == {a.title: a.id for a in load_articles(second).articles}


def test_unusable_export_lines_are_named(tmp_path: Path):
    corpus = tmp_path / "faq.jsonl"
    corpus.write_text(
        '{"answer": "ответ без вопроса"}\n'
        '{"question": "вопрос без ответа"}\n'
        '{"question": "Пустой ответ", "answer": "<p> </p>"}\n'
        '["a list"]\n'
        '{"id": "bad id!", "question": "Вопрос", "answer": "Ответ"}\n',
        encoding="utf-8",
    )
    result = load_articles(corpus)
    assert not result.articles
    messages = [(p.line, p.message) for p in result.problems]
    assert messages[0] == (1, "no question or title (title/question/q)")
    assert messages[1] == (2, "the article body is empty")
    assert messages[2] == (3, "the article body is empty")
    assert messages[3] == (4, "not a JSON object")
    assert messages[4][0] == 5 and "may use letters" in messages[4][1]


def test_a_folder_reads_exports_and_skips_query_files(tmp_path: Path):
    (tmp_path / "faq.jsonl").write_text(
        '{"id": "a", "question": "Как оплатить?", "answer": "Картой."}\n', "utf-8"
    )
    (tmp_path / "queries_val.jsonl").write_text('{"query": "оплата", "expected": "a"}\n', "utf-8")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a"] and not result.problems
    alone = load_articles(tmp_path / "queries_val.jsonl")
    assert not alone.articles and "evaluation queries" in alone.problems[0].message
