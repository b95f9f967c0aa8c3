from __future__ import annotations

from pathlib import Path

from bot.content.check_articles import article_problems
from tests.content.conftest import article


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def messages(folder: Path) -> list[str]:
    return [f"{p.severity} {p.path.name}:{p.line}: {p.message}" for p in article_problems(folder)]


def test_a_pair_of_translations_is_clean(tmp_path: Path):
    write(tmp_path / "ru", "a.md", article("a-ru", "ru", "a-en"))
    write(tmp_path / "en", "a.md", article("a-en", "en", "a-ru"))
    assert messages(tmp_path) == []


def test_duplicate_id_names_both_files(tmp_path: Path):
    write(tmp_path / "ru", "a.md", article("a-ru", "ru", "a-ru"))
    write(tmp_path / "ru", "b.md", article("a-ru", "ru", "a-ru"))
    (message,) = messages(tmp_path)
    assert message.startswith("error b.md:2: duplicate id 'a-ru' (also in ")
    assert message.endswith("a.md)")


def test_missing_translation_and_missing_link_target(tmp_path: Path):
    body = "See [this](https://help.example/ru/nowhere) and [that](https://other.example/x)."
    write(tmp_path / "ru", "a.md", article("a-ru", "ru", "a-xx", body))
    assert messages(tmp_path) == [
        "error a.md:10: link to a missing article: https://help.example/ru/nowhere",
        "error a.md:6: translation 'a-xx' is not the id of any article",
    ]


def test_link_to_an_existing_article_is_fine(tmp_path: Path):
    body = "See [b](https://help.example/ru/b-ru#steps)."
    write(tmp_path / "ru", "a.md", article("a-ru", "ru", "b-ru", body))
    write(tmp_path / "ru", "b.md", article("b-ru", "ru", "a-ru"))
    assert messages(tmp_path) == []


def test_front_matter_problems(tmp_path: Path):
    write(tmp_path, "none.md", "just text\n")
    write(tmp_path, "nolang.md", "---\nid: x\ntitle: T\ntags: one\ntranslation: x\n---\nbody\n")
    write(tmp_path, "noid.md", "---\ntitle: T\nlang: ru\n---\nbody\n")
    assert messages(tmp_path) == [
        "error noid.md:None: missing 'id'",
        "error nolang.md:2: front matter has no 'lang'",
        "error nolang.md:4: 'tags' must be a list",
        "error none.md:1: no front matter: start with '---', the id/title/lang fields, then '---'",
    ]


def test_one_language_article_is_only_a_warning(tmp_path: Path):
    write(tmp_path / "ru", "a.md", article("a-ru", "ru"))
    write(tmp_path / "ru", "b.md", article("b-ru", "ru", "b-en"))
    write(tmp_path / "en", "b.md", article("b-en", "en", "b-ru"))
    assert messages(tmp_path) == ["warning a.md:None: the article exists only in ru"]


def test_a_help_center_in_one_language_is_one_warning(tmp_path: Path):
    write(tmp_path / "ru", "a.md", article("a-ru", "ru"))
    write(tmp_path / "ru", "b.md", article("b-ru", "ru"))
    assert messages(tmp_path) == [
        f"warning {tmp_path.name}:None: every article is in ru only: a question in en is "
        "answered from ru articles or not at all"
    ]


def test_a_jsonl_export_is_checked_line_by_line(tmp_path: Path):
    lines = [
        '{"id": "refund", "question": "Как вернуть деньги?", "answer": "14 дней.", "lang": "ru"}',
        "not json",
        '{"id": "refund", "question": "Возврат", "answer": "Дубль.", "lang": "ru"}',
        '{"answer": "Ответ без вопроса", "lang": "ru"}',
    ]
    write(tmp_path, "faq.jsonl", "\n".join(lines) + "\n")
    found = messages(tmp_path)
    assert "error faq.jsonl:2: not a JSON object" in found
    assert any(m.startswith("error faq.jsonl:3: duplicate id 'refund'") for m in found)
    assert any(m.startswith("error faq.jsonl:4: no question or title") for m in found)
    assert any("every article is in ru only" in m for m in found)
    assert not any("the article exists only" in m for m in found)


def test_a_jsonl_export_without_ids_is_a_warning(tmp_path: Path):
    write(tmp_path, "faq.jsonl", '{"question": "Как вернуть деньги?", "answer": "Так."}\n')
    found = messages(tmp_path)
    assert any(m.startswith("warning faq.jsonl:None: ") and "without an id" in m for m in found)
    assert not any(m.startswith("error") for m in found)


def test_evaluation_queries_beside_articles_are_not_articles(tmp_path: Path):
    write(tmp_path, "queries.jsonl", '{"query": "как вернуть", "expected": "refund"}\n')
    assert messages(tmp_path) == []


def test_a_help_center_of_one_jsonl_file_is_checked(tmp_path: Path):
    export = tmp_path / "faq.jsonl"
    write(
        tmp_path,
        "faq.jsonl",
        '{"id": "a", "question": "Вопрос?", "answer": "Ответ.", "lang": "ru"}\nx\n',
    )
    assert "error faq.jsonl:2: not a JSON object" in [
        f"{p.severity} {p.path.name}:{p.line}: {p.message}" for p in article_problems(export)
    ]


def test_a_missing_help_center_is_an_error(tmp_path: Path):
    (problem,) = article_problems(tmp_path / "nowhere")
    assert problem.severity == "error" and "does not exist" in problem.message
