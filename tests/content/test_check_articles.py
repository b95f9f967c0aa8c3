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
    assert messages(tmp_path) == ["warning a.md:None: the article exists only in ru"]
