"""Each process's code imports only its own package, the shared `bot.common` and the search
library: processes talk over HTTP, never through each other's modules. The rules are data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.common.settings import PROJECT_ROOT

# package → the project packages it may import besides itself (third-party code is not checked).
ALLOWED: dict[str, frozenset[str]] = {
    "bot.gateway": frozenset({"bot.common", "retrieval"}),
    "bot.rasa_server": frozenset({"bot.common", "retrieval"}),
    "bot.supervisor": frozenset({"bot.common", "retrieval"}),
    # The content owners' `why` replays the action server's pure decision between an intent's
    # reply and an article (actions/knowledge_precedence.py) so that it says what the bot does.
    "bot.content": frozenset({"bot.common", "retrieval", "actions"}),
    "bot.common": frozenset(),
    "actions": frozenset({"bot.common", "retrieval"}),
    # The search library shares the one settings loader (bot/common/environment.py) and the one
    # Russian morphology analyser (bot/common/facts/lexicon.py).
    "retrieval": frozenset({"bot.common"}),
}
PROJECT_PACKAGES = ("bot", "actions", "retrieval")


def owner(module: str) -> str | None:
    """The package of ALLOWED a module belongs to; `bot` itself belongs to none."""
    matches = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module in PROJECT_PACKAGES:  # `from bot import gateway`
                found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def forbidden_imports(root: Path) -> list[str]:
    problems = []
    for package in PROJECT_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            mine = owner(module)
            for line, name in imported_modules(path):
                if name.split(".")[0] not in PROJECT_PACKAGES or name in PROJECT_PACKAGES:
                    continue
                theirs = owner(name)
                if mine is None or theirs is None:
                    problems.append(f"{path.relative_to(root)}:{line}: {name} is in no package")
                elif theirs != mine and theirs not in ALLOWED[mine]:
                    problems.append(f"{path.relative_to(root)}:{line}: {mine} imports {name}")
    return problems


def test_no_process_imports_another_process():
    assert forbidden_imports(PROJECT_ROOT) == []


def test_every_module_of_bot_lives_in_a_process_package():
    loose = [p.name for p in (PROJECT_ROOT / "bot").glob("*.py") if p.name != "__init__.py"]
    assert loose == []


RASA = "bot/rasa_server/x.py"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from bot.gateway.hub import Hub\n", [f"{RASA}:1: bot.rasa_server imports"]),
        ("def f():\n    import bot.supervisor.stack\n", [f"{RASA}:2: bot.rasa_server imports"]),
        ("from bot import gateway\n", [f"{RASA}:1: bot.rasa_server imports"]),
        ("from bot.common.settings import Settings\nimport retrieval.encoder\n", []),
    ],
)
def test_the_check_finds_an_import_across_processes(tmp_path: Path, source: str, expected):
    (tmp_path / "bot" / "rasa_server").mkdir(parents=True)
    (tmp_path / "bot" / "rasa_server" / "x.py").write_text(source)
    found = forbidden_imports(tmp_path)
    assert len(found) == len(expected)
    assert all(f.startswith(e) for f, e in zip(found, expected, strict=True))


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("from bot.common.environment import fields_from_mapping\n", False),
        ("from bot.gateway.keys import DB\n", True),
        ("import actions.client_action\n", True),
    ],
)
def test_the_search_library_imports_only_the_shared_layer(
    tmp_path: Path, source: str, forbidden: bool
):
    (tmp_path / "retrieval").mkdir()
    (tmp_path / "retrieval" / "x.py").write_text(source)
    assert bool(forbidden_imports(tmp_path)) is forbidden
